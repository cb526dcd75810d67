#include "rl/service_levels.h"

#include <sstream>
#include <string_view>

#include "common/csv_reader.h"
#include "invplan/error.h"

namespace invplan::rl {

std::map<std::string, double> ParseClassServiceLevels(const std::string& text) {
  std::map<std::string, double> classes;
  if (text.empty()) return classes;
  std::istringstream in(text);
  std::string entry;
  while (std::getline(in, entry, ',')) {
    const std::size_t colon = entry.rfind(':');
    const std::string name = colon == std::string::npos ? "" : entry.substr(0, colon);
    double level = 0.0;
    const bool number = colon != std::string::npos &&
                        ParseNumber(std::string_view(entry).substr(colon + 1), &level);
    if (name.empty() || !number || !(level > 0.0 && level < 1.0)) {
      throw UsageError(
          "--class-service-levels: expected CLASS:FILL_RATE with a fill rate "
          "between 0 and 1 (e.g. A:0.98,B:0.95), got \"" +
          entry + "\"");
    }
    if (!classes.emplace(name, level).second) {
      throw UsageError("--class-service-levels: class '" + name + "' is given twice");
    }
  }
  return classes;
}

ServiceTarget ServiceTargetFor(const Item* item, const std::map<std::string, double>& classes,
                               std::optional<double> fallback) {
  if (item != nullptr && Item::Given(item->service_level)) return {item->service_level, "items"};
  if (item != nullptr && !item->service_class.empty()) {
    const auto it = classes.find(item->service_class);
    if (it != classes.end()) return {it->second, "class " + it->first};
  }
  if (fallback) return {fallback, "option"};
  return {};
}

}  // namespace invplan::rl
