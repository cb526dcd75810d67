#include "cli/command.h"

#include "invplan/error.h"

namespace invplan::cli {

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec> kCommands = {
      {"clean", "Read a sales CSV, aggregate to a regular frequency, clean it, write CSV + report",
       SetupClean},
      {"forecast", "Forecast every SKU (auto ARIMA, baselines, intermittent methods, RNN)",
       SetupForecast},
      {"detect", "Find anomalous sales/inventory records with an isolation forest", SetupDetect},
      {"train-rl", "Learn a replenishment policy by Q-learning, checked against the optimum",
       SetupTrainRl},
      {"simulate", "Evaluate an ordering policy in the simulated inventory (what-if runs)",
       SetupSimulate},
      {"optimize", "Choose purchase orders under budget/capacity constraints (exact integer program)",
       SetupOptimize},
  };
  return kCommands;
}

Action NotBuilt(CLI::App& app, const char* what) {
  app.allow_extras();
  std::string name = what;
  return [name](Context&) -> void {
    throw UsageError("'" + name + "' is not built yet in this version of invplan");
  };
}

}  // namespace invplan::cli
