// The general engine: the model (or a restricted part of it) as a 0-1 program
// solved by COIN-OR CBC through its C interface.
//
// Formulation: one binary per candidate, one row per SKU (at most / exactly one
// choice), one row per shared constraint, and for each supplier minimum a binary
// "supplier used" y_s with  sum x_gj <= y_s  for each of its SKUs and
// sum spend*x >= min*y_s. Whatever CBC returns is checked again against the
// model before it is reported.
#pragma once

#include <string>
#include <vector>

#include "optimize/model.h"

namespace invplan::optimize {

enum class SolveStatus { kOptimal, kTimeLimit, kInfeasible, kFailed };
const char* StatusName(SolveStatus s);  // "optimal", "time_limit", "infeasible", "failed"

struct SolveLimits {
  double time_limit = 0.0;  // seconds of elapsed time; <= 0: none
  bool log = false;         // show CBC's own log on standard output
  int max_nodes = 0;        // branch-and-bound nodes; <= 0: none (a stop here is kFailed
                            // with the best plan found, if any)
};

struct SolveOutcome {
  SolveStatus status = SolveStatus::kFailed;
  bool has_solution = false;
  std::vector<int> pick;   // full choice (when has_solution)
  double objective = 0.0;  // of pick
  double bound = 0.0;      // upper bound on the optimum (maximisation)
  std::string message;     // why, when not optimal
};

// A part of the model to solve: groups in `core` are free (restricted to their
// candidates with allowed[c] != 0, or all when `allowed` is empty); every other
// group keeps its choice in `fixed` (which must hold one entry per group).
// `start` (optional, full choice) is handed to CBC as a starting solution.
struct Restriction {
  std::vector<int> core;
  std::vector<char> allowed;
  std::vector<int> fixed;
};

// Solves the whole model.
SolveOutcome SolveWithCbc(const Model& m, const SolveLimits& limits,
                          const std::vector<int>* start = nullptr);
// Solves the restricted part; the outcome's pick, objective and bound are for the
// whole model.
SolveOutcome SolveRestrictedWithCbc(const Model& m, const Restriction& r, const SolveLimits& limits,
                                    const std::vector<int>* start = nullptr);

}  // namespace invplan::optimize
