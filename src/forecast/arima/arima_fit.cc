#include "forecast/arima/arima_fit.h"

#include <cmath>
#include <limits>

#include "forecast/arima/arima_optim.h"
#include "forecast/arima/arima_poly.h"
#include "forecast/fit_error.h"

namespace invplan::forecast::detail {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kLog2Pi = 1.8378770664093454836;

bool AllFinite(const std::vector<double>& v) {
  for (double x : v)
    if (!std::isfinite(x)) return false;
  return true;
}
}  // namespace

Eigen::MatrixXd DesignMatrix(const ArimaModel& model, const Eigen::MatrixXd& xreg, int rows,
                             int offset) {
  const bool constant = model.include_constant && model.order.d + model.order.D <= 1;
  const int k = static_cast<int>(xreg.cols()) + (constant ? 1 : 0);
  Eigen::MatrixXd x(rows, k);
  int c = 0;
  if (constant) {
    for (int i = 0; i < rows; ++i) x(i, 0) = ConstantIsDrift(model.order) ? offset + i + 1.0 : 1.0;
    c = 1;
  }
  if (xreg.cols() > 0) x.rightCols(xreg.cols()) = xreg.topRows(rows);
  (void)c;
  return x;
}

ArimaProblem::ArimaProblem(const std::vector<double>& y, const Eigen::MatrixXd& xreg, int d, int D,
                           int s, bool include_constant)
    : n_(static_cast<int>(y.size())), d_(d), D_(D), s_(s) {
  if (xreg.cols() > 0 && xreg.rows() != n_) throw ModelFitError("regressor rows mismatch");
  if (!AllFinite(y) || !xreg.allFinite()) throw ModelFitError("non-finite input");
  constant_ = include_constant && d + D <= 1;
  ArimaModel shape;
  shape.order.d = d;
  shape.order.D = D;
  shape.order.s = s;
  shape.include_constant = constant_;
  const Eigen::MatrixXd x = DesignMatrix(shape, xreg, n_, 0);
  k_ = static_cast<int>(x.cols());
  dy_ = Difference(y, d, D, s);
  const int m = static_cast<int>(dy_.size());
  if (m < 1) throw ModelFitError("too short");
  // Difference the design; find the identifiable columns by pivoted QR.
  Eigen::MatrixXd dx(m, k_);
  for (int j = 0; j < k_; ++j) {
    std::vector<double> col(x.col(j).data(), x.col(j).data() + n_);
    col = Difference(col, d, D, s);
    for (int i = 0; i < m; ++i) dx(i, j) = col[i];
  }
  if (k_ > 0) {
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(dx);
    qr.setThreshold(1e-10);
    const int rank = static_cast<int>(qr.rank());
    std::vector<bool> keep(k_, false);
    for (int i = 0; i < rank; ++i) keep[qr.colsPermutation().indices()(i)] = true;
    for (int j = 0; j < k_; ++j)
      if (keep[j] && dx.col(j).cwiseAbs().maxCoeff() > 0) active_.push_back(j);
  }
  const int ka = static_cast<int>(active_.size());
  dx_.resize(m, ka);
  for (int j = 0; j < ka; ++j) dx_.col(j) = dx.col(active_[j]);
  beta0_.assign(ka, 0.0);
  scale_.assign(ka, 1.0);
  if (ka > 0) {
    Eigen::Map<const Eigen::VectorXd> yv(dy_.data(), m);
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(dx_);
    const Eigen::VectorXd b = qr.solve(yv);
    const Eigen::VectorXd res = yv - dx_ * b;
    const double s2 = m > ka ? res.squaredNorm() / (m - ka) : 0.0;
    Eigen::MatrixXd xtx_inv =
        (dx_.transpose() * dx_).ldlt().solve(Eigen::MatrixXd::Identity(ka, ka));
    for (int j = 0; j < ka; ++j) {
      beta0_[j] = std::isfinite(b(j)) ? b(j) : 0.0;
      const double se = std::sqrt(s2 * xtx_inv(j, j));
      scale_[j] = std::isfinite(se) && se > 0 ? 10 * se : std::max(1e-6, 0.1 * std::abs(beta0_[j]));
      if (!(scale_[j] > 0) || !std::isfinite(scale_[j])) scale_[j] = 1.0;
    }
  }
  w_.resize(m);
}

