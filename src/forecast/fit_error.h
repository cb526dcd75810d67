// The one exception a forecasting model throws when it cannot be fitted to a
// series: too short, no demand, a singular system, a non-converging or
// non-finite optimisation, an exploding forecast. The fallback chain
// (series_forecaster.h) catches exactly this type and moves on to a simpler
// model, recording what() as the reason; anything else (std::bad_alloc, a
// std::logic_error from a bug, invplan::Error) propagates and stops the run.
//
// It derives from std::runtime_error so that callers outside the forecast
// stage that expect a runtime_error keep working.
#pragma once

#include <stdexcept>
#include <string>

namespace invplan::forecast {

class ModelFitError : public std::runtime_error {
 public:
  explicit ModelFitError(const std::string& reason) : std::runtime_error(reason) {}
};

}  // namespace invplan::forecast
