// `--model theta`: the Theta method per series (theta.h) on the --transform
// scale, the simplest model where it cannot be fitted.
#pragma once

#include "forecast/series_model.h"

namespace invplan::forecast {

SeriesResult ThetaSeriesForecast(const SeriesInput& in, Reasons* reasons);

}  // namespace invplan::forecast
