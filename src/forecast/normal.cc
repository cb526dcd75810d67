#include "common/normal.h"

#include <cmath>
#include <limits>

#include "forecast/model_forecast.h"

namespace invplan::forecast {

double LevelZ(double level) {
  return NormalQuantile(0.5 + level / 200.0);
}

}  // namespace invplan::forecast
