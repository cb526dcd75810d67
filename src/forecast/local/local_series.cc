#include "forecast/local/local_series.h"

#include <algorithm>

#include "forecast/local/baselines.h"
#include "forecast/local/intermittent.h"

namespace invplan::forecast {
SeriesResult NaiveSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  return FitOnTransformedScale(
      [&](const std::vector<double>& w, int) { return NaiveForecast(w, in.h); }, in, reasons);
}

SeriesResult SeasonalNaiveSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  return FitOnTransformedScale(
      [&](const std::vector<double>& w, int m) { return SeasonalNaiveForecast(w, m, in.h); }, in,
      reasons);
}

SeriesResult MeanSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  return FitOnTransformedScale(
      [&](const std::vector<double>& w, int) { return MeanForecast(w, in.h); }, in, reasons);
}

SeriesResult DriftSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  return FitOnTransformedScale(
      [&](const std::vector<double>& w, int) { return DriftForecast(w, in.h); }, in, reasons);
}

SeriesResult CrostonSeriesForecast(const SeriesInput& in, Reasons*) {
  return FinishForecast(CrostonForecast(in.y, in.h, in.settings.croston), Transform{}, in.h,
                        in.settings);
}

SeriesResult TsbSeriesForecast(const SeriesInput& in, Reasons*) {
  return FinishForecast(TsbForecast(in.y, in.h), Transform{}, in.h, in.settings);
}

}  // namespace invplan::forecast
