// Registers an option table (invplan/options.h) on a CLI11 subcommand. CLI11
// only splits the command line and the config file into words; every value is
// then set and checked by the table, so the command line, config files and
// library callers share one set of rules and messages.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "invplan/options.h"

namespace invplan::cli {

// Adds the CLI11 options of one table entry; returns the option.
CLI::Option* AddEntryOption(CLI::App& app, const OptionInfo& info, const std::string& default_text);

// What BindTable leaves for after parsing: applies the given values to the
// options struct and validates it.
template <class T>
class BoundTable {
 public:
  BoundTable(CLI::App& app, const OptionTable<T>& table) : table_(table) {
    const T& defaults = OptionTable<T>::Defaults();
    for (const auto& e : table.entries()) {
      const std::string def = e.info.kind == OptionKind::kFlag ? "" : e.show(defaults);
      options_.push_back(AddEntryOption(app, e.info, def));
    }
  }

  // The options struct from defaults and the given values, validated. Throws
  // Error(kUsage) with the table's message for a bad value.
  T Resolve() const {
    T o{};
    const auto& entries = table_.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const CLI::Option* opt = options_[i];
      if (opt->count() == 0) {
        if (entries[i].info.required) {
          throw Error(ErrorKind::kUsage, "--" + entries[i].info.name + " is required");
        }
        continue;
      }
      if (entries[i].info.kind == OptionKind::kFlag) {
        entries[i].set(o, opt->as<bool>() ? "true" : "false");
      } else {
        entries[i].set(o, option_text::JoinList(opt->results()));
      }
    }
    table_.Validate(o);
    return o;
  }

  // The names of the options that were given (command line or config file).
  std::vector<std::string> Given() const {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < options_.size(); ++i) {
      if (options_[i]->count() > 0) names.push_back(table_.entries()[i].info.name);
    }
    return names;
  }

 private:
  const OptionTable<T>& table_;
  std::vector<CLI::Option*> options_;
};

}  // namespace invplan::cli
