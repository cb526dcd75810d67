// Options shared by train-rl and simulate: the inventory environment and the
// demand source, declared once.
#pragma once

#include <CLI/CLI.hpp>
#include <set>
#include <string>

#include "invplan/rl.h"

namespace invplan::cli {

// --lead-time, --price, --unit-cost, --holding-cost, --lost-sale-penalty,
// --fixed-order-cost, --max-inventory, --max-order, --order-step, --min-order,
// --max-backlog, --unit, --unmet.
void AddEnvironmentOptions(CLI::App& app, EnvironmentOptions* env);
// The environment fields whose options were given (command line or config file).
std::set<std::string> GivenEnvironmentFields(const CLI::App& app);
// --demand, --forecast, --sku.
void AddDemandOptions(CLI::App& app, DemandOptions* demand);

}  // namespace invplan::cli
