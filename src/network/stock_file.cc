#include "network/stock_file.h"

#include <cmath>

#include "common/csv_reader.h"
#include "invplan/error.h"

namespace invplan::network {

StockMap ReadStock(const std::string& path, const Network& net, InputInfo* info) {
  StockMap out;
  std::unordered_map<std::string, std::size_t> first_line;
  CsvReader r(path);
  const int c_sku = r.RequireColumn("sku", "--stock");
  const int c_loc = r.RequireColumn("location", "--stock");
  const int c_oh = r.RequireColumn("on_hand", "--stock");
  const int c_oo = r.FindColumn("on_order");
  auto number = [&](int col) {
    double v = 0.0;
    const std::string_view text = r.field(static_cast<std::size_t>(col));
    if (text.empty()) return 0.0;
    if (!ParseNumber(text, &v) || !std::isfinite(v) || v < 0.0) {
      throw InputError(r.FieldError(static_cast<std::size_t>(col), "a number >= 0"));
    }
    return v;
  };
  while (r.Next()) {
    r.CheckFieldCount();
    const std::string sku(r.field(static_cast<std::size_t>(c_sku)));
    const std::string loc(r.field(static_cast<std::size_t>(c_loc)));
    if (sku.empty()) throw InputError(r.FieldError(c_sku, "a SKU"));
    if (net.index.find(loc) == net.index.end()) {
      throw InputError(r.FieldError(c_loc, "a location of " + DisplayName(net.path)));
    }
    Stock s;
    s.on_hand = number(c_oh);
    if (c_oo >= 0) s.on_order = number(c_oo);
    const std::string key = StockKey(sku, loc);
    const auto [it, fresh] = first_line.emplace(key, r.line());
    if (!fresh) {
      throw InputError(r.Where() + ": SKU '" + sku + "' at '" + loc +
                       "' is listed twice (first on line " + std::to_string(it->second) + ")");
    }
    out[key] = s;
  }
  if (info != nullptr) *info = r.Info();
  return out;
}

}  // namespace invplan::network
