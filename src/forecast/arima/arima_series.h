// ARIMA as a per-series model of the stage (registry "arima"): transform,
// order search or fixed order, regressors, and its own fallback chain.
//
//   constant series              → naive, zero-width intervals
//   too short for ARIMA (< 4)    → naive / mean
//   values above 1e12            → seasonal naive / naive
//   too short for the season     → non-seasonal ARIMA
//   failing or exploding fit     → non-seasonal ARIMA if the seasonal one failed,
//                                  then seasonal naive / naive / mean
// Regressor columns constant over the history are dropped (and listed).
#pragma once

#include "forecast/series_model.h"

namespace invplan::forecast {

SeriesResult ArimaSeriesForecast(const SeriesInput& input, Reasons* reasons);

}  // namespace invplan::forecast
