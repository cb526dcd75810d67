// How a subcommand is declared. Each command lives in its own cmd_*.cc file with
// a Setup function that declares its options once (name, default, help, check) on
// the CLI11 subcommand, binding them to an options struct, and returns the action
// that runs the stage. The table of commands is in commands.cc.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "invplan/artifact.h"

namespace invplan::cli {

struct GlobalOptions {
  std::string log_level = "info";
  bool quiet = false;
  int threads = 0;  // 0: all cores
  std::uint64_t seed = 42;
};

// What an action gets: the global options and the run record (argv and the
// resolved configuration, already filled in) that artifacts embed.
struct Context {
  GlobalOptions global;
  RunInfo run;
};

using Action = std::function<void(Context&)>;

struct CommandSpec {
  const char* name;
  const char* summary;
  std::function<Action(CLI::App&)> setup;
};

// The subcommands, in the order `invplan --help` lists them.
const std::vector<CommandSpec>& Commands();

// Setup functions, one per command file.
Action SetupClean(CLI::App& app);
Action SetupForecast(CLI::App& app);
Action SetupDetect(CLI::App& app);
Action SetupTrainRl(CLI::App& app);
Action SetupSimulate(CLI::App& app);
Action SetupOptimize(CLI::App& app);

// For a command whose stage is not built yet: the action fails with exit 2.
Action NotBuilt(CLI::App& app, const char* what);

// Runs the whole program in-process (what main() calls; tests call it too).
int Main(int argc, const char* const* argv);

}  // namespace invplan::cli
