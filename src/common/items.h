// The items master (items.csv): one row per SKU with its costs and ordering
// constraints, read the same way by optimize (plan mode), train-rl and network.
//
// Columns (names exact, surrounding spaces ignored, any order):
//   sku            required; not empty
//   location       optional: empty (or no column) for the SKU's defaults; a
//                  location's name for a row that overrides those defaults at
//                  that location. Each (sku, location) at most once; a location
//                  row for a SKU without a default row is allowed.
//   unit_cost, price, holding_cost, pack_size, moq, max_qty, lead_time,
//   volume, on_hand, on_order, min_qty
//                  numbers >= 0 (pack_size > 0); an empty cell or a missing
//                  column means "not given"
//   supplier       text
//   service_level  a fill rate strictly between 0 and 1 (train-rl's target for the SKU)
//   service_class  text: the SKU's class for train-rl --class-service-levels (e.g. A, B, C)
// Other columns are ignored (masters often carry descriptions, categories, ...).
// A caller names the numeric columns it cannot do without: those must be in the
// header and have a value on every row.
//
// Errors (Error(kBadInput)), all naming file and line:
//   items.csv:12: column 'unit_cost': expected a number, got "x"
//   items.csv:12: column 'moq': expected a non-negative number, got "-2"
//   items.csv:12: column 'pack_size': expected a positive number, got "0"
//   items.csv:12: column 'sku': expected a SKU, got ""
//   items.csv:12: SKU 'A' is listed twice (first on line 4)
//   items.csv:12: SKU 'A' at location 'S1' is listed twice (first on line 4)
//   items.csv:12: SKU 'A': min_qty 50 is above max_qty 40  (max_qty > 0)
//   items.csv:12: column 'service_level': expected a fill rate between 0 and 1, got "95"
//   a record with more or fewer fields than the header, a missing required column.
//
// Location rows: a value given on a location row replaces the default row's at
// that location; a value not given there is the default row's (ItemsMaster::Find).
// A required column may be empty on a location row whose SKU has a default row
// (it inherits the value). Stages that plan one location per SKU (optimize,
// train-rl) read the default rows (ReadItems); stages that plan per location
// (network) read the whole master (ReadItemsMaster).
//
// What a stage does with a value that is not given is the stage's business:
// optimize uses Item::Or(field, default) with pack_size 1 and 0 for the rest
// (max_qty 0: no cap); train-rl keeps its command-line values.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "invplan/artifact.h"

namespace invplan {

struct Item {
  static constexpr double kNotGiven = std::numeric_limits<double>::quiet_NaN();

  std::string sku, location, supplier, service_class;  // location "": the SKU's defaults
  double service_level = kNotGiven;
  double unit_cost = kNotGiven, price = kNotGiven, holding_cost = kNotGiven, pack_size = kNotGiven,
         moq = kNotGiven, max_qty = kNotGiven, lead_time = kNotGiven, volume = kNotGiven,
         on_hand = kNotGiven, on_order = kNotGiven, min_qty = kNotGiven;
  std::size_t line = 0;  // line of the row in the file

  static bool Given(double field) { return !std::isnan(field); }
  static double Or(double field, double fallback) { return Given(field) ? field : fallback; }
};

// The whole master: default rows and location rows merged with their defaults.
struct ItemsMaster {
  std::vector<Item> defaults;  // rows with an empty location, file order
  // (sku, location) -> the location row with the default row's values where it
  // gives none (its `line` is the location row's).
  std::map<std::pair<std::string, std::string>, Item> at_location;
  // The same rows as read, without the defaults (what the row itself gives).
  std::map<std::pair<std::string, std::string>, Item> location_rows;

  // The SKU's item at `location`: its location row (merged) when there is one,
  // else its default row; null when neither exists. Pointers stay valid while
  // the master lives.
  const Item* Find(const std::string& sku, const std::string& location) const;
  bool empty() const { return defaults.empty() && at_location.empty(); }

 private:
  friend ItemsMaster ReadItemsMaster(const std::string&, const std::vector<std::string>&,
                                     InputInfo*);
  std::map<std::string, std::size_t, std::less<>> default_index_;
};

// Reads the whole master (see above); the same checks as ReadItems, with
// `required` checked on the merged location rows.
ItemsMaster ReadItemsMaster(const std::string& path, const std::vector<std::string>& required,
                            InputInfo* info = nullptr);

// Reads the items master's default rows in file order. `required`: numeric columns that must be
// present with a value on every row (e.g. {"unit_cost", "price"}). Sets `info`
// (when not null) to the file's path, size and checksum. Throws as described above;
// Error(kBadInput) also when the file cannot be opened.
std::vector<Item> ReadItems(const std::string& path, const std::vector<std::string>& required,
                            InputInfo* info = nullptr);

}  // namespace invplan
