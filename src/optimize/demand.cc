#include "optimize/demand.h"

#include <algorithm>
#include <cmath>

namespace invplan::optimize {

PlanDemand DemandOver(const std::vector<const SeriesForecast*>& series, const ForecastSet& set,
                      double periods) {
  PlanDemand d;
  std::vector<WeightedDemand> parts;
  for (const SeriesForecast* s : series) d.extrapolated |= AppendPeriods(*s, set, periods, &parts);
  d.demand = SumDemand(parts);
  return d;
}

DemandCurve::DemandCurve(double mean, double variance, double max_stock)
    : DemandCurve(DemandDistribution::Count(CountDistribution::FromMoments(mean, variance)),
                  max_stock) {}

// The table reaches one unit past the largest stock so that the slope at the
// top stock level is known.
DemandCurve::DemandCurve(const DemandDistribution& d, double max_stock)
    : nb_(d.count() && !d.count()->poisson()),
      sales_(d.PmfTable(static_cast<std::size_t>(std::ceil(std::max(0.0, max_stock))) + 1),
             d.mean()) {}

}  // namespace invplan::optimize
