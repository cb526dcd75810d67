#include "forecast/ces/ces_series.h"

#include "forecast/ces/ces.h"

namespace invplan::forecast {

SeriesResult CesSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  if (SeriesResult constant; ConstantSeriesForecast(in, reasons, &constant)) return constant;
  return FitOnTransformedScale(
      [&](const std::vector<double>& w, int m) {
        ModelForecast f = CesForecast(w, m, in.h);
        CheckSane(f, w);
        return f;
      },
      in, reasons, "CES");
}

}  // namespace invplan::forecast
