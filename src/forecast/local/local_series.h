// The benchmark and intermittent-demand methods as per-series models of the
// stage (registry names naive, snaive, mean, drift, croston, tsb).
//
// The benchmarks honour --transform (fitted on the transformed scale, a note
// when a series is not transformed) and fall back to naive / mean on the same
// scale when the series is too short for them. Croston and TSB model the
// untransformed demand (--croston picks Croston's variant).
#pragma once

#include "forecast/series_model.h"

namespace invplan::forecast {

SeriesResult NaiveSeriesForecast(const SeriesInput& input, Reasons* reasons);
SeriesResult SeasonalNaiveSeriesForecast(const SeriesInput& input, Reasons* reasons);
SeriesResult MeanSeriesForecast(const SeriesInput& input, Reasons* reasons);
SeriesResult DriftSeriesForecast(const SeriesInput& input, Reasons* reasons);
SeriesResult CrostonSeriesForecast(const SeriesInput& input, Reasons* reasons);
SeriesResult TsbSeriesForecast(const SeriesInput& input, Reasons* reasons);

}  // namespace invplan::forecast
