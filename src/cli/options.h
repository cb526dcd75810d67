// What every command's action shares: printing its summary.
#pragma once

#include <string>

#include "cli/command.h"

namespace invplan::cli {

// A readable summary line on standard error, unless --quiet.
void Summary(const Context& ctx, const std::string& text);

}  // namespace invplan::cli
