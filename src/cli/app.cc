#include <spdlog/spdlog.h>

#include <iostream>
#include <map>
#include <memory>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/log.h"
#include "invplan/error.h"

namespace invplan::cli {
namespace {

// Every option of the subcommand with the value it resolved to (given on the
// command line, read from --config, or the default), for the artifact envelope.
// `raw` holds the values as the user wrote them (results() holds them after
// transforms, e.g. an enum's number).
using RawValues = std::map<const CLI::Option*, std::vector<std::string>>;

Json ResolvedConfig(const CLI::App& sub, const GlobalOptions& global, const RawValues& raw) {
  Json config = Json::object();
  for (const CLI::Option* opt : sub.get_options()) {
    if (opt->get_lnames().empty()) continue;
    const std::string& name = opt->get_lnames().front();
    if (name == "help" || name == "config") continue;
    std::vector<std::string> values;
    if (opt->count() > 0) {
      auto it = raw.find(opt);
      values = it != raw.end() ? it->second : opt->results();
    }
    if (values.empty()) {
      std::string def = opt->get_default_str();
      if (opt->get_type_size() == 0) def = opt->count() > 0 ? "true" : (def.empty() ? "false" : def);
      config[name] = def;
    } else if (opt->get_type_size() == 0) {
      config[name] = "true";
    } else {
      std::string joined;
      for (std::size_t i = 0; i < values.size(); ++i) joined += (i ? "," : "") + values[i];
      config[name] = joined;
    }
  }
  config["log-level"] = global.log_level;
  config["quiet"] = global.quiet;
  config["threads"] = global.threads;
  config["seed"] = global.seed;
  return config;
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
    std::vector<CLI::ConfigItem> config_items = CLI::ConfigTOML::from_config(input);
    const CLI::App* command = nullptr;
    for (const CLI::App* sub : app_->get_subcommands()) command = sub;
    if (command == nullptr) return config_items;
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
  const CLI::App* app_;
};

}  // namespace

int Main(int argc, const char* const* argv) {
  CLI::App app{"invplan: inventory planning from sales exports: clean, forecast, detect, "
               "train-rl, simulate, optimize.\nEvery stage writes a JSON artifact.",
               "invplan"};
  app.set_version_flag("--version", std::string("invplan ") + INVPLAN_VERSION);
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  app.footer(
      "Exit codes: 0 success, 1 internal error, 2 usage or configuration error,\n"
      "3 bad input data, 4 incompatible or corrupt artifact.");

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
  CLI::App* chosen = nullptr;
  std::vector<std::pair<CLI::App*, Action>> actions;
  for (const CommandSpec& spec : Commands()) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.summary);
    sub->allow_config_extras(CLI::config_extras_mode::error);
    sub->footer(
        "Global options (--config FILE, --threads, --seed, --quiet, --log-level) may also\n"
        "follow the command. Exit codes: 0 success, 1 internal error, 2 usage or\n"
        "configuration error, 3 bad input data, 4 incompatible or corrupt artifact.");
    actions.emplace_back(sub, spec.setup(*sub));
  }

  // Record each value before any transform sees it (transforms run front first).
  RawValues raw;
  for (auto& entry : actions) {
    for (CLI::Option* opt : entry.first->get_options()) {
      if (opt->get_type_size() == 0) continue;
      opt->transform(CLI::Validator(
          [&raw, opt](std::string& value) {
            raw[opt].push_back(value);
            return std::string();
          },
          "", "record"));
    }
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
      chosen = sub;
      action = act;
    }
  }

  if (!ConfigureLogging(g.quiet ? "error" : g.log_level)) return kExitUsage;
  EnableProgress(!g.quiet);
  for (int i = 0; i < argc; ++i) ctx.run.command.emplace_back(argv[i]);
  ctx.run.config = ResolvedConfig(*chosen, g, raw);

  try {
    action(ctx);
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
