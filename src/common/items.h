// The items master (items.csv): one row per SKU with its costs and ordering
// constraints, read the same way by optimize (plan mode) and train-rl.
//
// Columns (names exact, surrounding spaces ignored, any order):
//   sku            required; not empty; each SKU at most once
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
//   items.csv:12: SKU 'A': min_qty 50 is above max_qty 40  (max_qty > 0)
//   items.csv:12: column 'service_level': expected a fill rate between 0 and 1, got "95"
//   a record with more or fewer fields than the header, a missing required column.
//
// What a stage does with a value that is not given is the stage's business:
// optimize uses Item::Or(field, default) with pack_size 1 and 0 for the rest
// (max_qty 0: no cap); train-rl keeps its command-line values.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "invplan/artifact.h"

namespace invplan {

struct Item {
  static constexpr double kNotGiven = std::numeric_limits<double>::quiet_NaN();

  std::string sku, supplier, service_class;
  double service_level = kNotGiven;
  double unit_cost = kNotGiven, price = kNotGiven, holding_cost = kNotGiven, pack_size = kNotGiven,
         moq = kNotGiven, max_qty = kNotGiven, lead_time = kNotGiven, volume = kNotGiven,
         on_hand = kNotGiven, on_order = kNotGiven, min_qty = kNotGiven;
  std::size_t line = 0;  // line of the row in the file

  static bool Given(double field) { return !std::isnan(field); }
  static double Or(double field, double fallback) { return Given(field) ? field : fallback; }
};

// Reads the items master in file order. `required`: numeric columns that must be
// present with a value on every row (e.g. {"unit_cost", "price"}). Sets `info`
// (when not null) to the file's path, size and checksum. Throws as described above;
// Error(kBadInput) also when the file cannot be opened.
std::vector<Item> ReadItems(const std::string& path, const std::vector<std::string>& required,
                            InputInfo* info = nullptr);

}  // namespace invplan
