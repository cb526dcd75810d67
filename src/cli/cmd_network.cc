#include "cli/command.h"
#include "invplan/network.h"

namespace invplan::cli {

Action SetupNetwork(CLI::App& app) {
  return TableCommand(app, NetworkOptionTable(), [](const NetworkOptions& o, Context& ctx) {
    return RunNetwork(o, ctx.run).Summary();
  });
}

}  // namespace invplan::cli
