// Automatic order selection in the Hyndman-Khandakar way (as R's
// forecast::auto.arima with stepwise = TRUE, ic = "aicc").
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <tuple>

#include "forecast/arima/arima.h"
#include "forecast/arima/arima_fit.h"
#include "forecast/arima/arima_poly.h"
#include "forecast/arima/arima_unitroot.h"
#include "forecast/fit_error.h"

namespace invplan::forecast {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kMaxModels = 94;

std::vector<double> RegressionResiduals(const std::vector<double>& y, const Eigen::MatrixXd& x) {
  const int n = static_cast<int>(y.size());
  Eigen::MatrixXd a(n, x.cols() + 1);
  a.col(0).setOnes();
  a.rightCols(x.cols()) = x;
  Eigen::Map<const Eigen::VectorXd> yv(y.data(), n);
  const Eigen::VectorXd b = a.colPivHouseholderQr().solve(yv);
  const Eigen::VectorXd r = yv - a * b;
  return std::vector<double>(r.data(), r.data() + n);
}

// A model whose differenced series is constant: nothing left to estimate.
ArimaModel DegenerateModel(const std::vector<double>& y, ArimaOrder order, bool constant,
                           double value, int k) {
  ArimaModel m;
  m.order = order;
  m.include_constant = constant;
  m.constant = constant ? value : 0.0;
  m.xreg_coef.assign(k, 0.0);
  const std::vector<double> w = detail::Difference(y, order.d, order.D, order.s);
  const double c =
      !constant ? 0.0 : (order.d + order.D == 0 ? value : value * (order.D ? order.s : 1));
  double ss = 0;
  for (double v : w) ss += (v - c) * (v - c);
  m.nobs = static_cast<int>(w.size());
  m.sigma2 = m.nobs > 0 ? ss / m.nobs : 0.0;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  m.loglik = m.aic = m.aicc = m.bic = nan;
  return m;
}

using CandidateKey = std::tuple<int, int, int, int, bool>;  // p, q, P, Q, constant

// The candidate fits of one search, cached by order.
class Search {
  struct Entry {
    double ic = kInf;
    ArimaModel model;
    bool css = false;        // fitted by CSS (the approximate search)
    bool confirmed = false;  // the covariance check has run
    int seq = 0;             // order in which the candidates were tried
  };

 public:
  Search(const std::vector<double>& y, const Eigen::MatrixXd& xreg, int d, int D, int s,
         bool use_aic)
      : y_(y), xreg_(xreg), d_(d), D_(D), s_(s), use_aic_(use_aic) {}

  // Switches the search to CSS fits scored as R's auto.arima does with
  // approximation = TRUE: IC = offset + n* log(sigma2_css) + 2k, the offset
  // taken from an exact fit of ARIMA(1,d,0)(0,D,0) so that the scale matches
  // exact likelihoods. Returns false (and stays exact) when that fit fails.
  bool UseApproximation() {
    try {
      detail::ArimaProblem base(y_, xreg_, d_, D_, s_, d_ + D_ == 0);
      const ArimaModel m = base.Fit(1, 0, 0, 0);
      offset_ = -2 * m.loglik - static_cast<double>(y_.size()) * std::log(base.last_ml_sigma2());
    } catch (const ModelFitError&) {
      return false;
    }
    if (!std::isfinite(offset_)) return false;
    approximate_ = true;
    return true;
  }

  // After an approximate search: the candidates refitted exactly, first
  // those with a finite approximate criterion in its order, then (as R,
  // which refits every candidate it tried) the rest in the order they were
  // tried; the first acceptable exact fit wins.
  ArimaModel RefitBest() {
    std::vector<CandidateKey> order;
    for (const CandidateKey& key : FiniteByIc()) {
      if (Confirm(key)) order.push_back(key);
    }
    std::vector<std::pair<int, CandidateKey>> rest;
    for (const auto& [key, entry] : cache_) {
      if (!std::isfinite(entry.ic)) rest.push_back({entry.seq, key});
    }
    std::sort(rest.begin(), rest.end());
    for (const auto& [seq, key] : rest) order.push_back(key);
    approximate_ = false;
    for (const CandidateKey& key : order) {
      const auto [p, q, P, Q, constant] = key;
      ArimaModel model;
      if (std::isfinite(Evaluate(p, q, P, Q, constant, &model)) &&
          problem(constant).CovarianceDefined(model, false))
        return model;
    }
    throw ModelFitError("no suitable model");
  }

