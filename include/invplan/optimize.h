// invplan/optimize.h — `invplan optimize`: which purchase orders to place,
// chosen by an integer program solved to proven optimality.
//
// One order quantity (or none) per SKU, maximising the summed value of the
// chosen lines subject to an optional budget (sum of cost), warehouse capacity
// (sum of volume), per-supplier minimum order values (a supplier that gets any
// order gets at least its minimum) and per-SKU minimum quantities.
//
// Inputs, one of three modes:
//   plan        --forecast F --items I: candidate quantities per SKU are 0 and
//               moq, moq+pack, ... up to max_qty; a quantity's value is its
//               expected profit over lead time + review periods relative to
//               ordering nothing (see README: demand model and formula).
//   policies    --policies P --items I: the candidates are each SKU's `today`
//               list of the policy artifact (train-rl with --items): quantity,
//               value relative to ordering nothing under the SKU's policy; cost
//               = unit_cost × quantity, volume and supplier from the items master.
//   candidates  --candidates C: lines sku,quantity,cost,value[,volume][,supplier];
//               at most one line per SKU.
//   cover       --candidates C --cover D: lines with cost and demand; minimise
//               the cost of lines whose demand sums to at least D.
//
// Artifact (format "invplan.orders", schema 1) after the envelope: mode, solver,
// status (optimal | time_limit | infeasible), reason, objective, objective_kind,
// bound, gap, solve_seconds, budget/budget_used, capacity/capacity_used,
// cover/cover_achieved, suppliers[], totals, solver_stats, notes[], lines[]
// ({sku, quantity, cost, value, volume, supplier} plus, in plan mode,
// demand_mean, demand_sd, position, fill_rate; in policies mode, recommended;
// in cover mode, demand), and, except in cover mode, not_ordered[] ({sku,
// wanted, ordered, reasons[]}: SKUs whose best order without the constraints
// was not placed in full, and which constraints stood in the way) and binding[]
// (the constraints named by those reasons).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/options.h"
#include "invplan/run_context.h"

namespace invplan {

constexpr const char* kOrdersFormat = "invplan.orders";
constexpr int kOrdersSchema = 1;

enum class OptimizeSolver { kAuto, kMck, kCbc };

struct OptimizeOptions {
  // Plan mode.
  std::string forecast_path, items_path;
  int review_periods = 1;
  double shortage_penalty = 0.0;
  double max_cover_sd = 6.0;  // without max_qty: stock up to mean + this many sd
  // Policies mode (with items_path): the policy artifact of train-rl --items.
  std::string policies_path;
  // Candidates and cover modes.
  std::string candidates_path;
  std::optional<double> cover;  // cover mode when given
  // Constraints (none unless given).
  std::optional<double> budget, capacity;
  std::string supplier_min_path;
  // Solving.
  OptimizeSolver solver = OptimizeSolver::kAuto;
  double time_limit = 60.0;  // seconds of elapsed time, 0: none
  bool solver_log = false;   // CBC's log on standard output
  // Output.
  std::string output;  // "" none, "-" standard output
  OutputFormat format = OutputFormat::kJson;
  std::string csv_path;  // the purchase lines as CSV as well ("" none)
};

// The options of `invplan optimize`, declared once (invplan/options.h).
const OptionTable<OptimizeOptions>& OptimizeOptionTable();

struct OptimizeResult {
  Json artifact;        // the orders artifact (written to options.output if given)
  std::string summary;  // one readable line
  std::string output;   // where the artifact went ("" none, "-" stdout)
  std::string Summary() const;
};

// Runs the stage. Throws UsageError for inconsistent options, InputError for
// bad input files and for an infeasible problem (after writing the artifact with
// status "infeasible" and the reason), ArtifactError for a bad forecast.
OptimizeResult RunOptimize(const OptimizeOptions& options, RunContext& ctx);

// Order selection for purchase lines another stage has priced (the network
// plan): optimize's model, supplier-minimum file (--supplier-min format:
// supplier,min_value) and exact solvers, behind a small interface.
//
// Each group (a SKU at a location) chooses at most one of its choices (none:
// quantity 0, value 0); the sum of the chosen values is maximised subject to
// every row (sum of the chosen weights <= rhs) and the supplier minimums (a
// supplier with any chosen line gets at least its minimum in cost).
struct OrderChoice {
  double quantity = 0.0, cost = 0.0, value = 0.0;
  std::vector<double> weights;  // one per OrderSelection row
};

struct OrderGroup {
  std::string name;      // how not_ordered names it, e.g. "SKU at DC"
  std::string supplier;  // "" none
  std::vector<OrderChoice> choices;
  int wanted = -1;  // the choice the stage would place without constraints (-1 none)
};

struct OrderSelection {
  std::vector<std::string> row_names;  // e.g. "budget", "capacity DC"
  std::vector<double> rhs;
  std::vector<OrderGroup> groups;
  std::string supplier_min_path;  // "" none
  OptimizeSolver solver = OptimizeSolver::kAuto;
  double time_limit = 60.0;  // seconds, 0: none
};

struct OrderSelectionResult {
  std::string status;  // optimal | time_limit | infeasible | failed
  std::string reason;  // why, when not optimal
  std::string solver;  // "mck" or "cbc"
  double objective = 0.0, bound = 0.0;
  std::vector<int> chosen;  // per group: index into its choices, -1 none
  // [{sku (the group's name), wanted, ordered, wanted_value, reasons[]}] for each
  // group whose wanted line was not placed in full; a reason is a row name or
  // "supplier minimum" whose limit the wanted line would break in place of the
  // chosen one, or "the other lines are worth more".
  Json not_ordered = Json::array();
  Json binding = Json::array();  // the names those reasons give, sorted
  std::vector<std::string> notes;
};

// Solves `selection`; appends the supplier-minimum file to run->inputs (when
// given and `run` is not null). Error(kBadInput) for a bad minimum file or
// model (non-finite numbers).
OrderSelectionResult SelectOrders(const OrderSelection& selection, RunInfo* run);

}  // namespace invplan
