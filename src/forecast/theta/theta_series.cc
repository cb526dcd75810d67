#include "forecast/theta/theta_series.h"

#include "forecast/theta/theta.h"

namespace invplan::forecast {

SeriesResult ThetaSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  const std::string& method = in.settings.theta_method;
  return FitOnTransformedScale(
      [&](const std::vector<double>& w, int m) {
        ModelForecast f = ThetaForecast(w, m, in.h, ThetaMethodFromName(method));
        CheckSane(f, w);
        return f;
      },
      in, reasons, "Theta");
}

}  // namespace invplan::forecast
