// The exact multiple-choice knapsack method.
//
//  1. Lagrangian bound UB over the shared rows (optimize/lagrangian.h); its
//     minimum is the LP relaxation's value.
//  2. Incumbent LB: the Lagrangian maximiser, repaired until every row holds,
//     supplier minimums enforced, then improved by single-SKU moves.
//  3. Without supplier minimums: the switch search (optimize/switch_search.h)
//     finds the optimum directly from UB, the multipliers and LB.
//  4. Otherwise, or when the switch search's lists grow too large: fixing
//     (forcing candidate j of SKU g costs at least (best reduced value of g) -
//     (reduced value of j) of the bound, so j can be in a plan better than LB
//     only if UB - that loss > LB; SKUs left with one candidate are fixed), and
//     the remaining core is solved exactly by our branch and bound
//     (optimize/branch_bound.h, with guessed cutoffs that shrink the core), or
//     with CBC when supplier minimums apply. Any better plan lies in the core,
//     so the core optimum is the optimum.
#pragma once

#include <string>
#include <vector>

#include "optimize/model.h"
#include "optimize/solve.h"

namespace invplan::optimize {

struct MckStats {
  int candidates = 0;
  int active_candidates = 0;  // kept for the relaxation after dominance and hull pruning
  double lagrangian_bound = 0.0;
  std::vector<double> multipliers;
  bool has_incumbent = false;
  double incumbent = 0.0;           // heuristic objective before the core solve
  double improved_incumbent = 0.0;  // after exchanges within the core
  int core_skus = 0;
  int core_candidates = 0;
  std::string core_engine;  // "branch_and_bound" or "cbc" (supplier minimums)
  long long core_nodes = 0, core_evaluations = 0;
  int core_rounds = 0;  // branch and bound runs (cutoff guesses)
  int switch_rounds = 0, switches = 0;
  long long switch_sets = 0, switch_pairs = 0;
  double bound_seconds = 0.0, heuristic_seconds = 0.0, core_seconds = 0.0;
};

SolveOutcome SolveMck(const Model& m, const SolveLimits& limits, MckStats* stats = nullptr);

// Heuristic part on its own (exposed for tests): a feasible plan built from the
// Lagrangian maximiser at `lambda`, or false if none was found.
bool LagrangianHeuristic(const Model& m, const std::vector<double>& lambda,
                         const std::vector<int>& start, std::vector<int>* pick);

}  // namespace invplan::optimize
