// Unit-root and seasonality tests behind the choice of d and D.
#pragma once
#include <vector>

namespace invplan::forecast::detail {

// KPSS level-stationarity statistic (Kwiatkowski et al. 1992) with the
// Newey-West long-run variance, Bartlett weights and lag truncation
// trunc(3 sqrt(n) / 13), as R's urca::ur.kpss(type = "mu") used by
// forecast::ndiffs.
double KpssStatistic(const std::vector<double>& y);
// Critical value at 5% for the level case (Kwiatkowski et al., table 1).
constexpr double kKpss5Percent = 0.463;

bool IsConstant(const std::vector<double>& y);

}  // namespace invplan::forecast::detail
