#include "optimize/demand.h"

#include <algorithm>
#include <cmath>

namespace invplan::optimize {

DemandCurve::DemandCurve(double mean, double variance, double max_stock)
    : DemandCurve(CountDistribution::FromMoments(mean, variance), max_stock) {}

// The table reaches one unit past the largest stock so that the slope at the
// top stock level is known.
DemandCurve::DemandCurve(const CountDistribution& d, double max_stock)
    : nb_(!d.poisson()),
      sales_(d.PmfTable(static_cast<std::size_t>(std::ceil(std::max(0.0, max_stock))) + 1),
             d.mean()) {}

}  // namespace invplan::optimize
