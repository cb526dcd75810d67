#include <memory>

#include "cli/options.h"
#include "invplan/ingest.h"

namespace invplan::cli {

Action SetupClean(CLI::App& app) {
  const auto& table = CleanStageOptionTable();
  auto bound = std::make_shared<BoundTable<CleanStageOptions>>(app, table);
  return [bound, &table](Context& ctx) {
    const CleanStageOptions o = ResolveOptions(*bound, table, &ctx);
    Summary(ctx, RunClean(o, ctx.run).Summary());
  };
}

}  // namespace invplan::cli
