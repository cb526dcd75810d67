#include "cli/command.h"
#include "invplan/plan.h"

namespace invplan::cli {

Action SetupRun(CLI::App& app) {
  app.footer(
      "The plan file has a [run] section (sales, items, future, supplier-min, out, stages) and\n"
      "one section per stage ([clean] [forecast] [detect] [optimize]) whose keys are that\n"
      "command's long option names. Outputs: OUT/runs/<UTC time>/, OUT/latest (the last good\n"
      "plan), OUT/manifest.json. Stages whose inputs and settings did not change are reused.");
  return TableCommand(app, PlanOptionTable(), [](const PlanOptions& o, Context& ctx) {
    return RunPlan(o, ctx.run).Summary();
  });
}

}  // namespace invplan::cli
