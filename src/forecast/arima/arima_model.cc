// ArimaModel description, FitArima and PredictArima.
#include <cmath>

#include "forecast/arima/arima.h"
#include "forecast/arima/arima_fit.h"
#include "forecast/arima/arima_poly.h"
#include "forecast/fit_error.h"

namespace invplan::forecast {

std::string ArimaModel::Spec() const {
  const ArimaOrder& o = order;
  std::string s =
      "ARIMA(" + std::to_string(o.p) + "," + std::to_string(o.d) + "," + std::to_string(o.q) + ")";
  if (o.s > 1 && o.P + o.D + o.Q > 0)
    s += "(" + std::to_string(o.P) + "," + std::to_string(o.D) + "," + std::to_string(o.Q) + ")[" +
         std::to_string(o.s) + "]";
  if (!xreg_coef.empty()) s = "Regression with " + s + " errors";
  if (include_constant && o.d + o.D == 1) {
    s += " with drift";
  } else if (o.d + o.D == 0) {
    s += include_constant ? " with non-zero mean" : " with zero mean";
  }
  return s;
}

Json ArimaModel::ToJson() const {
  return ToJson({});
}

Json ArimaModel::ToJson(const std::vector<std::string>& regressor_names) const {
  Json coefficients = Json::object();
  auto add = [&coefficients](const char* prefix, const std::vector<double>& v) {
    for (size_t i = 0; i < v.size(); ++i) coefficients[prefix + std::to_string(i + 1)] = v[i];
  };
  add("ar", ar);
  add("ma", ma);
  add("sar", sar);
  add("sma", sma);
  if (include_constant && order.d + order.D <= 1)
    coefficients[order.d + order.D == 1 ? "drift" : "intercept"] = constant;
  for (size_t i = 0; i < xreg_coef.size(); ++i) {
    const std::string name = i < regressor_names.size() && !regressor_names[i].empty()
                                 ? regressor_names[i]
                                 : "xreg" + std::to_string(i + 1);
    coefficients[name] = xreg_coef[i];
  }
  auto num = [](double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); };
  Json j = Json::object();
  j["spec"] = Spec();
  j["coefficients"] = coefficients;
  j["sigma2"] = num(sigma2);
  j["aicc"] = num(aicc);
  j["loglik"] = num(loglik);
  j["aic"] = num(aic);
  j["bic"] = num(bic);
  j["nobs"] = nobs;
  return j;
}

namespace {
void CheckOrder(const ArimaOrder& o) {
  if (o.p < 0 || o.d < 0 || o.q < 0 || o.P < 0 || o.D < 0 || o.Q < 0 || o.s < 1)
    throw ModelFitError("invalid order");
  if (o.s == 1 && (o.P > 0 || o.D > 0 || o.Q > 0))
    throw ModelFitError("seasonal order without a season");
}
}  // namespace

ArimaModel FitArima(const std::vector<double>& y, const Eigen::MatrixXd& xreg,
                    const ArimaOrder& order, bool include_constant) {
  CheckOrder(order);
  detail::ArimaProblem problem(y, xreg, order.d, order.D, order.s, include_constant);
  return problem.Fit(order.p, order.q, order.P, order.Q);
}

