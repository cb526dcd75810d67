// The ARIMA model's state for continuing it (model_state.h): the order, the
// coefficients as fitted, sigma2, the regressor columns kept, and the Kalman
// filter state at the end of the history (ArimaFilterState).
//
// JSON: {"order": [p,d,q,P,D,Q,s], "constant": bool, "ar": [...], "ma": [...],
//        "sar": [...], "sma": [...], "mean_or_drift": x, "xreg": [...],
//        "xreg_columns": [indexes into --regressors], "sigma2": x,
//        "filter": {"a": [...], "P": [...], "steady": bool}}
#pragma once

#include <vector>

#include "forecast/arima/arima.h"
#include "forecast/model_state.h"

namespace invplan::forecast {

Json ArimaStateJson(const ArimaModel& model, const ArimaFilterState& filter,
                    const std::vector<int>& xreg_columns);

// The ARIMA model of `in.model` continued over the new periods (the caller
// passes the full regressor matrices of --regressors; the state says which
// columns the model kept). Throws ModelFitError for a state it cannot use.
ModelForecast ContinueArimaForecast(const StateInput& in, OneStepErrors* errors);

}  // namespace invplan::forecast
