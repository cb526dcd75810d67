#include "network/constraints.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "invplan/error.h"
#include "invplan/optimize.h"
#include "network/distribution.h"
#include "network/item_rules.h"

namespace invplan::network {
namespace {

bool IsPurchase(const Network& net, const Line& l) {
  return net.index.count(l.from) == 0;
}

// The quantities a purchase of `full` units may take (ascending, `full` last).
std::vector<std::int64_t> Quantities(std::int64_t full, const Item* item) {
  const std::int64_t first = RoundPurchase(1, item);
  const std::int64_t pack =
      item ? std::max<std::int64_t>(1, static_cast<std::int64_t>(Item::Or(item->pack_size, 1.0)))
           : 1;
  std::vector<std::int64_t> q;
  if (first >= full) return {full};
  const std::int64_t steps = (full - first) / pack;  // choices first + k pack below full
  const std::int64_t stride = std::max<std::int64_t>(1, (steps + kMaxChoices - 1) / kMaxChoices);
  for (std::int64_t k = 0; first + k * pack < full; k += stride) q.push_back(first + k * pack);
  q.push_back(full);
  return q;
}

}  // namespace

bool HasPurchaseLimits(const Network& net, const PurchaseLimits& limits) {
  if (limits.budget.has_value() || !limits.supplier_min_path.empty()) return true;
  for (const Location& l : net.locations) {
    if (l.capacity >= 0.0 && l.parent_index < 0) return true;
  }
  return false;
}

Json ConstrainPurchases(const Network& net, const std::vector<std::string>& skus,
                        const std::vector<const Network*>& nets,
                        const std::vector<SkuPolicy>& policy, const ItemsMaster& items,
                        const StockMap& stock, const PurchaseLimits& limits, RunInfo* run,
                        std::vector<std::vector<Line>>* lines) {
  OrderSelection sel;
  sel.supplier_min_path = limits.supplier_min_path;
  sel.time_limit = limits.time_limit;
  if (limits.budget) {
    sel.row_names.push_back("budget");
    sel.rhs.push_back(*limits.budget);
  }
  // Rows of the purchasing locations with a capacity: what is there before tonight.
  std::map<int, std::size_t> cap_row;
  std::vector<double> before;
  for (std::size_t i = 0; i < net.locations.size(); ++i) {
    const Location& l = net.locations[i];
    if (l.capacity < 0.0 || l.parent_index >= 0) continue;
    cap_row[static_cast<int>(i)] = sel.row_names.size();
    sel.row_names.push_back("capacity " + l.name);
    sel.rhs.push_back(0.0);
    before.push_back(0.0);
  }
  const std::size_t first_cap = limits.budget ? 1 : 0;
  if (!cap_row.empty()) {
    // Every SKU's stock there takes room, planned tonight or not.
    for (const auto& [key, st] : stock) {
      const auto loc = net.index.find(key.substr(key.find('\x1f') + 1));
      if (loc == net.index.end()) continue;
      const auto row = cap_row.find(loc->second);
      if (row != cap_row.end()) before[row->second - first_cap] += st.on_hand + st.on_order;
    }
    for (std::size_t i = 0; i < skus.size(); ++i) {
      for (const Line& l : (*lines)[i]) {
        if (IsPurchase(net, l)) continue;
        const auto to = cap_row.find(net.index.at(l.to));
        if (to != cap_row.end()) before[to->second - first_cap] += static_cast<double>(l.quantity);
        const auto from = cap_row.find(net.index.at(l.from));
        if (from != cap_row.end()) {
          before[from->second - first_cap] -= static_cast<double>(l.quantity);
        }
      }
    }
  }
  Json notes = Json::array();
  Json capacities = Json::array();
  for (const auto& [at, row] : cap_row) {
    const Location& l = net.locations[static_cast<std::size_t>(at)];
    const double room = l.capacity - before[row - first_cap];
    if (room < 0.0) {
      notes.push_back("location '" + l.name + "' holds " + FormatDouble(before[row - first_cap]) +
                      " units before tonight's purchases, above its capacity " +
                      FormatDouble(l.capacity) + ": it buys nothing");
    }
    sel.rhs[row] = std::max(0.0, room);
  }

  // One group per purchase line.
  struct Where {
    std::size_t sku, line;
    std::vector<std::int64_t> quantity;
  };
  std::vector<Where> where;
  for (std::size_t i = 0; i < skus.size(); ++i) {
    const Network& sn = *nets[i];
    for (std::size_t j = 0; j < (*lines)[i].size(); ++j) {
      const Line& l = (*lines)[i][j];
      if (!IsPurchase(net, l) || l.quantity <= 0) continue;
      const int at = net.index.at(l.to);
      const Item* item = items.Find(skus[i], l.to);
      const double unit_cost = item ? Item::Or(item->unit_cost, 0.0) : 0.0;
      const StoreParams nv = EchelonParams(sn, policy[i], at, l.level);
      const double base = StoreCost(nv, l.position);
      OrderGroup g;
      g.name = skus[i] + " at " + l.to;
      g.supplier = item && !item->supplier.empty() ? item->supplier : l.from;
      Where w{i, j, Quantities(l.quantity, item)};
      for (const std::int64_t q : w.quantity) {
        OrderChoice c;
        c.quantity = static_cast<double>(q);
        c.cost = c.quantity * unit_cost;
        c.value = base - StoreCost(nv, std::min(l.position + c.quantity, l.level));
        c.weights.assign(sel.row_names.size(), 0.0);
        if (limits.budget) c.weights[0] = c.cost;
        const auto row = cap_row.find(at);
        if (row != cap_row.end()) c.weights[row->second] = c.quantity;
        g.choices.push_back(std::move(c));
      }
      g.wanted = static_cast<int>(g.choices.size()) - 1;
      sel.groups.push_back(std::move(g));
      where.push_back(std::move(w));
    }
  }

  // Values in whole units of 1e-6 of the largest: the solvers prune with a
  // value step of 1 (optimize's ValueStep), where real values near-tied over
  // hundreds of quantities would keep the search from proving its optimum.
  // The selection is exact for these rounded values (each within 5e-7 of the
  // largest value of its own).
  double top = 0.0;
  for (const OrderGroup& g : sel.groups) {
    for (const OrderChoice& c : g.choices) top = std::max(top, c.value);
  }
  const double scale = top > 0.0 ? 1e6 / top : 1.0;
  for (OrderGroup& g : sel.groups) {
    for (OrderChoice& c : g.choices) c.value = std::round(c.value * scale);
  }
  OrderSelectionResult r = SelectOrders(sel, run);
  r.objective /= scale;
  r.bound /= scale;
  for (Json& n : r.not_ordered) n["wanted_value"] = n["wanted_value"].get<double>() / scale;
  if (r.status == "infeasible" || r.status == "failed") {
    throw InputError("network: the purchase constraints cannot be met: " + r.reason);
  }
  double budget_used = 0.0;
  std::vector<double> used(sel.row_names.size(), 0.0);
  for (std::size_t g = 0; g < where.size(); ++g) {
    Line& l = (*lines)[where[g].sku][where[g].line];
    const int c = r.chosen[g];
    l.quantity = c < 0 ? 0 : where[g].quantity[static_cast<std::size_t>(c)];
    if (c < 0) continue;
    const OrderChoice& ch = sel.groups[g].choices[static_cast<std::size_t>(c)];
    budget_used += ch.cost;
    for (std::size_t k = 0; k < used.size(); ++k) used[k] += ch.weights[k];
  }
  for (auto& v : *lines) {
    v.erase(std::remove_if(v.begin(), v.end(), [](const Line& l) { return l.quantity <= 0; }),
            v.end());
  }
  for (const auto& [at, row] : cap_row) {
    const Location& l = net.locations[static_cast<std::size_t>(at)];
    capacities.push_back({{"location", l.name},
                          {"capacity", l.capacity},
                          {"before", before[row - first_cap]},
                          {"used", before[row - first_cap] + used[row]}});
  }
  for (const std::string& n : r.notes) notes.push_back(n);
  if (!r.reason.empty()) notes.push_back(r.reason);
  Json out = {{"status", r.status},         {"solver", r.solver},
              {"objective", r.objective},   {"bound", r.bound},
              {"budget_used", budget_used}, {"capacities", std::move(capacities)},
              {"notes", std::move(notes)},  {"not_ordered", r.not_ordered},
              {"binding", r.binding}};
  if (limits.budget) out["budget"] = *limits.budget;
  return out;
}

}  // namespace invplan::network
