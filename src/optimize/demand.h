// Demand over the planning period and the expectations the plan values need.
//
// Demand D is a count. Given its mean and variance it is modelled as
//   variance > mean:  negative binomial with that mean and variance,
//   otherwise:        Poisson with that mean (under-dispersion is not modelled),
//   mean <= 0:        zero.
// E[min(D, y)] (expected sales from stock y) is computed exactly from the
// probabilities: S(n) = sum_{k<n} P(D > k) for whole n, linear in between.
#pragma once

#include <vector>

#include "common/normal.h"

namespace invplan::optimize {

class DemandCurve {
 public:
  // Tabulates S up to stock level `max_stock` (at least 0).
  DemandCurve(double mean, double variance, double max_stock);

  double mean() const { return mean_; }
  bool negative_binomial() const { return nb_; }
  // E[min(D, y)] for y >= 0 (y below 0 gives 0).
  double ExpectedSales(double y) const;

 private:
  double mean_;
  bool nb_ = false;
  std::vector<double> sales_;  // S(n), n = 0..size-1
  std::vector<double> tail_;   // P(D > n)
};

using invplan::NormalQuantile;  // common/normal.h

}  // namespace invplan::optimize
