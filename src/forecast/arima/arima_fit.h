// Fitting one ARIMA order to a prepared series: the differenced series and
// regressors are computed once per (d, D, constant) and reused for every
// (p, q, P, Q) candidate of the automatic search.
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "forecast/arima/arima.h"
#include "forecast/arima/arima_kalman.h"

namespace invplan::forecast::detail {

// Full regressor matrix used by the model: the drift (1..n) or intercept
// column first when the model has one, then the user's columns. `offset`
// shifts the drift index (forecasting rows n+1..).
Eigen::MatrixXd DesignMatrix(const ArimaModel& model, const Eigen::MatrixXd& xreg, int rows,
                             int offset);
// True when the model's constant is a drift (d + D == 1) rather than a mean.
inline bool ConstantIsDrift(const ArimaOrder& o) {
  return o.d + o.D == 1;
}

class ArimaProblem {
 public:
  // include_constant is ignored when d + D >= 2 (no constant, as R).
  ArimaProblem(const std::vector<double>& y, const Eigen::MatrixXd& xreg, int d, int D, int s,
               bool include_constant);

  // Fits ARIMA(p,d,q)(P,D,Q)[s] by CSS then exact ML. Throws
  // ModelFitError("fit failed") when no finite likelihood is found.
  ArimaModel Fit(int p, int q, int P, int Q);
  // Fits by conditional sum of squares only (R's method "CSS"): the model's
  // coefficients are the CSS estimates as found (not made invertible) and
  // *css_sigma2 is the residual sum of squares over the residuals used. The
  // likelihood and information criteria are left unset (NaN). Throws
  // ModelFitError when no finite sum is found.
  ArimaModel FitCss(int p, int q, int P, int Q, double* css_sigma2);
  // Maximum-likelihood innovation variance (sum of squares over the
  // observations, R's stats::arima sigma2) of the last Fit().
  double last_ml_sigma2() const { return last_ml_sigma2_; }

  // The CSS objective 0.5 log(sum of squares / residuals) of the order set by
  // SetOrder (which throws "too short" when the series cannot fit it) at raw
  // parameters (ar, ma, sar, sma, scaled regression coefficients), and its
  // gradient by the adjoint of the residual recursion (one backward pass
  // instead of two evaluations per parameter); false when not finite.
  void SetOrder(int p, int q, int P, int Q);
  double CssObjective(const double* par);
  bool CssGradient(const double* par, double* gradient);
  int parameters() const { return p_ + q_ + P_ + Q_ + static_cast<int>(active_.size()); }

  // R's forecast::checkarima on a model fitted here (FitCss when css, else
  // Fit): false when a coefficient's estimated variance would be negative or
  // undefined, i.e. the Hessian of the fitting objective at the estimates,
  // taken by central differences of step 1e-3 in the optimiser's parameters
  // as R's optimhess does, is singular or its inverse (mapped through the
  // Jacobian of the AR transformation for exact fits) has a negative
  // diagonal entry. A saddle point or a flat direction of the objective is
  // not an estimate; R's auto.arima scores such candidates +inf. A model
  // without estimated coefficients passes.
  bool CovarianceDefined(const ArimaModel& model, bool css);

  bool has_constant() const { return constant_; }
  int differenced_length() const { return static_cast<int>(dy_.size()); }
  // Regression coefficients estimated (constant included; unidentifiable
  // columns are fixed at zero and not counted).
  int estimated_regressors() const { return static_cast<int>(active_.size()); }

 private:
  double MlObjective(const double* par, bool transformed);
  void Unpack(const double* par, bool transformed);
  std::vector<double> StartValues() const;
  ArimaModel ModelFrom(const std::vector<double>& coef) const;
  // The optimiser's parameters (raw, or with the AR blocks transformed) that
  // give the model's coefficients: the inverse of Unpack.
  std::vector<double> ParametersOf(const ArimaModel& model, bool transformed) const;

  int n_, d_, D_, s_;
  bool constant_;
  int k_ = 0;                          // columns of the full design (constant first)
  std::vector<double> dy_;             // differenced series
  Eigen::MatrixXd dx_;                 // differenced design, columns of active regressors
  std::vector<int> active_;            // design columns estimated (others fixed at 0)
  std::vector<double> beta0_, scale_;  // OLS start and parameter scale per active column
  // Current candidate.
  int p_ = 0, q_ = 0, P_ = 0, Q_ = 0;
  std::vector<double> coef_, phi_, theta_, w_, resid_, adjoint_;
  ArmaKalman kalman_;
  double last_ml_sigma2_ = 0;
};

}  // namespace invplan::forecast::detail
