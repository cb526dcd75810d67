#include "forecast/ets/ets_series.h"

#include <algorithm>

#include "forecast/ets/ets.h"
#include "forecast/ets/ets_state.h"
#include "forecast/fit_error.h"
#include "forecast/local/baselines.h"

namespace invplan::forecast {

ModelForecast EtsForecast(const std::vector<double>& w, int m, int h, const std::string& request,
                          bool additive_only) {
  EtsRequest r;
  if (!ParseEtsRequest(request, &r)) throw ModelFitError("ETS: invalid model " + request);
  r.additive_only = additive_only;
  const EtsModel model = AutoEts(w, m, r);
  EtsPrediction p = PredictEts(model, h);
  ModelForecast f;
  f.name = "ets";
  f.spec = model.spec.Name();
  f.model = model.ToJson();
  f.model["state"] = EtsStateJson(model);
  f.mean = std::move(p.mean);
  f.se = std::move(p.se);
  f.sum_se = std::move(p.sum_se);
  CheckSane(f, w);
  return f;
}

SeriesResult EtsSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  const SeriesSettings& s = in.settings;
  const int m = std::max(1, s.season);
  const std::vector<double>& y = in.y;
  if (SeriesResult constant; ConstantSeriesForecast(in, reasons, &constant)) return constant;
  std::string note;
  Transform t = Transform::For(s.transform, y, m, &note);
  const std::vector<double> w = t.Forward(y);
  ModelForecast f;
  try {
    f = EtsForecast(w, m, in.h, s.ets_model, !t.identity());
  } catch (const ModelFitError& e) {
    bool recovered = false;
    // A season the series cannot carry (too short, or m above 24): the same
    // request without it, as the ARIMA path drops its season.
    EtsRequest r;
    if (ParseEtsRequest(s.ets_model, &r) && r.season != 'N') {
      std::string nonseasonal = s.ets_model;
      nonseasonal.back() = 'N';
      try {
        f = EtsForecast(w, m, in.h, nonseasonal, !t.identity());
        if (r.season != 'Z') reasons->Add(std::string(e.what()) + ": non-seasonal ETS");
        recovered = true;
      } catch (const ModelFitError&) {
      }
    }
    if (!recovered) {
      ModelForecast simple = SimpleForecast(w, 1, in.h);
      reasons->Add(std::string("ETS failed (") + e.what() + "): " + simple.name);
      SeriesResult r2 = FinishForecast(simple, t, in.h, s);
      if (!note.empty()) r2.model["transform_note"] = note;
      return r2;
    }
  }
  SeriesResult r = FinishForecast(f, t, in.h, s);
  if (!note.empty()) r.model["transform_note"] = note;
  return r;
}

}  // namespace invplan::forecast
