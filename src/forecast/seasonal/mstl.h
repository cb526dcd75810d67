// Multiple seasonal decomposition (MSTL) as R's forecast::mstl: seasonal
// components of several periods estimated by STL in turn, shortest period
// first, the whole round repeated `iterations` times (each pass adds the
// component back and re-estimates it from the series less the others), with
// s.window 7 + 4 i for the i-th period (11, 15, ...); the trend is that of the
// last STL, the remainder what is left.
#pragma once

#include <vector>

namespace invplan::forecast {

struct MstlResult {
  std::vector<int> periods;                   // used, ascending
  std::vector<std::vector<double>> seasonal;  // one per period
  std::vector<double> trend, remainder;
  // y less every seasonal component (trend + remainder).
  std::vector<double> adjusted;
};

// The periods of `wanted` that a history of n values supports: at least 2
// and shorter than n / 2 (R's rule; STL needs two full cycles), ascending,
// without repeats.
std::vector<int> UsablePeriods(const std::vector<int>& wanted, std::size_t n);

// Decomposes y by UsablePeriods(periods, y.size()); with none usable every
// component list is empty and adjusted == y (trend and remainder empty).
MstlResult Mstl(const std::vector<double>& y, const std::vector<int>& periods, int iterations = 2);

// Each component's last cycle carried forward h steps and summed (R's
// forecast.stl): step i adds seasonal[j][n - P_j + i mod P_j].
std::vector<double> SeasonalForecast(const MstlResult& d, int h);

}  // namespace invplan::forecast