void ArimaProblem::Unpack(const double* par, bool transformed) {
  const int narma = p_ + q_ + P_ + Q_;
  const int ka = static_cast<int>(active_.size());
  coef_.assign(par, par + narma + ka);
  if (transformed) {
    PacfToAr(coef_.data(), p_);
    PacfToAr(coef_.data() + p_ + q_, P_);
  }
  for (int j = 0; j < ka; ++j) coef_[narma + j] *= scale_[j];
  ExpandArma(coef_.data(), p_, coef_.data() + p_ + q_, P_, coef_.data() + p_, q_,
             coef_.data() + p_ + q_ + P_, Q_, s_, &phi_, &theta_);
  const int m = static_cast<int>(dy_.size());
  if (ka == 0) {
    for (int i = 0; i < m; ++i) w_[i] = dy_[i];
  } else {
    Eigen::Map<const Eigen::VectorXd> beta(coef_.data() + narma, ka);
    Eigen::Map<Eigen::VectorXd> w(w_.data(), m);
    w = Eigen::Map<const Eigen::VectorXd>(dy_.data(), m) - dx_ * beta;
  }
}

double ArimaProblem::MlObjective(const double* par, bool transformed) {
  Unpack(par, transformed);
  const KalmanSums s = kalman_.RunFast(w_.data(), static_cast<int>(w_.size()), phi_, theta_);
  if (!s.ok || s.nu == 0) return kInf;
  const double s2 = s.ssq / s.nu;
  if (!(s2 > 0)) return kInf;
  return 0.5 * (std::log(s2) + s.sumlog / s.nu);
}

double ArimaProblem::CssObjective(const double* par) {
  Unpack(par, false);
  int count = 0;
  const int ncond = p_ + s_ * P_;
  const double ssq =
      CssSum(w_.data(), static_cast<int>(w_.size()), phi_, theta_, ncond, &resid_, &count);
  if (count == 0 || !(ssq > 0) || !std::isfinite(ssq)) return kInf;
  return 0.5 * std::log(ssq / count);
}

void ArimaProblem::SetOrder(int p, int q, int P, int Q) {
  p_ = p;
  q_ = q;
  P_ = P;
  Q_ = Q;
  const int npar = p + q + P + Q + static_cast<int>(active_.size());
  const int m = static_cast<int>(dy_.size());
  if (m <= p + s_ * P || m < npar + 1) throw ModelFitError("too short");
}

std::vector<double> ArimaProblem::StartValues() const {
  const int narma = p_ + q_ + P_ + Q_;
  const int ka = static_cast<int>(active_.size());
  std::vector<double> par(narma + ka, 0.0);
  for (int j = 0; j < ka; ++j) par[narma + j] = beta0_[j] / scale_[j];
  return par;
}

ArimaModel ArimaProblem::ModelFrom(const std::vector<double>& coef) const {
  const int p = p_, q = q_, P = P_, Q = Q_;
  const int narma = p + q + P + Q;
  const int ka = static_cast<int>(active_.size());
  ArimaModel model;
  model.order = {p, d_, q, P, D_, Q, s_};
  model.include_constant = constant_;
  model.ar.assign(coef.begin(), coef.begin() + p);
  model.ma.assign(coef.begin() + p, coef.begin() + p + q);
  model.sar.assign(coef.begin() + p + q, coef.begin() + p + q + P);
  model.sma.assign(coef.begin() + p + q + P, coef.begin() + narma);
  std::vector<double> beta(k_, 0.0);
  for (int j = 0; j < ka; ++j) beta[active_[j]] = coef[narma + j];
  if (constant_) model.constant = beta[0];
  model.xreg_coef.assign(beta.begin() + (constant_ ? 1 : 0), beta.end());
  return model;
}

