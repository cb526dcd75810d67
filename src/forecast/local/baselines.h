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

// The same forecasts from what a history leaves behind (the model JSON's
// "state"), so that a model continued over new periods (local_state.h)
// forecasts as one fitted to the whole history. The sums are accumulated in
// history order, so the continued naive and seasonal naive are bit-identical;
// mean and drift take their sum of squared deviations `ss` from the caller
// (two-pass when fitted, from the running sums when continued).
struct MeanState {
  std::size_t n = 0;
  double sum = 0, sum_squares = 0;
};
struct DriftState {
  double first = 0, last = 0;
  std::size_t n = 0;
  double diff_squares = 0;  // sum of (y_t - y_{t-1})^2
};
ModelForecast MeanFromState(const MeanState& state, double ss, int h);
ModelForecast NaiveFromState(double last, double squares, std::size_t count, int h);
ModelForecast SeasonalNaiveFromState(const std::vector<double>& last_season, double squares,
                                     std::size_t count, int h);
ModelForecast DriftFromState(const DriftState& state, double ss, int h);

}  // namespace invplan::forecast
