// The ETS model's state for continuing it (model_state.h): the components,
// the season, the smoothing parameters, sigma2 and the state vector after the
// last period (and the initial one, which a refit with the same parameters
// starts from).
//
// JSON: {"ets": "MAdN", "m": 7, "alpha", "beta", "gamma", "phi", "sigma2",
//        "x": [l, b, s...], "x0": [...]}
// Continuing runs the model's own recursion (EtsOneStep, EtsUpdate) over the
// new periods with the parameters and sigma2 kept; one-step errors are
// y - yhat (additive error) or (y - yhat) / yhat (multiplicative), variance
// sigma2.
#pragma once

#include "forecast/ets/ets.h"
#include "forecast/model_state.h"

namespace invplan::forecast {

Json EtsStateJson(const EtsModel& model);

// The model of a state (x: the final states); ModelFitError when unusable.
EtsModel EtsFromState(const Json& state);

ModelForecast ContinueEtsForecast(const StateInput& in, OneStepErrors* errors);

}  // namespace invplan::forecast