bool ArimaProblem::CssGradient(const double* par, double* gradient) {
  Unpack(par, false);
  const int n = static_cast<int>(w_.size());
  const int ncond = p_ + s_ * P_;
  int count = 0;
  const double ssq = CssSum(w_.data(), n, phi_, theta_, ncond, &resid_, &count);
  if (count == 0 || !(ssq > 0) || !std::isfinite(ssq)) return false;
  const int np = static_cast<int>(phi_.size()), nq = static_cast<int>(theta_.size());
  const double* e = resid_.data();
  const double* w = w_.data();
  // Lags that carry a coefficient (now or after a step): i, (j+1)s and their
  // products; the others have zero gradient through the expansion.
  auto lags = [this](int ns, int nsea) {
    std::vector<int> v;
    for (int i = 1; i <= ns; ++i) v.push_back(i);
    for (int j = 1; j <= nsea; ++j)
      for (int i = 0; i <= ns; ++i) v.push_back(j * s_ + i);
    return v;
  };
  const std::vector<int> ar_lags = lags(p_, P_), ma_lags = lags(q_, Q_);
  std::vector<int> ma_nz;
  for (int k : ma_lags)
    if (theta_[k - 1] != 0.0) ma_nz.push_back(k);
  // Adjoint of e_l = w_l - sum phi_k w_{l-k} - sum theta_k e_{l-k} (l >= ncond)
  // for S = sum e_l^2, backwards from the end.
  std::vector<double>& eb = adjoint_;
  eb.assign(n, 0.0);
  for (int l = n - 1; l >= ncond; --l) {
    double v = 2 * e[l];
    for (int k : ma_nz)
      if (l + k < n) v -= theta_[k - 1] * eb[l + k];
    eb[l] = v;
  }
  // dS/d(expanded lag coefficient).
  std::vector<double> gphi(np, 0.0), gtheta(nq, 0.0);
  for (int k : ar_lags) {
    double g = 0;
    for (int l = ncond; l < n; ++l) g -= eb[l] * w[l - k];
    gphi[k - 1] = g;
  }
  for (int k : ma_lags) {
    double g = 0;
    for (int l = ncond + k; l < n; ++l) g -= eb[l] * e[l - k];
    gtheta[k - 1] = g;
  }
  // Chain rule through the multiplicative seasonal expansion (see ExpandArma).
  const double* ar = coef_.data();
  const double* ma = ar + p_;
  const double* sar = ma + q_;
  const double* sma = sar + P_;
  double* g = gradient;
  for (int i = 0; i < p_; ++i) {
    double v = gphi[i];
    for (int j = 0; j < P_; ++j) v -= sar[j] * gphi[(j + 1) * s_ + i];
    g[i] = v;
  }
  for (int i = 0; i < q_; ++i) {
    double v = gtheta[i];
    for (int j = 0; j < Q_; ++j) v += sma[j] * gtheta[(j + 1) * s_ + i];
    g[p_ + i] = v;
  }
  for (int j = 0; j < P_; ++j) {
    double v = gphi[(j + 1) * s_ - 1];
    for (int i = 0; i < p_; ++i) v -= ar[i] * gphi[(j + 1) * s_ + i];
    g[p_ + q_ + j] = v;
  }
  for (int j = 0; j < Q_; ++j) {
    double v = gtheta[(j + 1) * s_ - 1];
    for (int i = 0; i < q_; ++i) v += ma[i] * gtheta[(j + 1) * s_ + i];
    g[p_ + q_ + P_ + j] = v;
  }
  // Regression coefficients: w = dy - X beta, beta = par * scale.
  const int narma = p_ + q_ + P_ + Q_;
  const int ka = static_cast<int>(active_.size());
  if (ka > 0) {
    std::vector<int> ar_nz;
    for (int k : ar_lags)
      if (phi_[k - 1] != 0.0) ar_nz.push_back(k);
    Eigen::VectorXd wb(n);
    for (int m = 0; m < n; ++m) {
      double v = m >= ncond ? eb[m] : 0.0;
      for (int k : ar_nz)
        if (m + k >= ncond && m + k < n) v -= phi_[k - 1] * eb[m + k];
      wb(m) = v;
    }
    const Eigen::VectorXd gb = -(dx_.transpose() * wb);
    for (int j = 0; j < ka; ++j) g[narma + j] = gb(j) * scale_[j];
  }
  // f = log(S / count) / 2.
  for (int i = 0; i < narma + ka; ++i) g[i] *= 0.5 / ssq;
  for (int i = 0; i < narma + ka; ++i)
    if (!std::isfinite(g[i])) return false;
  return true;
}

