// Seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae &
// Terpenning 1990) with the defaults R's forecast::mstl uses for one
// seasonal period: s.window 11 (degree 0), t.window and l.window from the
// period, jumps of a tenth of the windows, two inner passes, no robustness.
#pragma once
#include <vector>

namespace invplan::forecast::detail {

struct StlResult {
  std::vector<double> seasonal, trend, remainder;
};

// Requires period >= 2 and n > 2 * period.
StlResult Stl(const std::vector<double>& y, int period, int s_window = 11);

// max(0, min(1, 1 - var(remainder) / var(remainder + seasonal))): the
// seasonal strength of Wang, Smith & Hyndman (2006) used to choose D.
double SeasonalStrength(const std::vector<double>& y, int period);

}  // namespace invplan::forecast::detail
