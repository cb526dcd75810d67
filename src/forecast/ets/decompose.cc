#include "forecast/ets/decompose.h"

#include <cmath>

namespace invplan::forecast {

std::vector<double> SeasonalFigure(const std::vector<double>& y, int m, bool multiplicative) {
  const int n = static_cast<int>(y.size());
  // Centred moving average of length m; an even m takes a 2 x m average, so
  // the window stays centred (half weights at both ends).
  const int half = m / 2;
  std::vector<double> sum(m, 0.0);
  std::vector<int> count(m, 0);
  for (int t = half; t + half < n; ++t) {
    double trend = 0;
    if (m % 2 == 0) {
      trend = 0.5 * (y[t - half] + y[t + half]);
      for (int k = -half + 1; k < half; ++k) trend += y[t + k];
    } else {
      for (int k = -half; k <= half; ++k) trend += y[t + k];
    }
    trend /= m;
    sum[t % m] += multiplicative ? y[t] / trend : y[t] - trend;
    ++count[t % m];
  }
  std::vector<double> figure(m);
  double mean = 0;
  for (int i = 0; i < m; ++i) {
    figure[i] = count[i] > 0 ? sum[i] / count[i] : (multiplicative ? 1.0 : 0.0);
    mean += figure[i] / m;
  }
  for (double& f : figure) f = multiplicative ? f / mean : f - mean;
  return figure;
}

}  // namespace invplan::forecast
