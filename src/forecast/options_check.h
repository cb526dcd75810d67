// The checks of ForecastOptions that need no data, and the per-series settings
// they translate to.
#pragma once

#include <string>

#include "forecast/series_model.h"
#include "invplan/forecast.h"

namespace invplan::forecast {

// The per-series settings the options translate to (the options' single values
// are checked by ForecastOptionTable; this adds what needs the model registry:
// the model's name, --order, --transform, regressors). Throws Error(kUsage)
// naming the option. With a global model (--model rnn) the settings' model is
// the seasonal naive of the fallbacks and the benchmark.
SeriesSettings ValidateOptions(const ForecastOptions& o);

// Where the artifact and the flat CSV of points go: --format csv puts the CSV
// at --output (and writes no JSON); --csv FILE writes the CSV beside the JSON.
struct OutputPaths {
  std::string json, csv;  // "" for none
};
OutputPaths OutputPathsFor(const ForecastOptions& o);

}  // namespace invplan::forecast
