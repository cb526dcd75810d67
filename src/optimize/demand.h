// Demand over the planning period and the expectations the plan values need.
//
// The demand of a SKU over lead time + review periods is the sum of its
// forecast periods (and of its locations' series) as common/forecast_distribution.h
// reads and sums them. E[min(D, y)] (expected sales from stock y) is computed
// exactly from its whole-unit probabilities (common ExpectedSales).
#pragma once

#include <vector>

#include "common/count_distribution.h"
#include "common/forecast_distribution.h"
#include "common/normal.h"
#include "invplan/forecast_artifact.h"

namespace invplan::optimize {

struct PlanDemand {
  DemandDistribution demand;
  bool extrapolated = false;  // more periods than the horizon: the last one repeated
};

// The demand plan mode uses for a SKU: the first `periods` periods (a fractional
// last one in part) of each of its series, summed.
PlanDemand DemandOver(const std::vector<const SeriesForecast*>& series, const ForecastSet& set,
                      double periods);

class DemandCurve {
 public:
  // Tabulates expected sales up to stock level `max_stock` (at least 0).
  DemandCurve(const DemandDistribution& d, double max_stock);
  // The count distribution with this mean and variance (negative binomial when
  // variance > mean, otherwise Poisson; zero when mean <= 0).
  DemandCurve(double mean, double variance, double max_stock);

  double mean() const { return sales_.mean(); }
  bool negative_binomial() const { return nb_; }
  // E[min(D, y)] for y >= 0 (y below 0 gives 0).
  double ExpectedSales(double y) const { return sales_(y); }

 private:
  bool nb_;
  invplan::ExpectedSales sales_;
};

using invplan::NormalQuantile;  // common/normal.h

}  // namespace invplan::optimize
