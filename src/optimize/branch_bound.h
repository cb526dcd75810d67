// Exact depth-first branch and bound for the multiple-choice knapsack with a
// few shared rows (budget, capacity, cover), used on the core left after
// fixing. Supplier minimums are not handled here (the caller uses CBC then).
//
// Node bound: the LP relaxation of the node, computed as the minimum of the
// Lagrangian dual over the free SKUs' allowed lines (optimize/dual.h),
// warm-started from the parent's multipliers. At most `rows` SKUs are
// fractional in the LP; the SKU whose two best reduced values are closest is
// branched on, one child per allowed line, best reduced value first, each
// child first tested with the parent's multipliers (forcing line j costs the
// bound at least best - reduced_j). Reduced-cost fixing at every node removes
// the lines that cannot lead to a plan better than the incumbent; a SKU left
// with one line is fixed. The Lagrangian maximiser of every node, when it
// satisfies the rows, is a candidate incumbent.
//
// Optimality tolerance: a node is pruned when its bound <= incumbent +
// kBranchRelTol * max(1, |incumbent|), the absolute/relative optimality gap
// idea of general MIP solvers. Plans better by less than that may be missed.
#pragma once

#include <vector>

#include "optimize/model.h"
#include "optimize/solve.h"

namespace invplan::optimize {

constexpr double kBranchRelTol = 1e-10;

struct BranchStats {
  long long nodes = 0;
  long long evaluations = 0;       // dual function evaluations
  int improvements = 0;            // better plans found during the search
  long long last_improvement = 0;  // node count when the best plan was found
};

// True when the branch and bound applies to `m` (no supplier minimums).
bool BranchAndBoundApplies(const Model& m);

// Solves the core of `r` (r.core free over r.allowed; other groups as in
// r.fixed) for plans worth more than max(incumbent, cutoff). `incumbent` (full
// choice, may be empty) is a feasible plan; it is ignored when worth less than
// the cutoff. Returns kOptimal with the best plan (the incumbent when nothing
// in the core beats it), kTimeLimit with the best plan and a bound, or
// kInfeasible when no plan (incumbent included) is worth more than the cutoff.
SolveOutcome SolveCoreBranchAndBound(const Model& m, const Restriction& r,
                                     const std::vector<int>& incumbent, const SolveLimits& limits,
                                     double cutoff, BranchStats* stats = nullptr);

}  // namespace invplan::optimize
