// The Theta method of Assimakopoulos & Nikolopoulos (2000) in the form of
// Hyndman & Billah (2003): simple exponential smoothing with a drift of half
// the slope of the linear trend, on data seasonally adjusted by classical
// multiplicative decomposition when a 90% autocorrelation test at lag m finds
// a season, as R's forecast::thetaf and the M3 Theta method.
#pragma once

#include <vector>

#include "forecast/model_forecast.h"

namespace invplan::forecast {

// True when |r_m| exceeds 1.645 times its standard error
// sqrt((1 + 2 sum_{k<m} r_k^2) / n) (Bartlett), for m > 1, n > 2m and a
// non-constant series.
bool ThetaSeasonal(const std::vector<double>& y, int m);

// The Theta forecast of y (period m). Intervals as thetaf's: the SES
// standard error sigma * sqrt(1 + (i-1) alpha^2) around the reseasonalised
// mean. The multiplicative adjustment needs positive data; otherwise the
// series is taken as it is. Throws ModelFitError when SES cannot be fitted.
ModelForecast ThetaForecast(const std::vector<double>& y, int m, int h);

// What the forecast is made from (the model JSON's "state"): the SES weight
// as fitted, the drift, the SES level after the last period (level0: the
// initial one), the periods seen, sigma2 and the seasonal indexes (empty
// without a season). A continued model (theta_state.h) forecasts with it.
struct ThetaState {
  double ses_alpha = 0, drift = 0, level = 0, level0 = 0, sigma2 = 0;
  int n = 0, m = 1;
  std::vector<double> figure;
};
ModelForecast ThetaFromState(const ThetaState& state, int h);

}  // namespace invplan::forecast