namespace {

// What the filter and the forecast share: the regression errors u = y - X beta
// of the history, their differences w, the expanded ARMA polynomials and the
// future regression means.
struct Prepared {
  std::vector<double> u, w, phi, theta;
  Eigen::VectorXd beta;
  Eigen::MatrixXd fx;
};

Prepared Prepare(const ArimaModel& model, const std::vector<double>& y, const Eigen::MatrixXd& xreg,
                 const Eigen::MatrixXd& future_xreg, int h) {
  const ArimaOrder& o = model.order;
  CheckOrder(o);
  const int n = static_cast<int>(y.size());
  const int k = static_cast<int>(model.xreg_coef.size());
  if (h < 0) throw ModelFitError("negative horizon");
  if (xreg.cols() != k || (k > 0 && xreg.rows() != n))
    throw ModelFitError("regressor shape mismatch");
  if (future_xreg.cols() != k || (k > 0 && future_xreg.rows() < h))
    throw ModelFitError("future regressor shape mismatch");
  Prepared p;
  // Regression residuals u = y - X beta on the fitted and the future rows.
  const Eigen::MatrixXd x = detail::DesignMatrix(model, xreg, n, 0);
  p.fx = detail::DesignMatrix(model, future_xreg, h, n);
  p.beta.resize(x.cols());
  int c = 0;
  if (x.cols() > k) p.beta(c++) = model.constant;
  for (int j = 0; j < k; ++j) p.beta(c++) = model.xreg_coef[j];
  p.u.resize(n);
  for (int i = 0; i < n; ++i) p.u[i] = y[i] - (x.cols() ? x.row(i).dot(p.beta) : 0.0);
  p.w = detail::Difference(p.u, o.d, o.D, o.s);
  if (p.w.empty()) throw ModelFitError("too short");
  detail::ExpandArma(model.ar.data(), o.p, model.sar.data(), o.P, model.ma.data(), o.q,
                     model.sma.data(), o.Q, o.s, &p.phi, &p.theta);
  return p;
}

// The forecast from the filtered state the Kalman filter ended in.
ArimaPrediction ForecastFromFilter(const ArimaModel& model, const Prepared& pr,
                                   const detail::ArmaKalman& kalman, int h, ArimaFilterState* end) {
  const ArimaOrder& o = model.order;
  const std::vector<double>& phi = pr.phi;
  const std::vector<double>& theta = pr.theta;
  const std::vector<double>& u = pr.u;
  const Eigen::MatrixXd& fx = pr.fx;
  const Eigen::VectorXd& beta = pr.beta;
  const int n = static_cast<int>(u.size());
  const int r = kalman.dim();
  if (end) {
    end->a.assign(kalman.state().begin(), kalman.state().begin() + r);
    end->P = kalman.covariance();
    end->steady = kalman.steady();
  }
  const std::vector<double> delta = detail::DifferencingPolynomial(o.d, o.D, o.s);
  const int dd = static_cast<int>(delta.size());
  const int dim = r + dd;
  // Augmented state (a_t, u_{t-1}, ..., u_{t-dd}); y_t = a_t[0] + sum delta_i u_{t-i}.
  Eigen::MatrixXd T = Eigen::MatrixXd::Zero(dim, dim);
  for (int i = 0; i < r; ++i) {
    if (i < static_cast<int>(phi.size())) T(i, 0) = phi[i];
    if (i + 1 < r) T(i, i + 1) = 1.0;
  }
  Eigen::RowVectorXd Z = Eigen::RowVectorXd::Zero(dim);
  Z(0) = 1.0;
  for (int i = 0; i < dd; ++i) Z(r + i) = delta[i];
  if (dd > 0) {
    T.row(r) = Z;
    for (int i = 1; i < dd; ++i) T(r + i, r + i - 1) = 1.0;
  }
  Eigen::VectorXd R = Eigen::VectorXd::Zero(dim);
  R(0) = 1.0;
  for (int i = 1; i < r; ++i) R(i) = i - 1 < static_cast<int>(theta.size()) ? theta[i - 1] : 0.0;
  const Eigen::MatrixXd V = R * R.transpose();

  // Filtered state at n, then one step ahead to n+1.
  Eigen::VectorXd a = Eigen::VectorXd::Zero(dim);
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(dim, dim);
  for (int i = 0; i < r; ++i) {
    a(i) = kalman.state()[i];
    for (int j = 0; j < r; ++j) P(i, j) = kalman.covariance()[i * r + j];
  }
  // u-lags at the filtered time n: (u_{n-1}, ..., u_{n-dd}) in 1-based terms
  // for the state at n, i.e. u[n-2], ..., u[n-1-dd] 0-based.
  for (int i = 0; i < dd; ++i) a(r + i) = u[n - 2 - i];
  a = T * a;
  P = T * P * T.transpose() + V;

  ArimaPrediction out;
  out.mean.resize(h);
  out.se.resize(h);
  out.sum_se.resize(h);
  // The running sum's variance: Var(S_t) = Var(S_{t-1}) + Var(y_t) +
  // 2 Cov(S_{t-1}, y_t), with C = Cov(x_t, S_{t-1}) propagated as
  // C_{t+1} = T (C_t + P_t Z') (the new noise is independent of the past).
  Eigen::VectorXd C = Eigen::VectorXd::Zero(dim);
  double sum_var = 0.0;
  for (int t = 0; t < h; ++t) {
    const double mean = Z.dot(a) + (fx.cols() ? fx.row(t).dot(beta) : 0.0);
    const Eigen::VectorXd PZ = P * Z.transpose();
    const double step = std::max(0.0, Z.dot(PZ));
    const double var = step * model.sigma2;
    sum_var = std::max(0.0, sum_var + step + 2.0 * Z.dot(C));
    out.mean[t] = mean;
    out.se[t] = std::sqrt(var);
    out.sum_se[t] = std::sqrt(sum_var * model.sigma2);
    if (!std::isfinite(mean) || !std::isfinite(out.se[t]) || !std::isfinite(out.sum_se[t]))
      throw ModelFitError("forecast failed");
    C = T * (C + PZ);
    a = T * a;
    P = T * P * T.transpose() + V;
  }
  return out;
}

}  // namespace

ArimaPrediction PredictArima(const ArimaModel& model, const std::vector<double>& y,
                             const Eigen::MatrixXd& xreg, const Eigen::MatrixXd& future_xreg, int h,
                             ArimaFilterState* end) {
  const Prepared pr = Prepare(model, y, xreg, future_xreg, h);
  detail::ArmaKalman kalman;
  const detail::KalmanSums sums =
      kalman.Run(pr.w.data(), static_cast<int>(pr.w.size()), pr.phi, pr.theta, true);
  if (!sums.ok) throw ModelFitError("forecast failed");
  return ForecastFromFilter(model, pr, kalman, h, end);
}

ArimaPrediction ContinueArima(const ArimaModel& model, const ArimaFilterState& start,
                              const std::vector<double>& y, const Eigen::MatrixXd& xreg,
                              const Eigen::MatrixXd& future_xreg, int h, int new_periods,
                              ArimaFilterState* end,
                              std::vector<std::pair<double, double>>* one_step) {
  // The regression errors and their differences are O(n) arithmetic; only
  // the filter, the costly part besides the fit, is limited to the new values.
  const Prepared pr = Prepare(model, y, xreg, future_xreg, h);
  const int nw = static_cast<int>(pr.w.size());
  if (new_periods < 0 || new_periods >= nw) throw ModelFitError("state before the differences");
  detail::ArmaKalman kalman;
  std::vector<std::pair<double, double>> steps;
  const detail::KalmanSums sums =
      kalman.Resume(pr.w.data() + (nw - new_periods), new_periods, pr.phi, pr.theta, start.a,
                    start.P, start.steady, &steps);
  if (!sums.ok && new_periods > 0) throw ModelFitError("filter state does not fit the model");
  if (new_periods == 0 && kalman.dim() != static_cast<int>(start.a.size()))
    throw ModelFitError("filter state does not fit the model");
  if (one_step)
    for (const auto& [v, f] : steps) one_step->emplace_back(v, f * model.sigma2);
  return ForecastFromFilter(model, pr, kalman, h, end);
}

}  // namespace invplan::forecast
