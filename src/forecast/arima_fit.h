// Fitting one ARIMA order to a prepared series: the differenced series and
// regressors are computed once per (d, D, constant) and reused for every
// (p, q, P, Q) candidate of the automatic search.
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "forecast/arima.h"
#include "forecast/arima_kalman.h"

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
  // std::runtime_error("fit failed") when no finite likelihood is found.
  ArimaModel Fit(int p, int q, int P, int Q);

  bool has_constant() const { return constant_; }
  int differenced_length() const { return static_cast<int>(dy_.size()); }

 private:
  double MlObjective(const double* par, bool transformed);
  double CssObjective(const double* par);
  void Unpack(const double* par, bool transformed);

  int n_, d_, D_, s_;
  bool constant_;
  int k_ = 0;                          // columns of the full design (constant first)
  std::vector<double> dy_;             // differenced series
  Eigen::MatrixXd dx_;                 // differenced design, columns of active regressors
  std::vector<int> active_;            // design columns estimated (others fixed at 0)
  std::vector<double> beta0_, scale_;  // OLS start and parameter scale per active column
  // Current candidate.
  int p_ = 0, q_ = 0, P_ = 0, Q_ = 0;
  std::vector<double> coef_, phi_, theta_, w_, resid_;
  ArmaKalman kalman_;
};

}  // namespace invplan::forecast::detail
