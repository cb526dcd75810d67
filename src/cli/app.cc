#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/config_text.h"
#include "common/file_io.h"
#include "common/log.h"
#include "invplan/error.h"

namespace invplan::cli {
namespace {

// A config file is a small text file (common/config_text.h); CLI11 reports its
// own error type from here.
std::string ConfigText(std::istream& input) {
  try {
    return ReadConfigText(input, "config file");
  } catch (const Error& e) {
    throw CLI::ConfigError(e.what());
  }
}

// Config files hold the long option names of the command being run as plain keys
// (`fill = "interpolate"`), or under a [command] section. CLI11 reads config files
// only for the top-level app, so the file is read there and its plain keys are
// handed to the subcommand that was parsed; global options (threads, seed, ...)
// stay global. Values given on the command line win over the file.
class CommandConfig : public CLI::ConfigTOML {
 public:
  explicit CommandConfig(const CLI::App* app) : app_(app) {}
  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override {
    std::istringstream text(ConfigText(input));
    std::vector<CLI::ConfigItem> config_items = CLI::ConfigTOML::from_config(text);
    const CLI::App* command = nullptr;
    for (const CLI::App* sub : app_->get_subcommands()) command = sub;
    if (command == nullptr) return config_items;
    if (command->get_name() == "run") return PlanFileItem(command);
    for (CLI::ConfigItem& item : config_items) {
      if (!item.parents.empty() || item.name == "--") continue;
      if (command->get_option_no_throw("--" + item.name) != nullptr ||
          app_->get_option_no_throw("--" + item.name) == nullptr) {
        item.parents = {command->get_name()};
      }
    }
    return config_items;
  }

 private:
  // `invplan run` reads its plan file itself (its sections are the stages'), so
  // `invplan --config plan.toml run` means `invplan run --config plan.toml`.
  std::vector<CLI::ConfigItem> PlanFileItem(const CLI::App* run) const {
    CLI::ConfigItem item;
    item.parents = {run->get_name()};
    item.name = "config";
    item.inputs = {app_->get_config_ptr()->as<std::string>()};
    return {item};
  }

  const CLI::App* app_;
};

// Levenshtein distance, for suggesting the command a typo meant.
std::size_t Distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
    }
  }
  return row[b.size()];
}

// The first word that is neither an option nor a global option's value: the
// command the user meant. Empty when there is none.
std::string CommandWord(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--log-level" || a == "--threads" || a == "--seed" || a == "--config") {
      ++i;  // its value
      continue;
    }
    if (!a.empty() && a[0] != '-') return a;
  }
  return "";
}

// "unknown command 'forcast'; did you mean 'forecast'?" (as git and ninja do),
// or the empty string when the word is a command.
std::string UnknownCommand(const std::string& word) {
  std::string best;
  std::size_t best_distance = 4;  // suggest only close matches
  for (const CommandSpec& spec : Commands()) {
    if (word == spec.name) return "";
    const std::size_t d = Distance(word, spec.name);
    if (d < best_distance) best_distance = d, best = spec.name;
  }
  std::string names;
  for (const CommandSpec& spec : Commands())
    names += (names.empty() ? "" : ", ") + std::string(spec.name);
  std::string text = "unknown command '" + word + "'";
  if (!best.empty()) text += "; did you mean '" + best + "'?";
  return text + " (commands: " + names + ")";
}

}  // namespace

int Main(int argc, const char* const* argv) {
  if (const std::string word = CommandWord(argc, argv); !word.empty()) {
    const std::string unknown = UnknownCommand(word);
    if (!unknown.empty()) {
      std::fprintf(stderr, "invplan: %s\n", unknown.c_str());
      return kExitUsage;
    }
  }
  CLI::App app{
      "invplan: inventory planning from sales exports: clean, forecast, detect, "
      "train-rl, simulate, optimize; run chains them nightly.\nEvery stage writes a JSON "
      "artifact.",
      "invplan"};
  app.set_version_flag("--version", std::string("invplan ") + INVPLAN_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  app.footer(
      "Exit codes: 0 success, 1 internal error, 2 usage or configuration error,\n"
      "3 bad input data, 4 incompatible or corrupt artifact, 5 output not written\n"
      "(disk full, write error).");

  Context ctx;
  auto& g = ctx.global;
  app.add_option("--log-level", g.log_level, "Log level on stderr")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", g.quiet, "Only errors on stderr; no progress or summaries");
  app.add_option("--threads", g.threads, "Worker threads (0 = all cores)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--seed", g.seed, "Random seed; same inputs and seed give the same results")
      ->capture_default_str();
  app.set_config("--config", "",
                 "Read options from a TOML/INI file: the command's long option names as keys "
                 "(or under a [command] section); the command line overrides the file");
  app.config_formatter(std::make_shared<CommandConfig>(&app));
  app.allow_config_extras(CLI::config_extras_mode::error);  // a typo in a config file is an error

  Action action;
  std::vector<std::pair<CLI::App*, Action>> actions;
  for (const CommandSpec& spec : Commands()) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.summary);
    sub->allow_config_extras(CLI::config_extras_mode::error);
    actions.emplace_back(sub, spec.setup(*sub));
    // After the command's own footer (which options go together), if any.
    const std::string own = sub->get_footer();
    sub->footer((own.empty() ? "" : own + "\n\n") +
                "Global options (--config FILE, --threads, --seed, --quiet, --log-level) may "
                "also\nfollow the command.");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0 in CLI11.
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (auto& [sub, act] : actions) {
    if (sub->parsed()) {
      action = act;
    }
  }

  if (!ConfigureLogging(g.quiet ? "error" : g.log_level)) return kExitUsage;
  EnableProgress(!g.quiet);
  for (int i = 0; i < argc; ++i) ctx.run.run.command.emplace_back(argv[i]);
  ctx.run.run.config = GlobalConfig(g);
  ctx.run.threads = g.threads;
  ctx.run.seed = g.seed;
  ctx.run.progress = !g.quiet;

  try {
    action(ctx);
    FlushStdout();  // a failed write to standard output is an error, not success
    return kExitOk;
  } catch (const Error& e) {
    spdlog::error("{}", e.what());
    return ExitCodeFor(e.kind());
  } catch (const CLI::Error& e) {
    spdlog::error("{}", e.what());
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    spdlog::error("out of memory");
    return kExitInternal;
  } catch (const std::exception& e) {
    spdlog::error("internal error: {}", e.what());
    return kExitInternal;
  }
}

}  // namespace invplan::cli
