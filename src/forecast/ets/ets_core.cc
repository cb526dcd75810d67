// The ETS recursions shared by fitting, forecasting and simulation.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

#include "forecast/ets/decompose.h"
#include "forecast/ets/ets.h"
#include "forecast/fit_error.h"

namespace invplan::forecast {
namespace {

const char* Letter(EtsComponent c) {
  switch (c) {
    case EtsComponent::kNone:
      return "N";
    case EtsComponent::kAdditive:
      return "A";
    case EtsComponent::kMultiplicative:
      return "M";
  }
  return "?";
}

std::string TrendCode(const EtsSpec& s) {
  return std::string(Letter(s.trend)) + (s.damped && s.trend != EtsComponent::kNone ? "d" : "");
}

}  // namespace

std::string EtsSpec::Name() const {
  return std::string("ETS(") + Letter(error) + "," + TrendCode(*this) + "," + Letter(season) + ")";
}

std::string EtsSpec::Code() const {
  return Letter(error) + TrendCode(*this) + Letter(season);
}

bool ParseEtsRequest(const std::string& text, EtsRequest* out) {
  EtsRequest r;
  std::string t = text;
  for (char& c : t) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (t.size() == 4 && t[2] == 'D') {
    r.damped = 'Y';
    t.erase(2, 1);
  } else if (t.size() != 3) {
    return false;
  } else if (t[1] == 'A') {
    r.damped = 'N';  // "AAN": undamped additive trend
  }
  r.error = t[0];
  r.trend = t[1];
  r.season = t[2];
  auto in = [](char c, const char* set) { return std::string(set).find(c) != std::string::npos; };
  if (!in(r.error, "AMZ") || !in(r.trend, "NAZ") || !in(r.season, "NAMZ")) return false;
  if (r.damped == 'Y' && r.trend == 'N') return false;
  // An additive error with a multiplicative season has infinite forecast
  // variance; R's ets refuses the combination as well.
  if (r.error == 'A' && r.season == 'M') return false;
  if (out) *out = r;
  return true;
}

namespace detail {
namespace {

bool HasTrend(const EtsSpec& s) {
  return s.trend != EtsComponent::kNone;
}
bool HasSeason(const EtsSpec& s) {
  return s.season != EtsComponent::kNone;
}

// The level plus the (damped) trend expected for the next period.
double Predicted(const EtsSpec& spec, const EtsParams& p, const std::vector<double>& x) {
  return HasTrend(spec) ? x[0] + (spec.damped ? p.phi : 1.0) * x[1] : x[0];
}

}  // namespace

bool EtsAdmissible(const EtsSpec& spec, int m, const EtsParams& p) {
  const double phi = spec.damped ? p.phi : 1.0;
  const double alpha = p.alpha;
  const double beta = HasTrend(spec) ? p.beta : 0.0;
  if (!HasSeason(spec) || m <= 1) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    return !HasTrend(spec) || (beta >= alpha * (phi - 1) && beta <= (1 + phi) * (2 - alpha));
  }
  const double gamma = p.gamma;
  if (gamma < std::max(1 - 1 / phi - alpha, 0.0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  // The characteristic polynomial of the discount matrix, lowest power
  // first and monic: its roots must lie in the unit circle.
  std::vector<double> c(m + 2, alpha + beta - alpha * phi);
  c[0] = phi * (1 - alpha - gamma);
  c[1] = alpha + beta - alpha * phi + gamma - 1;
  c[m] = alpha + beta - phi;
  c[m + 1] = 1;
  const int d = m + 1;
  // Every root of a monic polynomial lies within the unit circle when its
  // other coefficients' absolute values sum to at most 1: the common case,
  // decided without the eigenvalues.
  double bound = 0;
  for (int i = 0; i < d; ++i) bound += std::abs(c[i]);
  if (bound <= 1) return true;
  // The Schur-Cohn step-down test decides the rest in O(m^2): the roots lie
  // inside the circle exactly when every reflection coefficient |a0 / ak| is
  // below 1. Only when one comes near 1 (a root near the circle, where R's
  // tolerance of 1e-10 matters) are the roots computed.
  std::vector<double> a(c), b(d + 1);
  int top = d;
  // Without trend and damping z = 1 is always a root (P(1) = m beta): R
  // accepts it (|z| <= 1 + 1e-10), so divide it out and test the others.
  double at_one = 0;
  for (double v : c) at_one += v;
  if (std::abs(at_one) < 1e-12) {
    double carry = 0;  // synthetic division by (z - 1), highest power first
    for (int i = d; i >= 1; --i) {
      carry = c[i] + carry;
      a[i - 1] = carry;
    }
    top = d - 1;
  }
  bool near = false;
  for (int k = top; k >= 1; --k) {
    const double r = a[0] / a[k];
    if (std::abs(std::abs(r) - 1) < 1e-6) {
      near = true;
      break;
    }
    if (std::abs(r) > 1) return false;
    double scale = 0;
    for (int i = 0; i < k; ++i) {
      b[i] = a[k] * a[i + 1] - a[0] * a[k - 1 - i];
      scale = std::max(scale, std::abs(b[i]));
    }
    if (!(scale > 0)) {
      near = true;
      break;
    }
    for (int i = 0; i < k; ++i) a[i] = b[i] / scale;
  }
  if (!near) return true;
  Eigen::MatrixXd companion = Eigen::MatrixXd::Zero(d, d);
  for (int i = 1; i < d; ++i) companion(i, i - 1) = 1.0;
  for (int i = 0; i < d; ++i) companion(i, d - 1) = -c[i];
  const Eigen::VectorXcd roots = companion.eigenvalues();
  for (int i = 0; i < d; ++i) {
    if (std::abs(roots(i)) > 1 + 1e-10) return false;
  }
  return true;
}

double EtsOneStep(const EtsSpec& spec, int /*m*/, const EtsParams& p,
                  const std::vector<double>& x) {
  const double q = Predicted(spec, p, x);
  if (!HasSeason(spec)) return q;
  const double s = x[x.size() - 1];
  return spec.season == EtsComponent::kAdditive ? q + s : q * s;
}

void EtsUpdate(const EtsSpec& spec, int /*m*/, const EtsParams& p, double y,
               std::vector<double>* x) {
  // The updates written with y rather than the innovation are the same for
  // additive and multiplicative errors (Hyndman et al. 2008, table 2.3), so
  // one update serves both; only the innovation and the likelihood differ.
  std::vector<double>& v = *x;
  const bool trend = HasTrend(spec);
  const double phi = spec.damped ? p.phi : 1.0;
  const double q = Predicted(spec, p, v);
  double sv = 0, level_obs = y;
  if (HasSeason(spec)) {
    sv = v[v.size() - 1];
    level_obs = spec.season == EtsComponent::kAdditive ? y - sv : y / sv;
  }
  v[0] = q + p.alpha * (level_obs - q);
  if (trend) v[1] = phi * v[1] + p.beta * (level_obs - q);
  if (HasSeason(spec)) {
    const double season_obs = spec.season == EtsComponent::kAdditive ? y - q : y / q;
    const std::size_t first = trend ? 2 : 1;
    for (std::size_t i = v.size() - 1; i > first; --i) v[i] = v[i - 1];
    v[first] = sv + p.gamma * (season_obs - sv);
  }
}

double EtsPass(const std::vector<double>& y, const EtsSpec& spec, int m, const EtsParams& p,
               const std::vector<double>& initial, std::vector<double>* state,
               std::vector<double>* residuals) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> x = initial;
  if (residuals) residuals->assign(y.size(), 0.0);
  const bool mult_error = spec.error == EtsComponent::kMultiplicative;
  const bool positive = mult_error || spec.season == EtsComponent::kMultiplicative;
  double sse = 0, log_fitted = 0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    const double f = EtsOneStep(spec, m, p, x);
    // Multiplicative components describe positive series: a fitted value at
    // or below zero leaves the model.
    if (!std::isfinite(f) || (positive && !(f > 1e-10))) return kInf;
    const double e = mult_error ? (y[t] - f) / f : y[t] - f;
    sse += e * e;
    if (mult_error) log_fitted += std::log(std::abs(f));
    if (residuals) (*residuals)[t] = e;
    EtsUpdate(spec, m, p, y[t], &x);
  }
  if (state) *state = x;
  const double n = static_cast<double>(y.size());
  const double lik = n * std::log(std::max(sse, 1e-300)) + 2.0 * log_fitted;
  return std::isfinite(lik) ? lik : kInf;
}

std::vector<double> EtsInitialStates(const std::vector<double>& y, int m, const EtsSpec& spec) {
  const int n = static_cast<int>(y.size());
  const bool mult = spec.season == EtsComponent::kMultiplicative;
  std::vector<double> seasonal;  // per observation; empty without season
  std::vector<double> seas_init;
  if (HasSeason(spec)) {
    seasonal.resize(n);
    if (n < 3 * m) {
      // Too few seasons for a decomposition: a linear trend plus one Fourier
      // pair, the seasonal part what the trend leaves.
      Eigen::MatrixXd X(n, m > 2 ? 4 : 3);
      Eigen::VectorXd Y(n);
      for (int t = 0; t < n; ++t) {
        const double tt = t + 1.0, w = 2.0 * M_PI * tt / m;
        X(t, 0) = 1.0;
        X(t, 1) = tt;
        X(t, 2) = std::cos(w);
        if (m > 2) X(t, 3) = std::sin(w);
        Y(t) = y[t];
      }
      const Eigen::VectorXd c = X.colPivHouseholderQr().solve(Y);
      for (int t = 0; t < n; ++t) {
        const double trend = c(0) + c(1) * (t + 1.0);
        seasonal[t] = mult ? y[t] / trend : y[t] - trend;
      }
    } else {
      const std::vector<double> figure = SeasonalFigure(y, m, mult);
      for (int t = 0; t < n; ++t) seasonal[t] = figure[t % m];
    }
    // s0 is the season of the period just before the first observation, the
    // last of the first cycle; the oldest state follows from normalisation.
    for (int j = 0; j < m - 1; ++j) seas_init.push_back(seasonal[m - 1 - j]);
    if (mult) {
      double sum = 0;
      for (double& s : seas_init) {
        s = std::max(s, 1e-2);
        sum += s;
      }
      if (sum > m) {
        for (double& s : seas_init) s /= sum + 1e-2 * (m - 1);
      }
    }
  }
  std::vector<double> adjusted(y);
  if (HasSeason(spec)) {
    for (int t = 0; t < n; ++t) {
      adjusted[t] = mult ? y[t] / std::max(seasonal[t], 1e-2) : y[t] - seasonal[t];
    }
  }
  const int maxn = std::min(std::max(10, 2 * m), n);
  std::vector<double> init;
  if (!HasTrend(spec)) {
    double s = 0;
    for (int t = 0; t < maxn; ++t) s += adjusted[t];
    init.push_back(s / maxn);
  } else {
    // Least-squares line through the first periods, at time 0.
    double st = 0, sy = 0, stt = 0, sty = 0;
    for (int t = 0; t < maxn; ++t) {
      const double tt = t + 1.0;
      st += tt;
      sy += adjusted[t];
      stt += tt * tt;
      sty += tt * adjusted[t];
    }
    const double slope = (maxn * sty - st * sy) / (maxn * stt - st * st);
    double l0 = (sy - slope * st) / maxn, b0 = slope;
    if (std::abs(l0 + b0) < 1e-8) {
      l0 *= 1 + 1e-3;
      b0 *= 1 - 1e-3;
    }
    init.push_back(l0);
    init.push_back(b0);
  }
  for (double s : seas_init) init.push_back(s);
  return init;
}

}  // namespace detail
}  // namespace invplan::forecast
