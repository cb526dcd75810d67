// The network file (--network network.csv): one row per location.
//
// Columns (names exact, any order; other columns ignored):
//   location        required, unique, not empty
//   parent          required: another location, or a supplier (any name that is
//                   not a location)
//   lead_time       required, whole periods in [0, 3650], from the parent
//   holding_cost    required, >= 0, per unit and period
//   capacity        optional, > 0 (recorded; not enforced by the plan yet)
//   transport_cost  optional, >= 0 per unit shipped from the parent
//
// Errors, all Error(kBadInput) naming file and line:
//   network.csv:4: column 'lead_time': expected a whole number between 0 and 3650, got "x"
//   network.csv:5: location 'DC' is listed twice (first on line 2)
//   network.csv:3: column 'parent': expected a location or supplier, got ""
//   network.csv:6: location 'S1' has no path to a supplier: cycle S1 -> DC -> S1
// and a file without rows. A store is a location without children.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "invplan/artifact.h"

namespace invplan::network {

struct Location {
  std::string name, parent;
  int lead_time = 0;
  double holding_cost = 0.0;
  double capacity = -1.0;  // < 0: not given
  double transport_cost = 0.0;
  std::size_t line = 0;
  int parent_index = -1;  // -1: the parent is a supplier
  std::vector<int> children;
  int depth = 0;  // locations between it and its supplier
  // Target service of one SKU at this store (network/item_rules.h); <= 0: the
  // plan's --service-level.
  double service_level = 0.0;
};

struct Network {
  std::string path;
  std::vector<Location> locations;  // file order
  std::unordered_map<std::string, int> index;
  // "file:line" of a location's row.
  std::string Where(int i) const;
};

Network ReadNetwork(const std::string& path, InputInfo* info = nullptr);

}  // namespace invplan::network
