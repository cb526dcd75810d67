#include <memory>

#include "cli/options.h"
#include "invplan/rl.h"

namespace invplan::cli {

Action SetupSimulate(CLI::App& app) {
  const auto& table = SimulateOptionTable();
  auto bound = std::make_shared<BoundTable<SimulateOptions>>(app, table);
  app.footer(
      "Policy: exactly one of --policy FILE (from train-rl; --sku picks one of several),\n"
      "--base-stock S or --s-S s,S. Demand: --demand or --forecast, or the one a policy file\n"
      "records. Environment options given explicitly override the policy's.");
  return [bound, &table](Context& ctx) {
    const SimulateOptions o = ResolveOptions(*bound, table, &ctx);
    Summary(ctx, RunSimulate(o, ctx.run).Summary());
  };
}

}  // namespace invplan::cli
