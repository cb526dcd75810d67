#include "forecast/ces/ces_series.h"

#include <algorithm>

#include "forecast/ces/ces.h"
#include "forecast/fit_error.h"

namespace invplan::forecast {

SeriesResult CesSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  const SeriesSettings& s = in.settings;
  const int m = std::max(1, s.season);
  if (SeriesResult constant; ConstantSeriesForecast(in, reasons, &constant)) return constant;
  std::string note;
  Transform t = Transform::For(s.transform, in.y, m, &note);
  const std::vector<double> w = t.Forward(in.y);
  ModelForecast f;
  try {
    f = CesForecast(w, m, in.h);
    CheckSane(f, w);
  } catch (const ModelFitError& e) {
    f = SimpleForecast(w, 1, in.h);
    reasons->Add(std::string("CES failed (") + e.what() + "): " + f.name);
  }
  SeriesResult r = FinishForecast(f, t, in.h, s);
  if (!note.empty()) r.model["transform_note"] = note;
  return r;
}

}  // namespace invplan::forecast
