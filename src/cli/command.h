// How a subcommand is declared. Each command lives in its own cmd_*.cc file with
// a Setup function that registers the stage's option table (invplan/options.h)
// on the CLI11 subcommand and returns the action that resolves the options, runs
// the stage and prints its summary. The table of commands is in commands.cc.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli/bind.h"
#include "common/file_io.h"
#include "invplan/run_context.h"

namespace invplan::cli {

struct GlobalOptions {
  std::string log_level = "info";
  bool quiet = false;
  int threads = 0;  // 0: all cores
  std::uint64_t seed = 42;
};

// What an action gets: the global options and the stage's run context (threads,
// seed and the run record, whose command line is already filled in).
struct Context {
  GlobalOptions global;
  RunContext run;
};

using Action = std::function<void(Context&)>;

struct CommandSpec {
  const char* name;
  const char* summary;
  std::function<Action(CLI::App&)> setup;
  std::function<std::string()> options_markdown;  // the README's option table
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
Action SetupNetwork(CLI::App& app);
Action SetupRun(CLI::App& app);
Action SetupReport(CLI::App& app);
Action SetupMerge(CLI::App& app);

// The options struct of a bound table, resolved and validated, with the
// resolved configuration (the table's values and the global options) recorded
// in ctx->run.run.config for the artifacts.
template <class T>
T ResolveOptions(const BoundTable<T>& bound, const OptionTable<T>& table, Context* ctx);

// A summary line on standard error, unless --quiet.
void Summary(const Context& ctx, const std::string& text);

// The usual command: registers the stage's option table on `app`; the action
// resolves the options, calls run(options, ctx) (which returns the summary
// line) and prints the summary.
template <class T, class Run>
Action TableCommand(CLI::App& app, const OptionTable<T>& table, Run run) {
  auto bound = std::make_shared<BoundTable<T>>(app, table);
  return [bound, &table, run](Context& ctx) {
    const T options = ResolveOptions(*bound, table, &ctx);
    Summary(ctx, run(options, ctx));
  };
}

// Runs the whole program in-process (what main() calls; tests call it too).
int Main(int argc, const char* const* argv);

// The global options as resolved configuration entries.
Json GlobalConfig(const GlobalOptions& global);

// The options that name files a command writes.
inline constexpr const char* kOutputOptions[] = {"output", "report", "csv", "save-model",
                                                 "metrics"};

template <class T>
T ResolveOptions(const BoundTable<T>& bound, const OptionTable<T>& table, Context* ctx) {
  T o = bound.Resolve();
  Json config = table.Resolved(o);
  const Json global = GlobalConfig(ctx->global);
  for (const auto& [k, v] : global.items()) config[k] = v;
  // Every output location is checked before any work, so a bad second output
  // does not fail the run after the first one has been written.
  for (const char* name : kOutputOptions) {
    auto it = config.find(name);
    if (it != config.end() && it->is_string() && !it->template get<std::string>().empty()) {
      CheckOutputPath(it->template get<std::string>());
    }
  }
  ctx->run.run.config = std::move(config);
  return o;
}

}  // namespace invplan::cli
