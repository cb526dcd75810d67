// What every forecasting method returns, and the normal quantiles behind the
// intervals.
#pragma once

#include <string>
#include <vector>

#include "common/normal.h"
#include "invplan/artifact.h"

namespace invplan::forecast {

// A Gaussian forecast on the scale the model was fitted on (after any
// transform): the mean and standard error of each step ahead. Intervals are
// mean ± z·se, transformed back by the caller.
struct ModelForecast {
  std::string name;             // "naive", "croston", "arima", ...
  std::string spec;             // readable, e.g. "Naive", "Croston-SBA(alpha=0.1)"
  Json model = Json::object();  // coefficients and fit statistics
  std::vector<double> mean, se;
};

using invplan::NormalQuantile;  // common/normal.h
// z such that a central interval mean ± z·se covers `level` percent.
double LevelZ(double level);

}  // namespace invplan::forecast
