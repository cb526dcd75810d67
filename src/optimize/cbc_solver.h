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
#include "optimize/solve.h"

namespace invplan::optimize {

// Solves the whole model; `start` (optional, full choice) is handed to CBC as a
// starting solution.
SolveOutcome SolveWithCbc(const Model& m, const SolveLimits& limits,
                          const std::vector<int>* start = nullptr);
// Solves the restricted part; the outcome's pick, objective and bound are for the
// whole model.
SolveOutcome SolveRestrictedWithCbc(const Model& m, const Restriction& r, const SolveLimits& limits,
                                    const std::vector<int>* start = nullptr);

}  // namespace invplan::optimize
