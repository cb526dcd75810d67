// The --model rnn path of the forecast stage: one network input per SKU, one
// global network trained on all of them (or loaded from a file), and its
// forecasts turned into per-SKU results like every other model's (clipped at
// zero, demand class, fallbacks with a reason).
//
// Fallback: a series shorter than the network's lookback cannot fill a window;
// it gets the seasonal naive forecast (naive when not longer than a season,
// zero without observations), status "fallback" and a reason naming the
// lengths.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "forecast/registry.h"
#include "forecast/rnn/rnn.h"
#include "forecast/series_forecaster.h"
#include "invplan/forecast.h"

namespace invplan::forecast {

// Reads a saved network (Error(kArtifact) for another format, a newer schema or
// an inconsistent file) and records the file among the run's inputs.
RnnModel LoadRnnModel(const std::string& path, RunInfo* run);

// The network settings from the options (season: settings.season).
RnnConfig MakeRnnConfig(const RnnOptions& o, const SeriesSettings& settings, Frequency frequency,
                        int horizon, const std::vector<std::string>& regressors, int threads,
                        std::uint64_t seed);

// Forecasts config.horizon periods after each series. With `loaded` (a trained
// network whose horizon, frequency and regressors match `config`) nothing is
// trained; otherwise a network is trained on all series and, with
// `save_path`, written there atomically. Each point's distribution is the
// head's: a normal of log1p(y / scale) (of y / scale without log1p) for the
// Gaussian head, a negative binomial for the count head.
GlobalForecasts RnnForecastPanel(const std::vector<GlobalSeries>& series, const RnnConfig& config,
                                 const SeriesSettings& settings, const RnnModel* loaded,
                                 const std::string& save_path);

}  // namespace invplan::forecast
