// The checks of ForecastOptions that need no data, and the per-series settings
// they translate to.
#pragma once

#include <string>

#include "forecast/series_model.h"
#include "invplan/forecast.h"

namespace invplan::forecast {

// Throws Error(kUsage) naming the option for any invalid value or combination.
// With a global model (--model rnn) the settings' model is the seasonal naive
// of the fallbacks and the benchmark.
SeriesSettings ValidateOptions(const ForecastOptions& o);

// The flat CSV's path: --csv, else with --format csv the artifact's path with
// .csv; "" for none. Error(kUsage) for --format csv with the artifact on stdout.
std::string CsvPathFor(const ForecastOptions& o);

}  // namespace invplan::forecast
