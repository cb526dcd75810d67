#include <memory>

#include "cli/options.h"
#include "invplan/optimize.h"

namespace invplan::cli {

Action SetupOptimize(CLI::App& app) {
  auto o = std::make_shared<OptimizeOptions>();
  app.add_option("--forecast", o->forecast_path, "Plan mode: forecast artifact (JSON)");
  app.add_option("--items", o->items_path,
                 "Plan mode: items master CSV (sku,unit_cost,price[,holding_cost,pack_size,moq,"
                 "max_qty,lead_time,volume,supplier,on_hand,on_order,min_qty])");
  app.add_option("--review-periods", o->review_periods,
                 "Plan mode: periods until the next order, added to each lead time")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--shortage-penalty", o->shortage_penalty,
                 "Plan mode: cost per unit of expected unmet demand (on top of the lost margin)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--max-cover-sd", o->max_cover_sd,
                 "Plan mode, SKUs without max_qty: largest stock considered is mean + this many "
                 "standard deviations of demand (at least twice the mean)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--candidates", o->candidates_path,
                 "Candidate lines CSV: sku,quantity,cost,value[,volume][,supplier] (with --cover: "
                 "cost and demand instead of value)");
  auto* cover = app.add_option("--cover", o->cover,
                               "Cover mode: choose lines of least total cost whose demand sums to "
                               "at least this")
                    ->check(CLI::NonNegativeNumber);
  auto* budget = app.add_option("--budget", o->budget, "Total cost may not exceed this")
                     ->check(CLI::NonNegativeNumber);
  auto* capacity = app.add_option("--capacity", o->capacity, "Total volume may not exceed this")
                       ->check(CLI::NonNegativeNumber);
  app.add_option("--supplier-min", o->supplier_min_path,
                 "CSV supplier,min_value: a supplier that gets any order gets at least min_value");
  app.add_option("--solver", o->solver,
                 "auto|mck (multiple-choice knapsack method, CBC on the small core) or cbc (the "
                 "whole model in CBC)")
      ->check(CLI::IsMember({"auto", "mck", "cbc"}))
      ->capture_default_str();
  app.add_option(
         "--time-limit", o->time_limit,
         "Stop after this many seconds (elapsed) with the best plan, bound and gap; 0 = none")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("-o,--output", o->output,
                 "Orders artifact (JSON) or purchase lines (CSV); - = stdout");
  app.add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"json", "csv"}))
      ->capture_default_str();
  return [o, cover, budget, capacity](Context& ctx) {
    OptimizeOptions opt = *o;
    opt.has_cover = cover->count() > 0;
    opt.has_budget = budget->count() > 0;
    opt.has_capacity = capacity->count() > 0;
    opt.threads = ctx.global.threads;
    opt.solver_log = ctx.global.log_level == "debug" || ctx.global.log_level == "trace";
    OptimizeResult r = RunOptimize(opt, &ctx.run);
    Summary(ctx, r.summary + (opt.output.empty() || opt.output == "-" ? "" : " -> " + opt.output));
  };
}

}  // namespace invplan::cli
