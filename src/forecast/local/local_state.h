// Continuing the local models (naive, snaive, mean, drift, croston, tsb) from
// the "state" of their model JSON over new periods (model_state.h). Their
// recursions are those of the fit (baselines.h, intermittent.h), so the
// forecast equals the fit to the whole history (Croston and TSB with the same
// smoothing constants; the baselines have none to choose).
//
// One-step errors for the set test: naive y_t - y_{t-1} (variance sigma2),
// snaive y_t - y_{t-m} (sigma2), mean y_t - mean (s^2 (1 + 1/n)), drift
// y_t - y_{t-1} - b (sigma2 (1 + 1/T)), Croston/TSB demand minus the flat
// forecast (sigma2).
#pragma once

#include "forecast/model_state.h"

namespace invplan::forecast {

// `name`: the model's name as written ("naive", "croston", ...). Throws
// ModelFitError for another name or a state it cannot use.
ModelForecast ContinueLocalForecast(const std::string& name, const StateInput& in,
                                    OneStepErrors* errors);

// Whether ContinueLocalForecast continues the model `name`.
bool IsContinuableLocal(const std::string& name);

}  // namespace invplan::forecast
