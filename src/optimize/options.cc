// The options of `invplan optimize`, declared once (see invplan/options.h).
#include "invplan/error.h"
#include "invplan/optimize.h"

namespace invplan {
namespace {

// Which inputs go together: the three modes of the header.
void CheckModes(const OptimizeOptions& o) {
  const bool policies = !o.policies_path.empty();
  const bool plan = !policies && (!o.forecast_path.empty() || !o.items_path.empty());
  const bool lines = !o.candidates_path.empty();
  if ((plan || policies) && lines) {
    throw UsageError(
        "optimize: give either --forecast/--items, --policies/--items or --candidates, not two");
  }
  if (policies && !o.forecast_path.empty()) {
    throw UsageError("optimize: give either --forecast (plan mode) or --policies, not both");
  }
  if (!plan && !lines && !policies) {
    throw UsageError(
        "optimize: nothing to optimise; give --forecast and --items (plan mode), --policies "
        "and --items (policies mode) or --candidates (candidates or --cover mode)");
  }
  if (plan && (o.forecast_path.empty() || o.items_path.empty())) {
    throw UsageError("optimize: plan mode needs both --forecast and --items");
  }
  if (policies && o.items_path.empty()) {
    throw UsageError("optimize: policies mode needs --items (unit cost, volume and supplier)");
  }
  if (o.cover && !lines) throw UsageError("optimize: --cover needs --candidates");
}

OptionTable<OptimizeOptions> MakeTable() {
  using O = OptimizeOptions;
  OptionTable<O> t;
  t.Group("Plan mode");
  t.Text("forecast", &O::forecast_path, "Plan mode: forecast artifact (JSON)", "FILE");
  t.Text("items", &O::items_path,
         "Plan mode: items master CSV (sku,unit_cost,price[,holding_cost,pack_size,moq,max_qty,"
         "lead_time,volume,supplier,on_hand,on_order,min_qty])",
         "FILE");
  t.Int("review-periods", &O::review_periods,
        "Plan mode: periods until the next order, added to each lead time", 0, 10000);
  t.Number("shortage-penalty", &O::shortage_penalty,
           "Plan mode: cost per unit of expected unmet demand (on top of the lost margin)", 0.0,
           std::nullopt);
  t.Number("max-cover-sd", &O::max_cover_sd,
           "Plan mode, SKUs without max_qty: largest stock considered is mean + this many "
           "standard deviations of demand (at least twice the mean)",
           0.0, 1000.0);
  t.Group("Policies mode");
  t.Text("policies", &O::policies_path,
         "Policies mode: policy artifact of train-rl --items (tonight's candidate orders and "
         "their values); with --items",
         "FILE");
  t.Group("Candidates and cover modes");
  t.Text("candidates", &O::candidates_path,
         "Candidate lines CSV: sku,quantity,cost,value[,volume][,supplier] (with --cover: cost "
         "and demand instead of value)",
         "FILE");
  t.OptionalNumber("cover", &O::cover,
                   "Cover mode: choose lines of least total cost whose demand sums to at least "
                   "this",
                   0.0, std::nullopt);
  t.Group("Constraints");
  t.OptionalNumber("budget", &O::budget, "Total cost may not exceed this", 0.0, std::nullopt);
  t.OptionalNumber("capacity", &O::capacity, "Total volume may not exceed this", 0.0, std::nullopt);
  t.Text("supplier-min", &O::supplier_min_path,
         "CSV supplier,min_value: a supplier that gets any order gets at least min_value", "FILE");
  t.Group("Solving");
  t.Choice("solver", &O::solver,
           "mck: multiple-choice knapsack method with its own exact search (auto: the same); "
           "cbc: the whole model in CBC",
           std::vector<std::pair<std::string, OptimizeSolver>>{{"auto", OptimizeSolver::kAuto},
                                                               {"mck", OptimizeSolver::kMck},
                                                               {"cbc", OptimizeSolver::kCbc}});
  t.Number("time-limit", &O::time_limit,
           "Stop after this many seconds (elapsed) with the best plan, its bound and gap (status "
           "time_limit); 0 = none",
           0.0, std::nullopt);
  t.Flag("solver-log", &O::solver_log, "Show CBC's log on standard output");
  t.Group("Output");
  t.Text("output", &O::output, "Orders artifact (JSON) or purchase lines (CSV); - = stdout", "FILE")
      .Short('o');
  t.Choice("format", &O::format, "Format of --output",
           std::vector<std::pair<std::string, OutputFormat>>{{"json", OutputFormat::kJson},
                                                             {"csv", OutputFormat::kCsv}});
  t.Text("csv", &O::csv_path, "The purchase lines as CSV as well, beside the JSON artifact",
         "FILE");
  t.Rule(CheckModes);
  return t;
}

}  // namespace

const OptionTable<OptimizeOptions>& OptimizeOptionTable() {
  static const OptionTable<OptimizeOptions> kTable = MakeTable();
  return kTable;
}

}  // namespace invplan
