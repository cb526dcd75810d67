#include "cli/command.h"
#include "invplan/rl.h"

namespace invplan::cli {

Action SetupTrainRl(CLI::App& app) {
  app.footer(
      "Demand: exactly one of --demand SPEC (with --sku for empirical:FILE) or --forecast FILE\n"
      "(one policy per series; --items FILE gives each SKU's costs, pack, MOQ and lead time,\n"
      "and options given explicitly override the items master).");
  return TableCommand(app, TrainRlOptionTable(), [](const TrainRlOptions& o, Context& ctx) {
    return RunTrainRl(o, ctx.run).Summary();
  });
}

}  // namespace invplan::cli
