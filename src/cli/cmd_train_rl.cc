#include "cli/command.h"

namespace invplan::cli {

Action SetupTrainRl(CLI::App& app) { return NotBuilt(app, "train-rl"); }

}  // namespace invplan::cli
