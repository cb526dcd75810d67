#include "cli/command.h"
#include "invplan/optimize.h"

namespace invplan::cli {

Action SetupOptimize(CLI::App& app) {
  return TableCommand(app, OptimizeOptionTable(), [](OptimizeOptions o, Context& ctx) {
    // CBC's own log follows the log level unless asked for explicitly.
    if (ctx.global.log_level == "debug" || ctx.global.log_level == "trace") o.solver_log = true;
    return RunOptimize(o, ctx.run).Summary();
  });
}

}  // namespace invplan::cli
