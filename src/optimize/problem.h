// Building the order-selection model from the user's files, keeping what the
// output needs about every candidate line.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/optimize.h"
#include "optimize/model.h"

namespace invplan::optimize {

// Per-SKU facts of plan mode.
struct SkuPlan {
  double demand_mean = 0.0, demand_sd = 0.0, position = 0.0;
};

struct Problem {
  std::string mode;  // "plan", "policies", "candidates", "cover"
  Model model;
  // Per candidate: what the purchase line says.
  std::vector<double> quantity, cost, volume, demand, fill_rate;
  std::vector<std::string> supplier_name;  // "" when none
  std::vector<SkuPlan> plan;               // per group, plan mode only
  std::vector<double> recommended;         // per group, policies mode only
  std::vector<std::string> notes;          // shown in the artifact and logged
  Json unknown = Json::object();           // SKUs on one side only (plan mode)
  std::string demand_model;                // plan mode: how demand was modelled
  int row_budget = -1, row_capacity = -1, row_cover = -1;
};

// Plan mode: forecast artifact + items master.
Problem BuildPlanProblem(const OptimizeOptions& o, RunContext& ctx);
// Policies mode: policy artifact + items master.
Problem BuildPoliciesProblem(const OptimizeOptions& o, RunContext& ctx);
// Candidates and cover modes.
Problem BuildCandidatesProblem(const OptimizeOptions& o, RunContext& ctx);

// The builders fill groups, model.value and the per-candidate line fields;
// Assemble then adds the rows (budget, capacity, cover), spends and suppliers
// (reading --supplier-min).
void Assemble(const OptimizeOptions& o, RunInfo* run, Problem* p);

// supplier -> min_value from --supplier-min.
std::map<std::string, double> ReadSupplierMinimums(const std::string& path, InputInfo* info);

// Removes candidates that can never be chosen because their supplier's minimum
// cannot be reached (within the budget); records notes. Returns why the problem
// is infeasible when a SKU that must be ordered is left without candidates,
// otherwise "".
std::string DropUnreachableSuppliers(Problem* p);

}  // namespace invplan::optimize
