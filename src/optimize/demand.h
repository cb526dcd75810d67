// Demand over the planning period and the expectations the plan values need.
//
// Demand D is a count. Given its mean and variance it is the count
// distribution of common/count_distribution.h with those moments: negative
// binomial when variance > mean, otherwise Poisson (under-dispersion is not
// modelled), zero when mean <= 0. E[min(D, y)] (expected sales from stock y) is
// computed exactly from the probabilities (common ExpectedSales).
#pragma once

#include "common/count_distribution.h"
#include "common/normal.h"

namespace invplan::optimize {

class DemandCurve {
 public:
  // Tabulates expected sales up to stock level `max_stock` (at least 0).
  DemandCurve(double mean, double variance, double max_stock);

  double mean() const { return sales_.mean(); }
  bool negative_binomial() const { return nb_; }
  // E[min(D, y)] for y >= 0 (y below 0 gives 0).
  double ExpectedSales(double y) const { return sales_(y); }

 private:
  DemandCurve(const CountDistribution& d, double max_stock);

  bool nb_;
  invplan::ExpectedSales sales_;
};

using invplan::NormalQuantile;  // common/normal.h

}  // namespace invplan::optimize
