#include <memory>

#include "cli/options.h"
#include "invplan/optimize.h"

namespace invplan::cli {

Action SetupOptimize(CLI::App& app) {
  const auto& table = OptimizeOptionTable();
  auto bound = std::make_shared<BoundTable<OptimizeOptions>>(app, table);
  return [bound, &table](Context& ctx) {
    OptimizeOptions o = ResolveOptions(*bound, table, &ctx);
    // CBC's own log follows the log level unless asked for explicitly.
    if (ctx.global.log_level == "debug" || ctx.global.log_level == "trace") o.solver_log = true;
    Summary(ctx, RunOptimize(o, ctx.run).Summary());
  };
}

}  // namespace invplan::cli
