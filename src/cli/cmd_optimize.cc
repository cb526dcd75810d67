#include "cli/command.h"

namespace invplan::cli {

Action SetupOptimize(CLI::App& app) { return NotBuilt(app, "optimize"); }

}  // namespace invplan::cli
