#include "cli/command.h"

namespace invplan::cli {

Action SetupForecast(CLI::App& app) { return NotBuilt(app, "forecast"); }

}  // namespace invplan::cli
