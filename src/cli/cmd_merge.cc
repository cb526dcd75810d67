#include <memory>

#include "cli/command.h"
#include "invplan/merge.h"

namespace invplan::cli {

// The parts are positional (a shell glob: out/forecast-*.json), so they are not
// an option of the table.
Action SetupMerge(CLI::App& app) {
  auto bound = std::make_shared<BoundTable<MergeOptions>>(app, MergeOptionTable());
  auto parts = std::make_shared<std::vector<std::string>>();
  app.add_option("parts", *parts, "The artifacts of shards 0..N-1 of one run, in any order")
      ->type_name("PART...")
      ->required();
  return [bound, parts](Context& ctx) {
    MergeOptions o = ResolveOptions(*bound, MergeOptionTable(), &ctx);
    o.parts = *parts;
    Summary(ctx, RunMerge(o, ctx.run).Summary());
  };
}

}  // namespace invplan::cli
