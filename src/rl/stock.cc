#include "rl/stock.h"

#include <algorithm>
#include <cmath>

#include "common/csv_reader.h"
#include "invplan/error.h"

namespace invplan::rl {
namespace {

std::string Trimmed(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  return std::string(v);
}

// An empty cell is 0 (not given); anything else must be a number >= 0.
double Amount(const CsvReader& r, int col, bool* given) {
  *given = false;
  if (col < 0) return 0.0;
  const std::string text = Trimmed(r.field(col));
  if (text.empty()) return 0.0;
  double v;
  if (!ParseNumber(text, &v) || !(v >= 0) || !std::isfinite(v)) {
    throw InputError(r.FieldError(col, "a number >= 0"));
  }
  *given = true;
  return v;
}

}  // namespace

std::map<std::string, std::vector<SnapshotRow>> ReadStockSnapshot(const std::string& path,
                                                                  InputInfo* info) {
  std::map<std::string, std::vector<SnapshotRow>> rows;
  CsvReader r(path);
  const int c_sku = r.RequireColumn("sku", "--stock");
  const int c_on_hand = r.FindColumn("on_hand");
  const int c_qty = r.FindColumn("quantity");
  const int c_date = r.FindColumn("expected_date");
  if (c_on_hand < 0 && c_qty < 0) {
    throw InputError(r.display_name() + ": --stock needs a column 'on_hand' or 'quantity'");
  }
  if ((c_qty >= 0) != (c_date >= 0)) {
    throw InputError(r.display_name() +
                     ": --stock: open orders need both 'quantity' and 'expected_date'");
  }
  while (r.Next()) {
    r.CheckFieldCount();
    const std::string sku = Trimmed(r.field(c_sku));
    if (sku.empty()) throw InputError(r.FieldError(c_sku, "a SKU"));
    SnapshotRow row;
    bool has_on_hand = false;
    row.on_hand = Amount(r, c_on_hand, &has_on_hand);
    row.quantity = Amount(r, c_qty, &row.has_order);
    if (row.has_order) {
      if (!ParseIsoDay(Trimmed(r.field(c_date)), &row.expected_day)) {
        throw InputError(r.FieldError(c_date, "a date YYYY-MM-DD"));
      }
    }
    if (!has_on_hand && !row.has_order) {
      throw InputError(r.Where() + ": SKU '" + sku + "': neither on_hand nor an open order");
    }
    rows[sku].push_back(row);
  }
  if (info) *info = r.Info();
  return rows;
}

StockPosition StockFor(const std::vector<SnapshotRow>* rows, const Item* item,
                       std::int64_t first_period, Frequency frequency) {
  StockPosition p;
  if (rows != nullptr) {
    p.source = "snapshot";
    for (const SnapshotRow& row : *rows) {
      p.on_hand += row.on_hand;
      if (!row.has_order) continue;
      const std::int64_t due = PeriodOfDay(row.expected_day, frequency);
      p.open.push_back({row.quantity, std::max<std::int64_t>(0, due - first_period)});
    }
    return p;
  }
  if (item == nullptr || !(Item::Given(item->on_hand) || Item::Given(item->on_order))) {
    p.source = "none";
    return p;
  }
  p.source = "items";
  p.on_hand = Item::Or(item->on_hand, 0.0);
  const double on_order = Item::Or(item->on_order, 0.0);
  if (on_order > 0) p.open.push_back({on_order, -1});
  return p;
}

MappedState MapToState(const Model& m, const StockPosition& stock) {
  MappedState out;
  const int slots = m.pipe_len;
  double on_hand = stock.on_hand;
  std::vector<double> slot(slots, 0.0);
  bool moved_late = false, moved_short = false;
  for (const OpenOrder& o : stock.open) {
    const std::int64_t k = o.arrives_in < 0 ? 1 : o.arrives_in;
    if (k == 0 || slots == 0) {
      on_hand += o.quantity;
      moved_short = moved_short || k > 0;
      continue;
    }
    if (k - 1 >= slots) moved_late = true;
    slot[std::min<std::int64_t>(k - 1, slots - 1)] += o.quantity;
  }
  std::vector<int> actions(slots, 0);
  bool rounded = false, overflow = false;
  for (int j = 0; j < slots; ++j) {
    if (slot[j] <= 0) continue;
    const int lots = static_cast<int>(std::lround(slot[j] / m.unit));
    // The allowed order nearest to the slot's quantity; above the largest, the
    // rest is on hand.
    int best = 0;
    for (int a = 1; a < m.num_actions; ++a) {
      if (std::abs(m.qty[a] - lots) < std::abs(m.qty[best] - lots)) best = a;
    }
    if (lots > m.qty.back()) {
      best = m.num_actions - 1;
      on_hand += static_cast<double>(lots - m.qty[best]) * m.unit;
      overflow = true;
    } else if (m.qty[best] != lots || std::fabs(slot[j] - lots * m.unit) > 1e-9) {
      rounded = true;
    }
    actions[j] = best;
  }
  int lots = static_cast<int>(std::lround(on_hand / m.unit));
  if (lots > m.max_inventory) {
    out.notes.push_back("on hand " + FormatDouble(on_hand) +
                        " is above the model's storage limit " +
                        std::to_string(m.max_inventory * m.unit) + "; capped");
    lots = m.max_inventory;
  }
  lots = std::max(lots, 0);
  if (moved_late) {
    out.notes.push_back("orders due at or after the lead time are counted in the last slot");
  }
  if (moved_short) out.notes.push_back("with lead time <= 1 open orders count as on hand");
  if (rounded) out.notes.push_back("open orders rounded to the nearest orderable quantity");
  if (overflow) out.notes.push_back("open orders above the largest order counted as on hand");
  if (std::any_of(stock.open.begin(), stock.open.end(),
                  [](const OpenOrder& o) { return o.arrives_in < 0; })) {
    out.notes.push_back("on_order without a date is taken to arrive next period");
  }
  out.state = m.Index(lots, actions);
  return out;
}

Json StateJson(const Model& m, std::int64_t state) {
  Json j;
  const int on_hand = m.OnHand(state) * m.unit;
  std::vector<int> pipe = m.Pipeline(state);
  int position = on_hand;
  for (int& q : pipe) {
    q *= m.unit;
    position += q;
  }
  j["on_hand"] = on_hand;
  j["pipeline"] = pipe;
  j["position"] = position;
  return j;
}

}  // namespace invplan::rl