  // Information criterion of ARIMA(p,d,q)(P,D,Q) with or without constant;
  // +inf for failed fits and for fits with roots too close to the unit
  // circle. The covariance check is left to Confirm.
  double Ic(int p, int q, int P, int Q, bool constant) {
    const CandidateKey key = std::make_tuple(p, q, P, Q, constant);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second.ic;
    Entry entry;
    entry.ic = Evaluate(p, q, P, Q, constant, &entry.model);
    entry.css = approximate_;
    entry.seq = static_cast<int>(cache_.size());
    cache_[key] = entry;
    return entry.ic;
  }
  // Whether a tried candidate passes R's covariance check (its criterion
  // becomes +inf when not). Only candidates that would change the search
  // (a new best, the winner) are checked: the Hessian costs 2k^2 + 1
  // likelihood evaluations for k coefficients of an exact fit, and a candidate that is not
  // better than the best so far leaves the search the same either way.
  bool Confirm(const CandidateKey& key) {
    Entry& entry = cache_.at(key);
    if (!entry.confirmed && std::isfinite(entry.ic)) {
      entry.confirmed = true;
      if (!problem(std::get<4>(key)).CovarianceDefined(entry.model, entry.css)) entry.ic = kInf;
    }
    return std::isfinite(entry.ic);
  }
  bool Confirm(int p, int q, int P, int Q, bool constant) {
    return Confirm(std::make_tuple(p, q, P, Q, constant));
  }
  // The confirmed candidate of smallest criterion; throws when none.
  const ArimaModel& Best() {
    for (const CandidateKey& key : FiniteByIc())
      if (Confirm(key)) return cache_.at(key).model;
    throw ModelFitError("no suitable model");
  }

  // Fits one candidate (exactly or by CSS) and returns its criterion, +inf
  // for failed fits and roots too close to the unit circle.
  double Evaluate(int p, int q, int P, int Q, bool constant, ArimaModel* out) {
    double ic = kInf;
    try {
      ArimaModel& model = *out;
      if (approximate_) {
        double s2 = 0;
        model = problem(constant).FitCss(p, q, P, Q, &s2);
        const double nstar = static_cast<double>(problem(constant).differenced_length());
        const double k = p + q + P + Q + problem(constant).estimated_regressors() + 1.0;
        const double aic = offset_ + nstar * std::log(s2) + 2 * k;
        ic = use_aic_ ? aic : (nstar - k - 1 > 0 ? aic + 2 * k * (k + 1) / (nstar - k - 1) : kInf);
      } else {
        model = problem(constant).Fit(p, q, P, Q);
        ic = use_aic_ ? model.aic : model.aicc;
      }
      std::vector<double> phi, theta;
      detail::ExpandArma(model.ar.data(), p, model.sar.data(), P, model.ma.data(), q,
                         model.sma.data(), Q, s_, &phi, &theta);
      double minroot = 2;
      if (!phi.empty()) minroot = std::min(minroot, detail::MinRootModulus(phi, -1));
      if (!theta.empty()) minroot = std::min(minroot, detail::MinRootModulus(theta, +1));
      if (minroot < 1.01 || !std::isfinite(ic)) ic = kInf;
    } catch (const ModelFitError&) {
      ic = kInf;
    }
    return ic;
  }

  bool Tried(int p, int q, int P, int Q, bool constant) const {
    return cache_.count(std::make_tuple(p, q, P, Q, constant)) > 0;
  }
  int count() const { return static_cast<int>(cache_.size()); }

