// Continuing the Theta method from its state (theta.h ThetaState,
// model_state.h): the SES weight, the drift, sigma2 and the seasonal indexes
// are kept; the SES level runs over the new (seasonally adjusted) values with
// the recursion of the fit (ETS(A,N,N)), and the forecast is made as after a
// fit. One-step errors: the adjusted value minus Theta's one-step forecast
// level + drift (1 - (1 - alpha)^n) / alpha, variance sigma2.
//
// The models of theta_models.h (a "method" in the state) keep alpha, theta,
// l_0, sigma2 and the seasonal indexes and run their recursions over the new
// adjusted values: a dynamic model (DSTM, DOTM) goes on exactly as a fit of
// the whole history with the same parameters; a static one (STM, OTM) keeps
// the line A, B of the history it was fitted on, as the standard method keeps
// its drift. One-step errors: the adjusted value minus mu_t, variance sigma2.
#pragma once

#include "forecast/model_state.h"

namespace invplan::forecast {

ModelForecast ContinueThetaForecast(const StateInput& in, OneStepErrors* errors);

}  // namespace invplan::forecast
