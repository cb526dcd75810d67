#include "forecast/arima/arima_unitroot.h"

#include <cmath>

#include "forecast/arima/arima.h"
#include "forecast/arima/arima_poly.h"
#include "forecast/arima/arima_stl.h"

namespace invplan::forecast {
namespace detail {

bool IsConstant(const std::vector<double>& y) {
  for (double v : y)
    if (v != y[0]) return false;
  return true;
}

double KpssStatistic(const std::vector<double>& y) {
  const int n = static_cast<int>(y.size());
  double mean = 0;
  for (double v : y) mean += v;
  mean /= n;
  std::vector<double> e(n);
  for (int i = 0; i < n; ++i) e[i] = y[i] - mean;
  double s = 0, num = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    s += e[i];
    num += s * s;
    s2 += e[i] * e[i];
  }
  num /= static_cast<double>(n) * n;
  s2 /= n;
  const int lmax = static_cast<int>(std::trunc(3 * std::sqrt(static_cast<double>(n)) / 13));
  double lr = 0;
  for (int l = 1; l <= lmax && l < n; ++l) {
    double cov = 0;
    for (int i = l; i < n; ++i) cov += e[i] * e[i - l];
    lr += (1 - l / (lmax + 1.0)) * cov;
  }
  const double den = s2 + 2.0 / n * lr;
  return den > 0 ? num / den : 0.0;
}

}  // namespace detail

int NumberOfDiffs(const std::vector<double>& y, int max_d) {
  std::vector<double> x(y);
  int d = 0;
  if (x.size() < 2 || detail::IsConstant(x)) return 0;
  // The statistic exceeding the 5% point means "not stationary": difference.
  while (d < max_d && detail::KpssStatistic(x) > detail::kKpss5Percent) {
    ++d;
    x = detail::Difference(x, 1, 0, 1);
    if (x.size() < 2 || detail::IsConstant(x)) return d;
  }
  return d;
}

int NumberOfSeasonalDiffs(const std::vector<double>& y, int s, int max_D) {
  std::vector<double> x(y);
  int D = 0;
  if (s <= 1 || detail::IsConstant(x)) return 0;
  bool dodiff = static_cast<int>(x.size()) > 2 * s && detail::SeasonalStrength(x, s) > 0.64;
  while (dodiff && D < max_D) {
    ++D;
    x = detail::Difference(x, 0, 1, s);
    if (x.empty() || detail::IsConstant(x)) return D;
    dodiff =
        static_cast<int>(x.size()) > 2 * s && D < max_D && detail::SeasonalStrength(x, s) > 0.64;
  }
  return D;
}

}  // namespace invplan::forecast
