#include "forecast/local/local_series.h"

#include <algorithm>
#include <functional>

#include "forecast/fit_error.h"
#include "forecast/local/baselines.h"
#include "forecast/local/intermittent.h"

namespace invplan::forecast {
namespace {

// A benchmark on the transformed series; when it cannot be fitted, the
// simplest non-seasonal model takes over on the same scale.
SeriesResult BaselinePath(
    const std::function<ModelForecast(const std::vector<double>&, int m)>& fit,
    const SeriesInput& in, Reasons* reasons) {
  const SeriesSettings& s = in.settings;
  const int m = std::max(1, s.season);
  std::string note;
  Transform t = Transform::For(s.transform, in.y, m, &note);
  std::vector<double> w = t.Forward(in.y);
  ModelForecast f;
  try {
    f = fit(w, m);
  } catch (const ModelFitError& e) {
    f = SimpleForecast(w, 1, in.h);
    reasons->Add(std::string(e.what()) + ": " + f.name);
  }
  SeriesResult r = FinishForecast(f, t, in.h, s);
  if (!note.empty()) r.model["transform_note"] = note;
  return r;
}

}  // namespace

SeriesResult NaiveSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  return BaselinePath([&](const std::vector<double>& w, int) { return NaiveForecast(w, in.h); }, in,
                      reasons);
}

SeriesResult SeasonalNaiveSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  return BaselinePath(
      [&](const std::vector<double>& w, int m) { return SeasonalNaiveForecast(w, m, in.h); }, in,
      reasons);
}

SeriesResult MeanSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  return BaselinePath([&](const std::vector<double>& w, int) { return MeanForecast(w, in.h); }, in,
                      reasons);
}

SeriesResult DriftSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  return BaselinePath([&](const std::vector<double>& w, int) { return DriftForecast(w, in.h); }, in,
                      reasons);
}

SeriesResult CrostonSeriesForecast(const SeriesInput& in, Reasons*) {
  return FinishForecast(CrostonForecast(in.y, in.h, in.settings.croston), Transform{}, in.h,
                        in.settings);
}

SeriesResult TsbSeriesForecast(const SeriesInput& in, Reasons*) {
  return FinishForecast(TsbForecast(in.y, in.h), Transform{}, in.h, in.settings);
}

}  // namespace invplan::forecast
