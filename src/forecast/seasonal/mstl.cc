#include "forecast/seasonal/mstl.h"

#include <algorithm>

#include "forecast/arima/arima_stl.h"

namespace invplan::forecast {

std::vector<int> UsablePeriods(const std::vector<int>& wanted, std::size_t n) {
  std::vector<int> out;
  for (int p : wanted) {
    if (p >= 2 && 2.0 * p < static_cast<double>(n)) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

MstlResult Mstl(const std::vector<double>& y, const std::vector<int>& periods, int iterations) {
  MstlResult d;
  d.periods = UsablePeriods(periods, y.size());
  d.adjusted = y;
  if (d.periods.empty()) return d;
  const std::size_t n = y.size();
  d.seasonal.assign(d.periods.size(), std::vector<double>(n, 0.0));
  // One period needs no second round: nothing else moves between passes.
  const int rounds = d.periods.size() == 1 ? 1 : std::max(1, iterations);
  detail::StlResult last;
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t j = 0; j < d.periods.size(); ++j) {
      for (std::size_t t = 0; t < n; ++t) d.adjusted[t] += d.seasonal[j][t];
      last = detail::Stl(d.adjusted, d.periods[j], 7 + 4 * static_cast<int>(j + 1));
      d.seasonal[j] = last.seasonal;
      for (std::size_t t = 0; t < n; ++t) d.adjusted[t] -= d.seasonal[j][t];
    }
  }
  d.trend = last.trend;
  d.remainder.resize(n);
  for (std::size_t t = 0; t < n; ++t) d.remainder[t] = d.adjusted[t] - d.trend[t];
  return d;
}

std::vector<double> SeasonalForecast(const MstlResult& d, int h) {
  std::vector<double> out(static_cast<std::size_t>(std::max(0, h)), 0.0);
  for (std::size_t j = 0; j < d.periods.size(); ++j) {
    const std::vector<double>& s = d.seasonal[j];
    const std::size_t p = static_cast<std::size_t>(d.periods[j]), n = s.size();
    for (std::size_t i = 0; i < out.size(); ++i) out[i] += s[n - p + i % p];
  }
  return out;
}

}  // namespace invplan::forecast
