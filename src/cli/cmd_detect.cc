#include "cli/command.h"

namespace invplan::cli {

Action SetupDetect(CLI::App& app) { return NotBuilt(app, "detect"); }

}  // namespace invplan::cli
