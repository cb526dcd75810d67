#include "forecast/theta/theta_series.h"

#include <algorithm>

#include "forecast/fit_error.h"
#include "forecast/theta/theta.h"

namespace invplan::forecast {

SeriesResult ThetaSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  const SeriesSettings& s = in.settings;
  const int m = std::max(1, s.season);
  std::string note;
  Transform t = Transform::For(s.transform, in.y, m, &note);
  const std::vector<double> w = t.Forward(in.y);
  ModelForecast f;
  try {
    f = ThetaForecast(w, m, in.h, ThetaMethodFromName(s.theta_method));
    CheckSane(f, w);
  } catch (const ModelFitError& e) {
    f = SimpleForecast(w, 1, in.h);
    reasons->Add(std::string("Theta failed (") + e.what() + "): " + f.name);
  }
  SeriesResult r = FinishForecast(f, t, in.h, s);
  if (!note.empty()) r.model["transform_note"] = note;
  return r;
}

}  // namespace invplan::forecast
