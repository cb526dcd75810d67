#include "cli/command.h"
#include "invplan/rl.h"

namespace invplan::cli {

Action SetupSimulate(CLI::App& app) {
  app.footer(
      "Policy: exactly one of --policy FILE (from train-rl; --sku picks one of several),\n"
      "--base-stock S or --s-S s,S. Demand: --demand or --forecast, or the one a policy file\n"
      "records. Environment options given explicitly override the policy's.");
  return TableCommand(app, SimulateOptionTable(), [](const SimulateOptions& o, Context& ctx) {
    return RunSimulate(o, ctx.run).Summary();
  });
}

}  // namespace invplan::cli
