// The history of the report's SKU charts: the clean sales CSV (see data.h).
#include <algorithm>
#include <charconv>
#include <cmath>

#include "common/csv_reader.h"
#include "invplan/error.h"
#include "invplan/panel.h"
#include "report/data.h"

namespace invplan::report {

void LoadHistory(const std::set<std::string>& keys, ReportData* d, RunContext& ctx) {
  const std::string& path = d->options.sales;
  if (path.empty()) return;
  CsvReader csv(path);
  const int date = csv.RequireColumn("date");
  const int sku = csv.RequireColumn("sku");
  const int qty = csv.RequireColumn("quantity");
  const int location = csv.FindColumn("location");
  const std::size_t keep = static_cast<std::size_t>(std::max(d->options.history, 1));
  bool any = false;
  while (csv.Next()) {
    if (csv.size() <= static_cast<std::size_t>(std::max({date, sku, qty, location}))) {
      csv.CheckFieldCount();
      continue;
    }
    std::int64_t day = 0;
    if (!ParseIsoDay(csv.field(date), &day)) throw InputError(csv.FieldError(date, "a date"));
    if (!any || day < d->data_first_day) d->data_first_day = day;
    if (!any || day > d->data_last_day) d->data_last_day = day;
    any = true;
    std::string key(csv.field(sku));
    if (location >= 0 && !csv.field(location).empty()) {
      key += " @ " + std::string(csv.field(location));
    }
    if (keys.count(key) == 0) continue;
    const std::string_view q = csv.field(qty);
    double v = NAN;
    if (!q.empty() && std::from_chars(q.data(), q.data() + q.size(), v).ec != std::errc()) {
      throw InputError(csv.FieldError(qty, "a number"));
    }
    History& h = d->history[key];
    h.days.push_back(day);
    h.quantity.push_back(v);
    // Only the last `keep` periods are shown: trim in batches.
    if (h.days.size() >= 2 * keep) {
      h.days.erase(h.days.begin(), h.days.end() - static_cast<std::ptrdiff_t>(keep));
      h.quantity.erase(h.quantity.begin(), h.quantity.end() - static_cast<std::ptrdiff_t>(keep));
    }
  }
  for (auto& [k, h] : d->history) {
    if (h.days.size() > keep) {
      h.days.erase(h.days.begin(), h.days.end() - static_cast<std::ptrdiff_t>(keep));
      h.quantity.erase(h.quantity.begin(), h.quantity.end() - static_cast<std::ptrdiff_t>(keep));
    }
  }
  ctx.run.inputs.push_back(csv.Info());
  d->has_sales = true;
}

}  // namespace invplan::report
