// The covariance check of R's forecast::checkarima. stats::arima estimates
// the coefficients' covariance as the inverse of optim's finite-difference
// Hessian (times the observations used); auto.arima discards a candidate
// whose covariance has a NaN standard error. Skipping the check keeps
// candidates that sit on a saddle or a ridge of the likelihood, which can
// steer the stepwise search to a different (and usually worse) model than
// R's, as on the Seatbelts front-seat series.
#include <Eigen/Dense>
#include <cmath>
#include <functional>
#include <limits>

#include "forecast/arima/arima_fit.h"
#include "forecast/arima/arima_poly.h"

namespace invplan::forecast::detail {

namespace {

// optim's default ndeps: the step of its difference gradients and Hessian.
constexpr double kHessianStep = 1e-3;

using Gradient = std::function<bool(const std::vector<double>& x, std::vector<double>* g)>;

// optimhess: row i is (g(x + h e_i) - g(x - h e_i)) / 2h, then symmetrised.
bool DifferenceHessian(const Gradient& gradient, std::vector<double> x, Eigen::MatrixXd* h) {
  const int k = static_cast<int>(x.size());
  h->resize(k, k);
  std::vector<double> up(k), down(k);
  for (int i = 0; i < k; ++i) {
    const double xi = x[i];
    x[i] = xi + kHessianStep;
    const bool ok_up = gradient(x, &up);
    x[i] = xi - kHessianStep;
    const bool ok_down = gradient(x, &down);
    x[i] = xi;
    if (!ok_up || !ok_down) return false;
    for (int j = 0; j < k; ++j) (*h)(i, j) = (up[j] - down[j]) / (2 * kHessianStep);
  }
  *h = 0.5 * (*h + h->transpose()).eval();
  return h->allFinite();
}

// optimhess on optim's own central-difference gradient, from values of fn:
// H(i, j) = (f(++) - f(+-) - f(-+) + f(--)) / 4h^2 with steps h along i and
// j, and H(i, i) = (f(x + 2h e_i) - 2 f(x) + f(x - 2h e_i)) / 4h^2 -- the
// same numbers as differencing the difference gradient, in 2k^2 + 1
// evaluations instead of 4k^2.
bool ValueHessian(const std::function<double(const double*)>& fn, std::vector<double> x,
                  Eigen::MatrixXd* h) {
  const int k = static_cast<int>(x.size());
  h->resize(k, k);
  const double f0 = fn(x.data());
  if (!std::isfinite(f0)) return false;
  const double step = kHessianStep, denominator = 4 * step * step;
  auto at = [&](int i, double di, int j, double dj) {
    const double xi = x[i], xj = x[j];
    x[i] += di;
    x[j] += dj;
    const double v = fn(x.data());
    x[i] = xi;
    x[j] = xj;
    return v;
  };
  for (int i = 0; i < k; ++i) {
    const double up = at(i, 2 * step, i, 0), down = at(i, -2 * step, i, 0);
    (*h)(i, i) = (up - 2 * f0 + down) / denominator;
    for (int j = 0; j < i; ++j) {
      const double v = (at(i, step, j, step) - at(i, step, j, -step) - at(i, -step, j, step) +
                        at(i, -step, j, -step)) /
                       denominator;
      (*h)(i, j) = (*h)(j, i) = v;
    }
  }
  return h->allFinite();
}

// Forward-difference Jacobian of the AR transformation of one block, as R's
// ARIMA_Gradtrans: a(i, j) = d coefficient_j / d parameter_i.
void TransformJacobian(const std::vector<double>& par, int from, int len, Eigen::MatrixXd* a) {
  if (len <= 0) return;
  std::vector<double> base(par.begin() + from, par.begin() + from + len);
  PacfToAr(base.data(), len);
  for (int i = 0; i < len; ++i) {
    std::vector<double> w(par.begin() + from, par.begin() + from + len);
    w[i] += kHessianStep;
    PacfToAr(w.data(), len);
    for (int j = 0; j < len; ++j) (*a)(from + i, from + j) = (w[j] - base[j]) / kHessianStep;
  }
}

}  // namespace

std::vector<double> ArimaProblem::ParametersOf(const ArimaModel& model, bool transformed) const {
  std::vector<double> par;
  par.insert(par.end(), model.ar.begin(), model.ar.end());
  par.insert(par.end(), model.ma.begin(), model.ma.end());
  par.insert(par.end(), model.sar.begin(), model.sar.end());
  par.insert(par.end(), model.sma.begin(), model.sma.end());
  if (transformed) {
    ArToPacf(par.data(), p_);
    ArToPacf(par.data() + p_ + q_, P_);
  }
  std::vector<double> beta;
  if (constant_) beta.push_back(model.constant);
  beta.insert(beta.end(), model.xreg_coef.begin(), model.xreg_coef.end());
  for (size_t j = 0; j < active_.size(); ++j) {
    const size_t col = static_cast<size_t>(active_[j]);
    par.push_back(col < beta.size() ? beta[col] / scale_[j] : 0.0);
  }
  return par;
}

bool ArimaProblem::CovarianceDefined(const ArimaModel& model, bool css) {
  SetOrder(static_cast<int>(model.ar.size()), static_cast<int>(model.ma.size()),
           static_cast<int>(model.sar.size()), static_cast<int>(model.sma.size()));
  const std::vector<double> par = ParametersOf(model, !css);
  const int k = static_cast<int>(par.size());
  if (k == 0) return true;
  Eigen::MatrixXd hessian;
  const bool ok =
      css ? DifferenceHessian(
                [this](const std::vector<double>& x, std::vector<double>* g) {
                  g->assign(x.size(), 0.0);
                  return CssGradient(x.data(), g->data());
                },
                par, &hessian)
          : ValueHessian([this](const double* x) { return MlObjective(x, true); }, par, &hessian);
  if (!ok) return false;
  // R's solve() refuses a matrix whose reciprocal condition number is below
  // machine epsilon ("computationally singular"): the fit is then an error.
  const Eigen::PartialPivLU<Eigen::MatrixXd> lu(hessian);
  if (!(lu.rcond() >= std::numeric_limits<double>::epsilon())) return false;
  const Eigen::MatrixXd inverse = lu.inverse();
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(k, k);
  if (!css) {
    TransformJacobian(par, 0, p_, &a);
    TransformJacobian(par, p_ + q_, P_, &a);
  }
  const Eigen::MatrixXd covariance = a.transpose() * inverse * a;
  for (int i = 0; i < k; ++i)
    if (!(covariance(i, i) >= 0)) return false;
  return true;
}

}  // namespace invplan::forecast::detail