ArimaModel ArimaProblem::FitCss(int p, int q, int P, int Q, double* css_sigma2) {
  SetOrder(p, q, P, Q);
  std::vector<double> par = StartValues();
  if (p + q + P + Q > 0) {
    const BfgsResult r = MinimiseBfgs(
        [this](const double* x) { return CssObjective(x); }, &par, 100, 1.490116119384765625e-8,
        1e-3, [this](const double* x, double* g) { return CssGradient(x, g); });
    if (!std::isfinite(r.value) || !AllFinite(par)) throw ModelFitError("fit failed");
  }
  const double value = CssObjective(par.data());
  if (!std::isfinite(value)) throw ModelFitError("fit failed");
  *css_sigma2 = std::exp(2 * value);
  ArimaModel model = ModelFrom(coef_);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  model.sigma2 = *css_sigma2;
  model.loglik = model.aic = model.aicc = model.bic = nan;
  model.nobs = static_cast<int>(dy_.size());
  return model;
}

ArimaModel ArimaProblem::Fit(int p, int q, int P, int Q) {
  SetOrder(p, q, P, Q);
  const int narma = p + q + P + Q;
  const int ka = static_cast<int>(active_.size());
  const int npar = narma + ka;
  const int m = static_cast<int>(dy_.size());
  std::vector<double> par = StartValues();

  // Conditional sum of squares for starting values (R's "CSS-ML").
  if (narma > 0) {
    std::vector<double> css = par;
    const BfgsResult r = MinimiseBfgs([this](const double* x) { return CssObjective(x); }, &css);
    if (r.converged && std::isfinite(r.value) && AllFinite(css)) par = css;
  }
  auto block = [&par](int from, int len) {
    return std::vector<double>(par.begin() + from, par.begin() + from + len);
  };
  auto put = [&par](int from, const std::vector<double>& v) {
    std::copy(v.begin(), v.end(), par.begin() + from);
  };
  if (p > 0 && !IsStationary(block(0, p))) put(0, std::vector<double>(p, 0.0));
  if (P > 0 && !IsStationary(block(p + q, P))) put(p + q, std::vector<double>(P, 0.0));
  if (q > 0) {
    auto v = block(p, q);
    InvertMa(&v);
    put(p, v);
  }
  if (Q > 0) {
    auto v = block(p + q + P, Q);
    InvertMa(&v);
    put(p + q + P, v);
  }
  ArToPacf(par.data(), p);
  ArToPacf(par.data() + p + q, P);

  auto ml = [this](const double* x) { return MlObjective(x, true); };
  if (!std::isfinite(ml(par.data()))) {
    std::fill(par.begin(), par.begin() + narma, 0.0);
    if (!std::isfinite(ml(par.data()))) throw ModelFitError("fit failed");
  }
  MinimiseBfgs(ml, &par);
  Unpack(par.data(), true);
  std::vector<double> coef = coef_;

  ArimaModel model = ModelFrom(coef);
  InvertMa(&model.ma);
  InvertMa(&model.sma);

  // Final likelihood at the reported (invertible) coefficients.
  std::vector<double> phi, theta;
  ExpandArma(model.ar.data(), p, model.sar.data(), P, model.ma.data(), q, model.sma.data(), Q, s_,
             &phi, &theta);
  const KalmanSums s = kalman_.Run(w_.data(), m, phi, theta, false);
  if (!s.ok || s.nu == 0 || !(s.ssq > 0)) throw ModelFitError("fit failed");
  const double nu = s.nu;
  const double value = 0.5 * (std::log(s.ssq / nu) + s.sumlog / nu);
  // Reported variance as R's forecast package: residual sum of squares over
  // the degrees of freedom left (used by the prediction intervals).
  model.sigma2 = nu - npar > 0 ? s.ssq / (nu - npar) : s.ssq / nu;
  last_ml_sigma2_ = s.ssq / nu;
  model.loglik = -0.5 * (2 * nu * value + nu + nu * kLog2Pi);
  model.nobs = s.nu;
  const int k = npar + 1;  // coefficients and sigma2
  model.aic = -2 * model.loglik + 2 * k;
  model.aicc = nu - k - 1 > 0 ? model.aic + 2.0 * k * (k + 1) / (nu - k - 1) : kInf;
  model.bic = model.aic + k * (std::log(nu) - 2);
  if (!std::isfinite(model.loglik) || !std::isfinite(model.sigma2) || !AllFinite(coef))
    throw ModelFitError("fit failed");
  return model;
}

}  // namespace invplan::forecast::detail
