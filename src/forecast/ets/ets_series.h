// `--model ets`: exponential smoothing chosen by AICc per series (ets.h), on
// the --transform scale, with fallbacks that keep every series forecast.
#pragma once

#include "forecast/series_model.h"

namespace invplan::forecast {

// The fitted ETS forecast of a series on scale w (period m), the model as
// `request` (--ets-model) asks; additive_only: Z chooses additive components
// only (a transformed series, as R with a Box-Cox lambda). Throws
// ModelFitError when no model fits.
ModelForecast EtsForecast(const std::vector<double>& w, int m, int h, const std::string& request,
                          bool additive_only = false);

SeriesResult EtsSeriesForecast(const SeriesInput& in, Reasons* reasons);

}  // namespace invplan::forecast
