// Exact search for the best plan near the Lagrangian bound, by enumerating
// cheap switches and joining two halves (meet in the middle).
//
// Fix multipliers lambda >= 0 and let ref be the Lagrangian maximiser (one
// line or none per SKU). For any plan S, written as switches of some SKUs away
// from ref, the identity
//   value(S) = UB - sum_{switches} d_j - lambda . u(S)
// holds, where UB = L(lambda), d_j = reduced(ref) - reduced(j) >= 0 is the
// loss of switch j, and u(S) = rhs - usage(S) is the unused part of each row
// (>= 0 exactly when S satisfies the rows). So a plan worth more than UB - delta
// uses only switches with d < delta, and the switches of each half of the SKUs
// sum to less than delta. The search lists, for each half, every set of
// switches whose losses sum to less than delta (one switch per SKU at most),
// sorts one list by its use of the row with the largest multiplier, and for
// each set of the other half looks only at the sets whose use leaves that row
// with less than (delta - d) / lambda unused. The best feasible pair is the
// optimum among plans worth more than UB - delta.
//
// delta starts small (a fraction of the gap between the bound and the
// incumbent) and grows fourfold until a plan above UB - delta is found or
// delta reaches the gap (then the incumbent is optimal). Supplier minimums are
// not handled (the caller checks BranchAndBoundApplies).
#pragma once

#include <vector>

#include "optimize/model.h"
#include "optimize/solve.h"

namespace invplan::optimize {

struct SwitchStats {
  int rounds = 0;          // values of delta tried
  long long listed = 0;    // switch sets listed (both halves, all rounds)
  long long pairs = 0;     // pairs checked
  int switches = 0;        // switches with d < delta in the last round
  double delta = 0.0;      // last delta
  bool too_large = false;  // a list outgrew its limit (the caller falls back)
};

// `lambda`: multipliers (e.g. near the LP dual optimum); `incumbent`: a
// feasible plan (without one the search does not start: kFailed). Returns
// kOptimal with the best plan, kFailed with too_large set when the lists would
// exceed `max_list` sets per half, or kTimeLimit with the incumbent.
SolveOutcome SolveBySwitches(const Model& m, const std::vector<double>& lambda,
                             const std::vector<int>& incumbent, const SolveLimits& limits,
                             long long max_list, SwitchStats* stats);

}  // namespace invplan::optimize
