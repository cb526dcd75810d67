// Reading a plan file: the [run] section into RunSection (through its own
// option table) and the stage sections as key/value text, applied later by
// each stage's option table. Every error is Error(kUsage) naming the file, the
// section and the key: `plan.toml: [forecast] no option 'horizn'`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "invplan/error.h"
#include "invplan/options.h"

namespace invplan::plan {

// The [run] section. Paths are relative to the current directory.
struct RunSection {
  std::string sales, items, future, supplier_min, stock;
  std::string network, network_stock;  // the network stage's network and stock files
  std::string out;
  // Empty: every stage, the network stage only when `network` is given.
  std::vector<std::string> stages;
};
const OptionTable<RunSection>& RunSectionTable();

struct SectionKey {
  std::string key, value;  // a list value joined with commas
};

struct PlanFile {
  std::string path;
  RunSection run;
  std::map<std::string, std::vector<SectionKey>> sections;  // stage → keys in file order
};

// Parses `path` with CLI11's TOML reader. Only [run] and the stage sections are
// accepted; keys outside a section are refused.
PlanFile ReadPlanFile(const std::string& path);

// Applies command-line overrides "SECTION.KEY=VALUE" (`invplan run --set`) over
// the file's keys: [run] keys through RunSectionTable, a stage's key replacing
// the file's value (or added), checked later like the file's own keys. An item
// without "=" continues the previous item's value after a comma, so
// "forecast.regressors=promo,holiday" is one override. Throws Error(kUsage)
// "--set ITEM: ..." for an item that names no section, key or value.
void ApplyOverrides(const std::vector<std::string>& items, PlanFile* file);

// Error(kUsage) "plan.toml: [section] message", the option table's "--name: "
// prefix shown without the dashes (the file's keys have none).
Error SectionError(const PlanFile& file, const std::string& section, const std::string& message);

}  // namespace invplan::plan
