// `--model ces`: complex exponential smoothing per series (ces.h), its
// seasonal type chosen by AICc, on the --transform scale; the simplest model
// where it cannot be fitted.
#pragma once

#include "forecast/series_model.h"

namespace invplan::forecast {

SeriesResult CesSeriesForecast(const SeriesInput& in, Reasons* reasons);

}  // namespace invplan::forecast
