// Automatic seasonal ARIMA with regression on external regressors, in the
// Hyndman-Khandakar way: KPSS tests choose d, a seasonal-strength measure
// chooses D, a stepwise search over (p,q)(P,Q) minimises AICc; each candidate
// is fitted by exact Gaussian likelihood (Kalman filter on the state-space
// form of the differenced errors), started from conditional sum of squares.
//
// Thread safety: all functions are pure (no shared state); callers run
// series in parallel.
#pragma once
#include <Eigen/Dense>
#include <string>
#include <utility>
#include <vector>

#include "invplan/artifact.h"

namespace invplan::forecast {

struct ArimaOrder {
  int p = 0, d = 0, q = 0, P = 0, D = 0, Q = 0, s = 1;
};

struct ArimaModel {
  ArimaOrder order;
  bool include_constant = false;  // mean (d+D==0) or drift (d+D==1)
  std::vector<double> ar, ma, sar, sma;
  double constant = 0.0;          // intercept or drift coefficient
  std::vector<double> xreg_coef;  // one per regressor column
  double sigma2 = 0, loglik = 0, aic = 0, aicc = 0, bic = 0;
  int nobs = 0;
  // e.g. "ARIMA(0,1,1)(0,1,1)[12]", "ARIMA(1,1,0) with drift",
  // "Regression with ARIMA(1,0,0) errors".
  std::string Spec() const;
  // {"spec", "coefficients": {"ar1":..,"ma1":..,"sar1":..,"drift"|"intercept":..,
  //  "xreg1"..}, "sigma2", "aicc", "loglik", "aic", "bic", "nobs"}.
  Json ToJson() const;
  // Same, with the regressor coefficients named after the given names (one per
  // column; missing names fall back to "xregN").
  Json ToJson(const std::vector<std::string>& regressor_names) const;
};

struct AutoArimaOptions {
  int max_p = 5, max_q = 5, max_P = 2, max_Q = 2, max_order = 5, max_d = 2, max_D = 1;
  int start_p = 2, start_q = 2, start_P = 1, start_Q = 1;
  bool stepwise = true, allow_constant = true;
  int fixed_d = -1, fixed_D = -1;  // -1: choose by test
  // Search with the conditional-sum-of-squares approximation of the
  // likelihood, then refit the best candidates exactly (R's approximation):
  // -1 = as R, when the series is longer than 150 or the season above 12.
  int approximation = -1;
};

// Errors: throws ModelFitError with a short reason ("too short", "fit failed", ...);
// the caller falls back to a simpler model and records the reason.
// y: observations without NaN (n >= a few); xreg: n×k (k may be 0); season s>=1.
ArimaModel AutoArima(const std::vector<double>& y, const Eigen::MatrixXd& xreg, int season,
                     const AutoArimaOptions& options = {});
ArimaModel FitArima(const std::vector<double>& y, const Eigen::MatrixXd& xreg,
                    const ArimaOrder& order, bool include_constant);

struct ArimaPrediction {
  std::vector<double> mean, se;
  std::vector<double> sum_se;  // standard error of the sum of steps 1..j+1
};
// The Kalman filter of the differenced regression errors at the end of a
// history (arima_kalman.h): a_{n|n} (r values), P_{n|n} (r x r, row-major,
// units of sigma2) and whether P had converged. Enough to continue the filter
// exactly over new periods.
struct ArimaFilterState {
  std::vector<double> a, P;
  bool steady = false;
};

// future_xreg: h×k. Forecast of the series in the scale it was fitted on.
// `end`: receives the filter state at the end of y.
ArimaPrediction PredictArima(const ArimaModel& model, const std::vector<double>& y,
                             const Eigen::MatrixXd& xreg, const Eigen::MatrixXd& future_xreg, int h,
                             ArimaFilterState* end = nullptr);

// The same forecast from a filter state `start` that PredictArima (or an
// earlier ContinueArima) left after y's first y.size() - new_periods values:
// only the last new_periods differenced values are filtered, so the result
// equals PredictArima(model, y, ...) to rounding. `one_step` receives each new
// period's one-step error and its variance (sigma2 included). Throws
// ModelFitError when the state does not fit the model or the filter fails.
ArimaPrediction ContinueArima(const ArimaModel& model, const ArimaFilterState& start,
                              const std::vector<double>& y, const Eigen::MatrixXd& xreg,
                              const Eigen::MatrixXd& future_xreg, int h, int new_periods,
                              ArimaFilterState* end,
                              std::vector<std::pair<double, double>>* one_step);

// Unit-root tests used by AutoArima, exposed for tests.
int NumberOfDiffs(const std::vector<double>& y, int max_d);  // KPSS, alpha 0.05
int NumberOfSeasonalDiffs(const std::vector<double>& y, int s, int max_D);

}  // namespace invplan::forecast
