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

// Fields given on `over` replace those of `base` (the location row over the
// SKU's default row).
Item MergeItem(const Item& base, const Item& over) {
  Item out = over;
  for (const NumberColumn& c : kNumberColumns) {
    if (!Item::Given(over.*(c.field))) out.*(c.field) = base.*(c.field);
  }
  if (!Item::Given(over.service_level)) out.service_level = base.service_level;
  if (over.supplier.empty()) out.supplier = base.supplier;
  if (over.service_class.empty()) out.service_class = base.service_class;
  return out;
}

// A required value missing after merging (a location row without a default
// row to inherit it from).
void CheckRequired(const std::string& file, const Item& item,
                   const std::vector<std::string>& required) {
  for (const NumberColumn& c : kNumberColumns) {
    if (Item::Given(item.*(c.field))) continue;
    if (std::find(required.begin(), required.end(), c.name) == required.end()) continue;
    throw InputError(file + ":" + std::to_string(item.line) + ": column '" + c.name + "': SKU '" +
                     item.sku + "' at location '" + item.location +
                     "' has no value and no default row to take it from");
  }
}

}  // namespace

const Item* ItemsMaster::Find(const std::string& sku, const std::string& location) const {
  if (!location.empty()) {
    const auto it = at_location.find({sku, location});
    if (it != at_location.end()) return &it->second;
  }
  const auto d = default_index_.find(sku);
  return d == default_index_.end() ? nullptr : &defaults[d->second];
}

ItemsMaster ReadItemsMaster(const std::string& path, const std::vector<std::string>& required,
                            InputInfo* info) {
  CsvReader csv(path);
  const int sku_col = csv.RequireColumn("sku", "--items");
  const int location_col = csv.FindColumn("location");
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

  ItemsMaster master;
  std::vector<Item> located;  // location rows, merged once every default is known
  std::map<std::pair<std::string, std::string>, std::size_t> first_line;
  while (csv.Next()) {
    csv.CheckFieldCount();
    Item item;
    item.line = csv.line();
    item.sku = std::string(csv.field(sku_col));
    if (BlankField(item.sku)) throw InputError(csv.FieldError(sku_col, "a SKU"));
    if (location_col >= 0 && !BlankField(csv.field(location_col))) {
      item.location = std::string(csv.field(location_col));
    }
    const auto [seen, fresh] =
        first_line.emplace(std::make_pair(item.sku, item.location), item.line);
    if (!fresh) {
      throw InputError(csv.Where() + ": SKU '" + item.sku + "'" +
                       (item.location.empty() ? "" : " at location '" + item.location + "'") +
                       " is listed twice (first on line " + std::to_string(seen->second) + ")");
    }
    for (const Column& c : columns) {
      const std::string_view text = csv.field(c.index);
      // An empty cell is "not given", unless the caller needs the column on a
      // default row (a location row inherits it).
      if (BlankField(text) && !(c.required && item.location.empty())) continue;
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
    if (item.location.empty()) {
      master.default_index_.emplace(item.sku, master.defaults.size());
      master.defaults.push_back(std::move(item));
    } else {
      located.push_back(std::move(item));
    }
  }
  for (Item& item : located) {
    const auto d = master.default_index_.find(item.sku);
    Item merged =
        d == master.default_index_.end() ? item : MergeItem(master.defaults[d->second], item);
    CheckRequired(csv.display_name(), merged, required);
    if (Item::Or(merged.max_qty, 0.0) > 0 && Item::Or(merged.min_qty, 0.0) > merged.max_qty) {
      throw InputError(csv.display_name() + ":" + std::to_string(merged.line) + ": SKU '" +
                       merged.sku + "' at location '" + merged.location + "': min_qty " +
                       FormatDouble(merged.min_qty) + " is above max_qty " +
                       FormatDouble(merged.max_qty));
    }
    master.location_rows.emplace(std::make_pair(item.sku, item.location), item);
    auto key = std::make_pair(merged.sku, merged.location);
    master.at_location.emplace(std::move(key), std::move(merged));
  }
  if (info) *info = csv.Info();
  return master;
}

std::vector<Item> ReadItems(const std::string& path, const std::vector<std::string>& required,
                            InputInfo* info) {
  return ReadItemsMaster(path, required, info).defaults;
}

}  // namespace invplan