 private:
  // The candidates of finite criterion as they stand now, smallest first
  // (ties in key order).
  std::vector<CandidateKey> FiniteByIc() const {
    std::vector<std::pair<double, CandidateKey>> finite;
    for (const auto& [key, entry] : cache_) {
      if (std::isfinite(entry.ic)) finite.push_back({entry.ic, key});
    }
    std::stable_sort(finite.begin(), finite.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<CandidateKey> keys;
    for (const auto& item : finite) keys.push_back(item.second);
    return keys;
  }

  detail::ArimaProblem& problem(bool constant) {
    auto& slot = problems_[constant ? 1 : 0];
    if (!slot) slot = std::make_unique<detail::ArimaProblem>(y_, xreg_, d_, D_, s_, constant);
    return *slot;
  }

  const std::vector<double>& y_;
  const Eigen::MatrixXd& xreg_;
  int d_, D_, s_;
  bool use_aic_;
  bool approximate_ = false;
  double offset_ = 0;
  std::unique_ptr<detail::ArimaProblem> problems_[2];
  std::map<CandidateKey, Entry> cache_;
};

}  // namespace

ArimaModel AutoArima(const std::vector<double>& y, const Eigen::MatrixXd& xreg, int season,
                     const AutoArimaOptions& opt) {
  const int n = static_cast<int>(y.size());
  const int k = static_cast<int>(xreg.cols());
  if (n < 3) throw ModelFitError("too short");
  for (double v : y)
    if (!std::isfinite(v)) throw ModelFitError("non-finite value");
  if (k > 0 && xreg.rows() != n) throw ModelFitError("regressor rows mismatch");
  if (!xreg.allFinite()) throw ModelFitError("non-finite regressor");
  const int m = std::max(1, season);

  if (detail::IsConstant(y) && k == 0)
    return DegenerateModel(y, ArimaOrder{0, 0, 0, 0, 0, 0, m}, true, y[0], 0);

  // Tests on the regression residuals when there are regressors.
  const std::vector<double> xx = k > 0 ? RegressionResiduals(y, xreg) : y;
  int D = opt.fixed_D >= 0 ? opt.fixed_D : (m > 1 ? NumberOfSeasonalDiffs(xx, m, opt.max_D) : 0);
  if (m == 1) D = 0;
  std::vector<double> dx = detail::Difference(xx, 0, D, m);
  const int d = opt.fixed_d >= 0 ? opt.fixed_d : NumberOfDiffs(dx, opt.max_d);
  dx = detail::Difference(dx, d, 0, 1);
  if (dx.empty()) throw ModelFitError("too short");
  if (detail::IsConstant(dx) && k == 0) {
    if (D > 0 && d == 0) {
      double mean = 0;
      for (double v : dx) mean += v / m;
      return DegenerateModel(y, ArimaOrder{0, 0, 0, 0, D, 0, m}, true, mean / dx.size(), 0);
    }
    if (D > 0 || d == 2) return DegenerateModel(y, ArimaOrder{0, d, 0, 0, D, 0, m}, false, 0, 0);
    double mean = 0;
    for (double v : dx) mean += v;
    return DegenerateModel(y, ArimaOrder{0, d, 0, 0, 0, 0, m}, true, mean / dx.size(), 0);
  }

  int max_p = std::min(opt.max_p, n / 3), max_q = std::min(opt.max_q, n / 3);
  int max_P = m > 1 ? std::min(opt.max_P, n / 3 / m) : 0;
  int max_Q = m > 1 ? std::min(opt.max_Q, n / 3 / m) : 0;
  if (m > 1) {
    if (max_P > 0) max_p = std::min(max_p, m - 1);
    if (max_Q > 0) max_q = std::min(max_q, m - 1);
  }
  const bool allow_drift = opt.allow_constant && d + D == 1;
  const bool allow_mean = opt.allow_constant && d + D == 0;
  bool constant = allow_drift || allow_mean;

  Search search(y, xreg, d, D, m, n <= 3);
  const bool approximate = opt.approximation == 1 || (opt.approximation < 0 && (n > 150 || m > 12));
  const bool approximated = approximate && search.UseApproximation();

  if (!opt.stepwise) {
    for (int p = 0; p <= max_p; ++p)
      for (int q = 0; q <= max_q; ++q)
        for (int P = 0; P <= max_P; ++P)
          for (int Q = 0; Q <= max_Q; ++Q) {
            if (p + q + P + Q > opt.max_order) continue;
            search.Ic(p, q, P, Q, false);
            if (constant) search.Ic(p, q, P, Q, true);
          }
  } else {
    int sp = opt.start_p, sq = opt.start_q, sP = opt.start_P, sQ = opt.start_Q;
    if (n < 10) {
      sp = std::min(sp, 1);
      sq = std::min(sq, 1);
      sP = sQ = 0;
    }
    int p = std::min(sp, max_p), q = std::min(sq, max_q);
    int P = std::min(sP, max_P), Q = std::min(sQ, max_Q);
    double best = search.Ic(p, q, P, Q, constant);
    if (!search.Confirm(p, q, P, Q, constant)) best = kInf;
    auto consider = [&](int np, int nq, int nP, int nQ, bool c) {
      const double ic = search.Ic(np, nq, nP, nQ, c);
      if (ic < best && search.Confirm(np, nq, nP, nQ, c)) {
        best = ic;
        p = np, q = nq, P = nP, Q = nQ, constant = c;
        return true;
      }
      return false;
    };
    consider(0, 0, 0, 0, constant);
    if (max_p > 0 || max_P > 0) consider(max_p > 0, 0, (m > 1 && max_P > 0), 0, constant);
    if (max_q > 0 || max_Q > 0) consider(0, max_q > 0, 0, (m > 1 && max_Q > 0), constant);
    if (constant) {
      // As R's auto.arima: a better null model without the constant moves the
      // search to (0,0)(0,0) but the search itself keeps the constant (its
      // toggle is the last move tried).
      const double ic = search.Ic(0, 0, 0, 0, false);
      if (ic < best && search.Confirm(0, 0, 0, 0, false)) {
        best = ic;
        p = q = P = Q = 0;
      }
    }

    // Neighbourhood moves, first improvement restarts the scan.
    bool improved = true;
    while (improved && search.count() < kMaxModels) {
      improved = false;
      auto step = [&](bool ok, int np, int nq, int nP, int nQ, bool c) {
        if (improved || !ok || search.Tried(np, nq, nP, nQ, c)) return;
        if (search.count() >= kMaxModels) return;
        improved = consider(np, nq, nP, nQ, c);
      };
      step(P > 0, p, q, P - 1, Q, constant);
      step(Q > 0, p, q, P, Q - 1, constant);
      step(P < max_P, p, q, P + 1, Q, constant);
      step(Q < max_Q, p, q, P, Q + 1, constant);
      step(Q > 0 && P > 0, p, q, P - 1, Q - 1, constant);
      step(Q < max_Q && P > 0, p, q, P - 1, Q + 1, constant);
      step(Q > 0 && P < max_P, p, q, P + 1, Q - 1, constant);
      step(Q < max_Q && P < max_P, p, q, P + 1, Q + 1, constant);
      step(p > 0, p - 1, q, P, Q, constant);
      step(q > 0, p, q - 1, P, Q, constant);
      step(p < max_p, p + 1, q, P, Q, constant);
      step(q < max_q, p, q + 1, P, Q, constant);
      step(q > 0 && p > 0, p - 1, q - 1, P, Q, constant);
      step(q < max_q && p > 0, p - 1, q + 1, P, Q, constant);
      step(q > 0 && p < max_p, p + 1, q - 1, P, Q, constant);
      step(q < max_q && p < max_p, p + 1, q + 1, P, Q, constant);
      step(allow_drift || allow_mean, p, q, P, Q, !constant);
    }
  }
  return approximated ? search.RefitBest() : search.Best();
}

}  // namespace invplan::forecast
