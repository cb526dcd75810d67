#include "plan/plan_file.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/config_text.h"
#include "invplan/error.h"
#include "invplan/plan.h"

namespace invplan::plan {
namespace {

OptionTable<RunSection> MakeRunTable() {
  OptionTable<RunSection> t;
  t.Text("sales", &RunSection::sales, "Sales CSV read by clean, forecast and detect", "FILE");
  t.Text("items", &RunSection::items, "Items master CSV (policy, optimize)", "FILE");
  t.Text("future", &RunSection::future, "Future regressor values (forecast)", "FILE");
  t.Text("supplier-min", &RunSection::supplier_min, "Supplier minimums CSV (optimize)", "FILE");
  t.Text("stock", &RunSection::stock,
         "Stock snapshot CSV (policy): on hand and dated open orders; default: the items "
         "master's on_hand and on_order",
         "FILE");
  t.Text("network", &RunSection::network,
         "Network CSV of locations and parents (network); the sales then carry a location", "FILE");
  t.Text("network-stock", &RunSection::network_stock,
         "Stock CSV sku,location,on_hand[,on_order] (network)", "FILE");
  t.Text("out", &RunSection::out, "Output directory", "DIR");
  t.TextList("stages", &RunSection::stages,
             "Enabled stages (default: all, network only when [run] network is given)")
      .Check([](const RunSection& r) {
        for (const std::string& s : r.stages) {
          const auto& names = PlanStageNames();
          if (std::find(names.begin(), names.end(), s) == names.end()) {
            throw UsageError("--stages: no stage '" + s +
                             "' (stages: " + option_text::JoinList(names) + ")");
          }
        }
      });
  return t;
}

bool IsStage(const std::string& name) {
  const auto& names = PlanStageNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

// CLI11 takes a line as a section header only when it ends with ']', so a TOML
// comment after a header ("[clean]  # ...") is cut off here first.
std::string WithoutHeaderComments(std::istream& in) {
  std::string text, line;
  while (std::getline(in, line)) {
    const std::size_t first = line.find_first_not_of(" \t");
    const std::size_t close = line.find(']');
    if (first != std::string::npos && line[first] == '[' && close != std::string::npos) {
      const std::size_t hash = line.find('#', close);
      if (hash != std::string::npos) line.erase(hash);
    }
    text += line + "\n";
  }
  return text;
}

std::vector<CLI::ConfigItem> ParseToml(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UsageError("cannot read plan file '" + path + "'");
  std::istringstream text(ReadConfigText(file, path));
  std::istringstream in(WithoutHeaderComments(text));
  try {
    return CLI::ConfigTOML().from_config(in);
  } catch (const CLI::Error& e) {
    throw UsageError(path + ": " + e.what());
  }
}

}  // namespace

const OptionTable<RunSection>& RunSectionTable() {
  static const OptionTable<RunSection> kTable = MakeRunTable();
  return kTable;
}

Error SectionError(const PlanFile& file, const std::string& section, const std::string& message) {
  const std::string text = message.rfind("--", 0) == 0 ? message.substr(2) : message;
  return UsageError(file.path + ": [" + section + "] " + text);
}

PlanFile ReadPlanFile(const std::string& path) {
  PlanFile file;
  file.path = path;
  for (const CLI::ConfigItem& item : ParseToml(path)) {
    if (item.name == "++" || item.name == "--") continue;  // CLI11's section markers
    if (item.parents.size() != 1) {
      throw UsageError(path + ": key '" + item.name + "' is not in one of the sections [run], [" +
                       option_text::JoinList(PlanStageNames()) + "]");
    }
    const std::string& section = item.parents[0];
    const std::string value = option_text::JoinList(item.inputs);
    if (section == "run") {
      if (RunSectionTable().Find(item.name) == nullptr) {
        throw SectionError(file, section, "no option '" + item.name + "'");
      }
      try {
        RunSectionTable().Set(file.run, item.name, value);
      } catch (const Error& e) {
        throw SectionError(file, section, e.what());
      }
    } else if (IsStage(section)) {
      file.sections[section].push_back({item.name, value});
    } else {
      throw UsageError(path + ": no section [" + section + "] (sections: run, " +
                       option_text::JoinList(PlanStageNames()) + ")");
    }
  }
  try {
    RunSectionTable().Validate(file.run);
  } catch (const Error& e) {
    throw SectionError(file, "run", e.what());
  }
  return file;
}

void ApplyOverrides(const std::vector<std::string>& items, PlanFile* file) {
  // Rejoin list values that the comma-separated option split apart.
  std::vector<std::string> overrides;
  for (const std::string& item : items) {
    if (item.find('=') == std::string::npos && !overrides.empty()) {
      overrides.back() += "," + item;
    } else {
      overrides.push_back(item);
    }
  }
  for (const std::string& item : overrides) {
    const std::size_t eq = item.find('=');
    const std::size_t dot = item.find('.');
    if (eq == std::string::npos || dot == std::string::npos || dot == 0 || dot + 1 >= eq) {
      throw UsageError("--set " + item + ": expected SECTION.KEY=VALUE, e.g. forecast.horizon=14");
    }
    const std::string section = item.substr(0, dot);
    const std::string key = item.substr(dot + 1, eq - dot - 1);
    const std::string value = item.substr(eq + 1);
    if (section == "run") {
      if (RunSectionTable().Find(key) == nullptr) {
        throw UsageError("--set " + item + ": [run] has no option '" + key + "'");
      }
      try {
        RunSectionTable().Set(file->run, key, value);
      } catch (const Error& e) {
        throw UsageError("--set " + item + ": " + e.what());
      }
      continue;
    }
    if (!IsStage(section)) {
      throw UsageError("--set " + item + ": no section [" + section + "] (sections: run, " +
                       option_text::JoinList(PlanStageNames()) + ")");
    }
    std::vector<SectionKey>& keys = file->sections[section];
    const auto it =
        std::find_if(keys.begin(), keys.end(), [&](const SectionKey& k) { return k.key == key; });
    if (it != keys.end()) {
      it->value = value;
    } else {
      keys.push_back({key, value});
    }
  }
}

}  // namespace invplan::plan
