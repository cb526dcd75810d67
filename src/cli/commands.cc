#include "cli/command.h"
#include "invplan/detect.h"
#include "invplan/error.h"
#include "invplan/forecast.h"
#include "invplan/ingest.h"
#include "invplan/merge.h"
#include "invplan/network.h"
#include "invplan/optimize.h"
#include "invplan/plan.h"
#include "invplan/report.h"
#include "invplan/rl.h"

namespace invplan::cli {

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
      {"clean", "Read a sales CSV, aggregate to a regular frequency, clean it, write CSV + report",
       SetupClean, [] { return CleanStageOptionTable().Markdown(); }},
      {"forecast", "Forecast every SKU (auto ARIMA, baselines, intermittent methods, RNN)",
       SetupForecast, [] { return ForecastOptionTable().Markdown(); }},
      {"detect", "Find anomalous sales/inventory records with an isolation forest", SetupDetect,
       [] { return DetectOptionTable().Markdown(); }},
      {"train-rl", "Learn a replenishment policy by Q-learning, checked against the optimum",
       SetupTrainRl, [] { return TrainRlOptionTable().Markdown(); }},
      {"simulate", "Evaluate an ordering policy in the simulated inventory (what-if runs)",
       SetupSimulate, [] { return SimulateOptionTable().Markdown(); }},
      {"optimize",
       "Choose purchase orders under budget/capacity constraints (exact integer program)",
       SetupOptimize, [] { return OptimizeOptionTable().Markdown(); }},
      {"network",
       "Plan a DC and its stores together: echelon base stocks, tonight's orders and shipments",
       SetupNetwork, [] { return NetworkOptionTable().Markdown(); }},
      {"run", "Tonight's plan: the stages of a plan file in one run, reusing what is up to date",
       SetupRun, [] { return PlanOptionTable().Markdown(); }},
      {"merge", "Join the artifacts of the N shards of a run (--shard K/N) into the unsharded one",
       SetupMerge, [] { return MergeOptionTable().Markdown(); }},
      {"report", "One self-contained HTML page about a plan: overview, orders, SKUs, accuracy",
       SetupReport, [] { return ReportOptionTable().Markdown(); }},
  };
  return kCommands;
}

}  // namespace invplan::cli
