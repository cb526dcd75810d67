#include "cli/command.h"
#include "invplan/ingest.h"

namespace invplan::cli {

Action SetupClean(CLI::App& app) {
  return TableCommand(app, CleanStageOptionTable(), [](const CleanStageOptions& o, Context& ctx) {
    return RunClean(o, ctx.run).Summary();
  });
}

}  // namespace invplan::cli
