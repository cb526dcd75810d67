// The benchmark methods, with the textbook interval formulas (Hyndman &
// Athanasopoulos, Forecasting: Principles and Practice, §5.5). y must be free of
// NaN; each throws ModelFitError when the series is too short.
//
//   mean    ŷ = ȳ,               se_h = s·√(1 + 1/T)      s² = Σ(y−ȳ)²/(T−1)
//   naive   ŷ = y_T,             se_h = σ·√h              σ² = mean((y_t − y_{t−1})²)
//   snaive  ŷ = y_{T+h−m(k+1)},  se_h = σ·√(k+1), k = ⌊(h−1)/m⌋, σ² = mean((y_t − y_{t−m})²)
//   drift   ŷ = y_T + h·b, b = (y_T − y_1)/(T − 1),
//           se_h = σ·√(h(1 + h/T)), σ² = Σ(y_t − y_{t−1} − b)²/(T − 2)
#pragma once

#include <vector>

#include "forecast/model_forecast.h"

namespace invplan::forecast {

ModelForecast MeanForecast(const std::vector<double>& y, int h);                  // T >= 1
ModelForecast NaiveForecast(const std::vector<double>& y, int h);                 // T >= 2
ModelForecast SeasonalNaiveForecast(const std::vector<double>& y, int m, int h);  // T > m
ModelForecast DriftForecast(const std::vector<double>& y, int h);                 // T >= 3

}  // namespace invplan::forecast
