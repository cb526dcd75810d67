// The Theta method of Assimakopoulos & Nikolopoulos (2000) in the form of
// Hyndman & Billah (2003): simple exponential smoothing with a drift of half
// the slope of the linear trend, on data seasonally adjusted by classical
// multiplicative decomposition when a 90% autocorrelation test at lag m finds
// a season, as R's forecast::thetaf and the M3 Theta method.
#pragma once

#include <vector>

#include "forecast/model_forecast.h"
#include "forecast/theta/theta_models.h"

namespace invplan::forecast {

// True when |r_m| exceeds 1.645 times its standard error
// sqrt((1 + 2 sum_{k<m} r_k^2) / n) (Bartlett), for m > 1, n > 2m and a
// non-constant series.
bool ThetaSeasonal(const std::vector<double>& y, int m);

// y divided by its classical multiplicative seasonal figure (figure: the m
// indexes) when y is positive and ThetaSeasonal; otherwise y (figure empty).
std::vector<double> ThetaAdjust(const std::vector<double>& y, int m, std::vector<double>* figure);

// The Theta forecast of y (period m) on the data ThetaAdjust leaves,
// reseasonalised. kStandard: thetaf's; intervals as thetaf's, the SES
// standard error sigma * sqrt(1 + (i-1) alpha^2) around the reseasonalised
// mean. The other methods: the models of theta_models.h, spec "Theta-OTM"
// etc., sigma2 their in-sample MSE, standard errors multiplied by the
// seasonal index of each step as the mean is. Throws ModelFitError when the
// model cannot be fitted.
ModelForecast ThetaForecast(const std::vector<double>& y, int m, int h,
                            ThetaMethod method = ThetaMethod::kStandard);

// A model of theta_models.h as fitted (or continued): its state, one-step
// variance, seasonal figure (empty: none) and period, the --theta-method word
// it was fitted with, and with auto each candidate's MSE (null otherwise).
// FittedThetaForecast forecasts from it; the model JSON records alpha, theta,
// the level, A and B, the paper's name of the model ("model": STM, OTM, DSTM,
// DOTM) and the "state" a continued model starts from (theta_state.h).
struct FittedTheta {
  ThetaModelState state;
  double sigma2 = 0.0;
  std::vector<double> figure;
  int m = 1;
  std::string method;
  Json candidates;
};
ModelForecast FittedThetaForecast(const FittedTheta& fit, int h);

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
