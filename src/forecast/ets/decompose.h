// Classical seasonal decomposition (moving-average trend, seasonal figure by
// period position), as R's decompose(): the basis of ETS's initial seasonal
// states and of the Theta method's seasonal adjustment.
#pragma once

#include <vector>

namespace invplan::forecast {

// The seasonal figure of y with period m > 1: element i is the index of the
// periods t with t % m == i (t from 0). Additive figures sum to zero,
// multiplicative ones average one. Needs y.size() >= 2 * m; a position with no
// detrended value gets 0 (additive) or 1 (multiplicative).
std::vector<double> SeasonalFigure(const std::vector<double>& y, int m, bool multiplicative);

}  // namespace invplan::forecast
