#include "cli/bind.h"

namespace invplan::cli {

CLI::Option* AddEntryOption(CLI::App& app, const OptionInfo& info,
                            const std::string& default_text) {
  std::string names = "--" + info.name;
  if (info.short_name) names = std::string("-") + info.short_name + "," + names;
  std::string help = info.help;
  if (info.required) help += " (required)";
  CLI::Option* opt;
  if (info.kind == OptionKind::kFlag) {
    opt = app.add_flag(names);
  } else {
    opt = app.add_option(names);
    opt->multi_option_policy(info.kind == OptionKind::kList ? CLI::MultiOptionPolicy::TakeAll
                                                            : CLI::MultiOptionPolicy::TakeLast);
    // CLI11 would show its own type names (TEXT, ENUM:value in {...}); show the
    // table's value name and default instead.
    std::string text = info.value_name;
    if (!default_text.empty()) text += " [" + default_text + "]";
    opt->option_text(text);
    if (info.kind == OptionKind::kList) {
      opt->expected(1, 1 << 20);
      opt->delimiter(',');
    }
  }
  opt->description(help);
  if (!info.group.empty()) opt->group(info.group);
  return opt;
}

}  // namespace invplan::cli
