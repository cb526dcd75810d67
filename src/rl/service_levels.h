// Fill-rate targets per SKU: the items master's own `service_level`, else the
// target of the SKU's `service_class` in --class-service-levels, else
// --service-level (else none: the most profitable policy at the stated costs).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/items.h"

namespace invplan::rl {

struct ServiceTarget {
  std::optional<double> level;
  std::string from;  // "items", "class A", "option" (empty when there is no target)
};

// Parses "A:0.98,B:0.95,C:0.9": class names (not empty, each once) and fill
// rates strictly between 0 and 1. Throws Error(kUsage) naming the bad entry.
std::map<std::string, double> ParseClassServiceLevels(const std::string& text);

// The target for `item` (null: no items master) by the precedence above.
ServiceTarget ServiceTargetFor(const Item* item, const std::map<std::string, double>& classes,
                               std::optional<double> fallback);

}  // namespace invplan::rl
