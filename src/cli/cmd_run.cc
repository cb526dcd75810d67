#include <memory>

#include "cli/options.h"
#include "invplan/plan.h"

namespace invplan::cli {

Action SetupRun(CLI::App& app) {
  const auto& table = PlanOptionTable();
  auto bound = std::make_shared<BoundTable<PlanOptions>>(app, table);
  app.footer(
      "The plan file has a [run] section (sales, items, future, supplier-min, out, stages) and\n"
      "one section per stage ([clean] [forecast] [detect] [optimize]) whose keys are that\n"
      "command's long option names. Outputs: OUT/runs/<UTC time>/, OUT/latest (the last good\n"
      "plan), OUT/manifest.json. Stages whose inputs and settings did not change are reused.");
  return [bound, &table](Context& ctx) {
    const PlanOptions o = ResolveOptions(*bound, table, &ctx);
    Summary(ctx, RunPlan(o, ctx.run).Summary());
  };
}

}  // namespace invplan::cli
