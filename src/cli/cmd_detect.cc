#include "cli/command.h"
#include "invplan/detect.h"

namespace invplan::cli {

Action SetupDetect(CLI::App& app) {
  return TableCommand(app, DetectOptionTable(), [](const DetectOptions& o, Context& ctx) {
    return RunDetect(o, ctx.run).Summary();
  });
}

}  // namespace invplan::cli
