// The state a per-series model leaves at the end of its history, and what a
// model needs to continue from it over new periods without refitting
// (--update-from, update/series_update.h).
//
// A model that can be continued writes a "state" object into its model JSON
// (ModelForecast::model) when it is fitted: its parameters as it uses them
// and its filter state after the last period. Continuing keeps the
// parameters, runs the model's recursions over the new periods only and
// forecasts from the new state; the result equals a fit to the whole history
// that chose the same parameters (to rounding), and carries the new state.
#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <string>
#include <vector>

#include "forecast/fit_error.h"
#include "forecast/model_forecast.h"
#include "invplan/artifact.h"

namespace invplan::forecast {

// The new periods' one-step errors e_t with their model variances v_t:
// sum_sq is sum e_t^2 / v_t (chi-square with `steps` degrees of freedom when
// the model holds). An error where the model saw no variance at all counts as
// infinitely surprising.
struct OneStepErrors {
  double sum_sq = 0.0;
  int steps = 0;
  void Add(double error, double variance) {
    ++steps;
    if (variance > 0 && std::isfinite(variance)) {
      sum_sq += error * error / variance;
    } else if (std::abs(error) > 1e-9) {
      sum_sq = INFINITY;
    }
  }
};

// What a model is continued from.
struct StateInput {
  const Json& model;             // the model object of the earlier artifact, with "state"
  const std::vector<double>& y;  // the whole history now (gaps filled)
  const Eigen::MatrixXd& xreg;   // y.size() × k regressors
  const Eigen::MatrixXd& future_xreg;
  std::size_t new_periods;  // the state is that after y's first y.size() - new_periods values
  int h;
};

// A number, integer, boolean or array of numbers of a state object; throws
// ModelFitError naming `key` when it is missing or of the wrong type.
double StateNumber(const Json& state, const char* key);
int StateInt(const Json& state, const char* key);
bool StateBool(const Json& state, const char* key);
std::vector<double> StateNumbers(const Json& state, const char* key);
// The "state" object of a model object (ModelFitError when there is none).
const Json& ModelState(const Json& model);

}  // namespace invplan::forecast
