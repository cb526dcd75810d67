// The recurrent network as the stage's global model "rnn" (registry.h).
//
// Prepare reads --load-model and checks it against the panel (frequency,
// --horizon, --regressors: Error(kUsage) naming what differs); the horizon is
// then the network's. Forecast trains a network on the full histories (and
// writes --save-model) or forecasts with the loaded one; for the backtest it
// always trains a fresh network and saves nothing.
#pragma once

#include <memory>

#include "forecast/registry.h"

namespace invplan::forecast {

std::unique_ptr<GlobalModel> MakeRnnGlobalModel();

}  // namespace invplan::forecast
