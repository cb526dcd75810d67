// Lagrangian relaxation of the shared rows of a Model.
//
// For multipliers lambda >= 0 (one per row),
//   L(lambda) = sum_g max_{j in g, or none} (value_j - lambda . weight_j) + lambda . rhs
// is an upper bound on the optimum (supplier minimums are relaxed too, which only
// loosens it). Only candidates that can be the maximiser for some lambda matter
// for L: those not dominated by another candidate of their SKU, and, when a SKU's
// candidates all use the rows in the same proportions (quantity times a per-unit
// cost and volume), only the corners of the upper concave hull of value against
// size. The dual min L (= the LP relaxation's value) is found by
// optimize/dual.h.
#pragma once

#include <vector>

#include "optimize/model.h"

namespace invplan::optimize {

class Lagrangian {
 public:
  explicit Lagrangian(const Model& m);

  // Candidates kept for evaluation (nulls not counted).
  int active_candidates() const { return active_candidates_; }

  // L(lambda); fills `pick` (one maximiser per group; -1 = none) and the
  // subgradient (rhs - usage) when not null.
  double Evaluate(const std::vector<double>& lambda, std::vector<int>* pick = nullptr,
                  std::vector<double>* subgradient = nullptr) const;

  // Approximately minimises L over lambda >= 0. Returns the bound and sets
  // `lambda`. Returns -infinity when some row cannot be satisfied at all.
  double Minimize(std::vector<double>* lambda) const;

  // Reduced value of candidate c (value - lambda . weight).
  double Reduced(int c, const std::vector<double>& lambda) const;

 private:
  const Model& m_;
  // Flattened active entries per group: candidate index (-1 = none).
  std::vector<int> offset_, cand_;
  std::vector<double> value_, weight_;  // weight_ at entry * rows + k
  std::vector<double> scale_;           // a typical multiplier size per row
  int active_candidates_ = 0;
  mutable long long evaluations_ = 0;
};

}  // namespace invplan::optimize
