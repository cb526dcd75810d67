// Tonight's stock per SKU: what is on hand and which open orders arrive when,
// from the items master (on_hand, on_order) or a stock snapshot CSV, and its
// place in a policy's state space.
//
// Stock snapshot CSV (--stock): columns sku, on_hand, quantity, expected_date
// (names exact, any order; on_hand or quantity may be empty on a row):
//   SKU-001,120,,            120 units on hand
//   SKU-001,,500,2026-12-09  an open order of 500 units expected on 2026-12-09
// A SKU's on-hand rows add up; every order row is one open order. A SKU in the
// snapshot takes its stock from it only; other SKUs fall back to the items
// master's on_hand and on_order.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/items.h"
#include "invplan/artifact.h"
#include "invplan/panel.h"
#include "rl/model.h"

namespace invplan::rl {

struct OpenOrder {
  double quantity = 0.0;
  // Periods from the first forecast period until it arrives: 0 = arrives
  // today (or is late), 1 = at the start of the next period. -1: the date is
  // not known (the items master's on_order), taken to arrive next period.
  std::int64_t arrives_in = -1;
};

struct StockPosition {
  double on_hand = 0.0;
  std::vector<OpenOrder> open;
  std::string source;  // "snapshot", "items" or "none" (no stock given: empty)
};

// A snapshot's rows by SKU; dates are resolved against each SKU's first
// forecast period later (ResolveArrivals). Throws Error(kBadInput) naming file,
// line and column for a malformed row.
struct SnapshotRow {
  double on_hand = 0.0;
  bool has_order = false;
  double quantity = 0.0;
  std::int64_t expected_day = 0;  // days since 1970-01-01
};
std::map<std::string, std::vector<SnapshotRow>> ReadStockSnapshot(const std::string& path,
                                                                  InputInfo* info);

// The SKU's stock tonight: from its snapshot rows when there are any (open
// orders dated against `first_period`, the first forecast period), else from
// the item's on_hand and on_order (when given), else empty.
StockPosition StockFor(const std::vector<SnapshotRow>* rows, const Item* item,
                       std::int64_t first_period, Frequency frequency);

// The model state nearest to `stock`, and how it was approximated:
//  * on hand is counted in lots (rounded) and capped at max_inventory;
//  * an order arriving in k >= 1 periods goes to pipeline slot k-1 (orders due
//    at or beyond the lead time to the last slot); with lead time <= 1, and for
//    orders arriving today, it counts as on hand;
//  * a slot holds one orderable quantity: the sum of its orders rounded to the
//    nearest allowed order; what is above the largest order counts as on hand.
struct MappedState {
  std::int64_t state = 0;
  std::vector<std::string> notes;  // approximations made, for the artifact
};
MappedState MapToState(const Model& m, const StockPosition& stock);

// {on_hand, pipeline (units, oldest first), position} of a model state.
Json StateJson(const Model& m, std::int64_t state);

}  // namespace invplan::rl
