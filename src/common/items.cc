#include "common/items.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "common/csv_reader.h"
#include "invplan/error.h"

namespace invplan {
namespace {

struct NumberColumn {
  const char* name;
  double Item::*field;
  bool positive;  // zero is not allowed either (a pack of 0 units orders nothing)
};

constexpr NumberColumn kNumberColumns[] = {{"unit_cost", &Item::unit_cost, false},
                                           {"price", &Item::price, false},
                                           {"holding_cost", &Item::holding_cost, false},
                                           {"pack_size", &Item::pack_size, true},
                                           {"moq", &Item::moq, false},
                                           {"max_qty", &Item::max_qty, false},
                                           {"lead_time", &Item::lead_time, false},
                                           {"volume", &Item::volume, false},
                                           {"on_hand", &Item::on_hand, false},
                                           {"on_order", &Item::on_order, false},
                                           {"min_qty", &Item::min_qty, false}};

}  // namespace

std::vector<Item> ReadItems(const std::string& path, const std::vector<std::string>& required,
                            InputInfo* info) {
  CsvReader csv(path);
  const int sku_col = csv.RequireColumn("sku", "--items");
  struct Column {
    const NumberColumn* spec;
    int index;
    bool required;
  };
  std::vector<Column> columns;
  for (const NumberColumn& c : kNumberColumns) {
    const bool needed = std::find(required.begin(), required.end(), c.name) != required.end();
    const int index = needed ? csv.RequireColumn(c.name, "--items") : csv.FindColumn(c.name);
    if (index >= 0) columns.push_back({&c, index, needed});
  }
  const int supplier_col = csv.FindColumn("supplier");
  const int class_col = csv.FindColumn("service_class");
  const int level_col = csv.FindColumn("service_level");

  std::vector<Item> items;
  std::map<std::string, std::size_t, std::less<>> first_line;
  while (csv.Next()) {
    csv.CheckFieldCount();
    Item item;
    item.line = csv.line();
    item.sku = std::string(csv.field(sku_col));
    if (BlankField(item.sku)) throw InputError(csv.FieldError(sku_col, "a SKU"));
    const auto [seen, fresh] = first_line.emplace(item.sku, item.line);
    if (!fresh) {
      throw InputError(csv.Where() + ": SKU '" + item.sku + "' is listed twice (first on line " +
                       std::to_string(seen->second) + ")");
    }
    for (const Column& c : columns) {
      const std::string_view text = csv.field(c.index);
      // An empty cell is "not given", unless the caller needs the column.
      if (BlankField(text) && !c.required) continue;
      double v;
      if (!ParseNumber(text, &v)) throw InputError(csv.FieldError(c.index, "a number"));
      if (c.spec->positive && !(v > 0)) {
        throw InputError(csv.FieldError(c.index, "a positive number"));
      }
      if (v < 0) throw InputError(csv.FieldError(c.index, "a non-negative number"));
      item.*(c.spec->field) = v;
    }
    if (supplier_col >= 0) item.supplier = std::string(csv.field(supplier_col));
    if (class_col >= 0) item.service_class = std::string(csv.field(class_col));
    if (level_col >= 0 && !BlankField(csv.field(level_col))) {
      double v;
      if (!ParseNumber(csv.field(level_col), &v) || !(v > 0.0 && v < 1.0)) {
        throw InputError(csv.FieldError(level_col, "a fill rate between 0 and 1"));
      }
      item.service_level = v;
    }
    if (Item::Or(item.max_qty, 0.0) > 0 && Item::Or(item.min_qty, 0.0) > item.max_qty) {
      throw InputError(csv.Where() + ": SKU '" + item.sku + "': min_qty " +
                       FormatDouble(item.min_qty) + " is above max_qty " +
                       FormatDouble(item.max_qty));
    }
    items.push_back(std::move(item));
  }
  if (info) *info = csv.Info();
  return items;
}

}  // namespace invplan
