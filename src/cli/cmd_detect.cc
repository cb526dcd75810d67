#include <memory>

#include "cli/options.h"
#include "invplan/detect.h"

namespace invplan::cli {

Action SetupDetect(CLI::App& app) {
  const auto& table = DetectOptionTable();
  auto bound = std::make_shared<BoundTable<DetectOptions>>(app, table);
  return [bound, &table](Context& ctx) {
    const DetectOptions o = ResolveOptions(*bound, table, &ctx);
    Summary(ctx, RunDetect(o, ctx.run).Summary());
  };
}

}  // namespace invplan::cli
