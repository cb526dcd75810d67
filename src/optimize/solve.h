// What every exact solver of the orders model returns (the multiple-choice
// knapsack method, the switch search, the branch and bound and the CBC
// adapter), and the limits it honours.
#pragma once

#include <string>
#include <vector>

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
struct Restriction {
  std::vector<int> core;
  std::vector<char> allowed;
  std::vector<int> fixed;
};

}  // namespace invplan::optimize
