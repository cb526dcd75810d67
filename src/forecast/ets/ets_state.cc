#include "forecast/ets/ets_state.h"

#include <cmath>

namespace invplan::forecast {
namespace {

EtsComponent Component(char c) {
  switch (c) {
    case 'N':
      return EtsComponent::kNone;
    case 'A':
      return EtsComponent::kAdditive;
    case 'M':
      return EtsComponent::kMultiplicative;
  }
  throw ModelFitError(std::string("model state: ETS component '") + c + "'");
}

}  // namespace

Json EtsStateJson(const EtsModel& model) {
  return {{"ets", model.spec.Code()}, {"m", model.m},
          {"alpha", model.par.alpha}, {"beta", model.par.beta},
          {"gamma", model.par.gamma}, {"phi", model.par.phi},
          {"sigma2", model.sigma2},   {"x", model.state},
          {"x0", model.initial}};
}

EtsModel EtsFromState(const Json& s) {
  EtsModel model;
  if (!s.contains("ets") || !s["ets"].is_string()) throw ModelFitError("model state without 'ets'");
  const std::string code = s["ets"].get<std::string>();
  if (code.size() != 3 && !(code.size() == 4 && code[2] == 'd'))
    throw ModelFitError("model state: ETS code '" + code + "'");
  model.spec.error = Component(code[0]);
  model.spec.trend = Component(code[1]);
  model.spec.damped = code.size() == 4;
  model.spec.season = Component(code.back());
  if (model.spec.error == EtsComponent::kNone || model.spec.trend == EtsComponent::kMultiplicative)
    throw ModelFitError("model state: ETS code '" + code + "'");
  model.m = StateInt(s, "m");
  model.par.alpha = StateNumber(s, "alpha");
  model.par.beta = StateNumber(s, "beta");
  model.par.gamma = StateNumber(s, "gamma");
  model.par.phi = StateNumber(s, "phi");
  model.sigma2 = StateNumber(s, "sigma2");
  model.state = StateNumbers(s, "x");
  model.initial = StateNumbers(s, "x0");
  const bool trend = model.spec.trend != EtsComponent::kNone;
  const bool season = model.spec.season != EtsComponent::kNone;
  if (model.m < 1 || model.m > 100000) throw ModelFitError("model state: ETS season");
  const std::size_t size = 1 + (trend ? 1 : 0) + (season ? static_cast<std::size_t>(model.m) : 0);
  if (model.state.size() != size || model.initial.size() != size)
    throw ModelFitError("model state: ETS state of the wrong size");
  return model;
}

ModelForecast ContinueEtsForecast(const StateInput& in, OneStepErrors* errors) {
  EtsModel model = EtsFromState(ModelState(in.model));
  if (in.new_periods > in.y.size()) throw ModelFitError("more new periods than history");
  const bool mult = model.spec.error == EtsComponent::kMultiplicative;
  for (std::size_t t = in.y.size() - in.new_periods; t < in.y.size(); ++t) {
    const double yhat = detail::EtsOneStep(model.spec, model.m, model.par, model.state);
    if (!std::isfinite(yhat) || (mult && !(std::abs(yhat) > 1e-10)))
      throw ModelFitError("ETS state gives no usable forecast");
    const double e = in.y[t] - yhat;
    errors->Add(mult ? e / yhat : e, model.sigma2);
    detail::EtsUpdate(model.spec, model.m, model.par, in.y[t], &model.state);
  }
  for (double v : model.state)
    if (!std::isfinite(v)) throw ModelFitError("ETS state not finite");
  model.n = static_cast<int>(in.y.size());
  EtsPrediction p = PredictEts(model, in.h);
  ModelForecast f;
  f.name = "ets";
  f.spec = model.spec.Name();
  f.model = in.model;
  f.model["state"] = EtsStateJson(model);
  f.mean = std::move(p.mean);
  f.se = std::move(p.se);
  f.sum_se = std::move(p.sum_se);
  return f;
}

}  // namespace invplan::forecast
