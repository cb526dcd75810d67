#include <memory>

#include "cli/options.h"
#include "invplan/rl.h"

namespace invplan::cli {

Action SetupTrainRl(CLI::App& app) {
  const auto& table = TrainRlOptionTable();
  auto bound = std::make_shared<BoundTable<TrainRlOptions>>(app, table);
  app.footer(
      "Demand: exactly one of --demand SPEC (with --sku for empirical:FILE) or --forecast FILE\n"
      "(one policy per series; --items FILE gives each SKU's costs, pack, MOQ and lead time,\n"
      "and options given explicitly override the items master).");
  return [bound, &table](Context& ctx) {
    const TrainRlOptions o = ResolveOptions(*bound, table, &ctx);
    Summary(ctx, RunTrainRl(o, ctx.run).Summary());
  };
}

}  // namespace invplan::cli
