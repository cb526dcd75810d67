#include "cli/command.h"

namespace invplan::cli {

Action SetupSimulate(CLI::App& app) { return NotBuilt(app, "simulate"); }

}  // namespace invplan::cli
