#include "network/simulate.h"

#include <algorithm>
#include <cmath>

#include "common/random.h"

namespace invplan::network {
namespace {

// One policy through one replication's demand.
void Run(const Network& net, const SkuDemand& d, const SkuPolicy& policy, bool alone,
         const std::vector<std::vector<std::int64_t>>& demand, const SimulationSetup& setup,
         const StockMap* stock, std::vector<LocationTotals>* totals) {
  const std::size_t ns = d.stores.size();
  const int horizon = setup.warmup + setup.days;
  // Levels by location.
  std::vector<double> level(net.locations.size(), 0.0), echelon(net.locations.size(), 0.0);
  for (const LocationLevel& lv : policy.levels) {
    level[lv.location] = alone ? lv.alone_base_stock : lv.base_stock;
    echelon[lv.location] = lv.echelon_base_stock;
  }
  int max_lead = 1;
  for (const Location& l : net.locations) max_lead = std::max(max_lead, l.lead_time + 1);
  const int ring = max_lead + 1;
  std::vector<std::int64_t> on_hand(net.locations.size(), 0), in_transit(net.locations.size(), 0);
  std::vector<std::vector<std::int64_t>> arriving(net.locations.size(),
                                                  std::vector<std::int64_t>(ring, 0));
  std::vector<bool> active(net.locations.size(), false);
  for (const LocationLevel& lv : policy.levels) {
    active[lv.location] = true;
    if (stock == nullptr) {
      on_hand[lv.location] = std::max<std::int64_t>(0, WholeUnits(level[lv.location]));
      continue;
    }
    // Tonight's actual stock; what is on order arrives after the lead time.
    const Location& l = net.locations[static_cast<std::size_t>(lv.location)];
    const auto it = stock->find(StockKey(d.sku, l.name));
    if (it == stock->end()) continue;
    on_hand[lv.location] = static_cast<std::int64_t>(std::floor(it->second.on_hand + 1e-9));
    const auto due = static_cast<std::int64_t>(std::floor(it->second.on_order + 1e-9));
    const int lead = l.children.empty() ? l.lead_time + 1 : std::max(1, l.lead_time);
    arriving[static_cast<std::size_t>(lv.location)][static_cast<std::size_t>(lead % ring)] += due;
    in_transit[lv.location] += due;
  }
  std::vector<double> position(ns);
  std::vector<std::int64_t> need(ns);
  for (int t = 0; t < horizon; ++t) {
    const bool count = t >= setup.warmup;
    const int slot = t % ring;
    for (std::size_t i = 0; i < net.locations.size(); ++i) {
      on_hand[i] += arriving[i][slot];
      in_transit[i] -= arriving[i][slot];
      arriving[i][slot] = 0;
    }
    // Customers at the stores.
    for (std::size_t k = 0; k < ns; ++k) {
      const int loc = d.stores[k].location;
      const std::int64_t want = demand[k][t];
      const std::int64_t sold = std::min(want, on_hand[loc]);
      on_hand[loc] -= sold;
      if (count) {
        LocationTotals& lt = (*totals)[loc];
        lt.demand += want;
        lt.served += sold;
        lt.lost += want - sold;
        lt.cost += policy.store_params[k].stockout * (want - sold);
      }
    }
    // The night: stores ask, DCs ship (splitting when short), then order.
    for (std::size_t k = 0; k < ns; ++k) {
      const int loc = d.stores[k].location;
      position[k] = static_cast<double>(on_hand[loc] + in_transit[loc]);
      need[k] = std::max<std::int64_t>(0, WholeUnits(level[loc] - position[k]));
    }
    auto ship = [&](std::size_t k, std::int64_t q) {
      const int loc = d.stores[k].location;
      const int lead = net.locations[loc].lead_time + 1;
      arriving[loc][(t + lead) % ring] += q;
      in_transit[loc] += q;
      if (count) (*totals)[loc].cost += net.locations[loc].transport_cost * static_cast<double>(q);
    };
    for (const DcDemand& dc : d.dcs) {
      const int di = dc.location;
      if (!active[di]) continue;
      std::vector<std::size_t> members;
      std::int64_t total = 0;
      for (std::size_t k = 0; k < ns; ++k) {
        if (net.locations[d.stores[k].location].parent_index == di) {
          members.push_back(k);
          total += need[k];
        }
      }
      std::vector<std::int64_t> q(members.size());
      if (total <= on_hand[di]) {
        for (std::size_t m = 0; m < members.size(); ++m) q[m] = need[members[m]];
      } else {
        std::vector<StoreParams> params;
        std::vector<double> pos;
        std::vector<std::int64_t> nd;
        for (std::size_t k : members) {
          params.push_back(policy.store_params[k]);
          pos.push_back(position[k]);
          nd.push_back(need[k]);
        }
        q = AllocateStock(params, pos, nd, on_hand[di]);
      }
      std::int64_t shipped = 0;
      for (std::size_t m = 0; m < members.size(); ++m) {
        ship(members[m], q[m]);
        shipped += q[m];
      }
      on_hand[di] -= shipped;
      // The DC's order: echelon position (plan) or its own position (alone).
      double pos = static_cast<double>(on_hand[di] + in_transit[di]);
      if (!alone) {
        for (std::size_t k : members) {
          pos +=
              static_cast<double>(on_hand[d.stores[k].location] + in_transit[d.stores[k].location]);
        }
      }
      const std::int64_t order =
          std::max<std::int64_t>(0, WholeUnits((alone ? level[di] : echelon[di]) - pos));
      const int lead = std::max(1, net.locations[di].lead_time);
      arriving[di][(t + lead) % ring] += order;
      in_transit[di] += order;
      if (count) {
        LocationTotals& lt = (*totals)[di];
        lt.cost += net.locations[di].transport_cost * static_cast<double>(order);
        lt.demand += static_cast<double>(total);
        lt.served += static_cast<double>(shipped);
      }
    }
    // Stores supplied directly by a supplier.
    for (std::size_t k = 0; k < ns; ++k) {
      const int loc = d.stores[k].location;
      if (net.locations[loc].parent_index < 0) ship(k, need[k]);
    }
    if (count) {
      for (std::size_t i = 0; i < net.locations.size(); ++i) {
        if (!active[i]) continue;
        LocationTotals& lt = (*totals)[i];
        lt.stock_days += static_cast<double>(on_hand[i]);
        lt.cost += net.locations[i].holding_cost * static_cast<double>(on_hand[i]);
      }
    }
  }
}

}  // namespace

SimulationTotals MakeTotals(const Network& net, int replications) {
  SimulationTotals t;
  t.totals.assign(2, std::vector<std::vector<LocationTotals>>(
                         static_cast<std::size_t>(replications),
                         std::vector<LocationTotals>(net.locations.size())));
  return t;
}

void AddTotals(const SimulationTotals& b, SimulationTotals* a) {
  for (std::size_t p = 0; p < b.totals.size(); ++p) {
    for (std::size_t r = 0; r < b.totals[p].size(); ++r) {
      for (std::size_t i = 0; i < b.totals[p][r].size(); ++i) {
        LocationTotals& x = a->totals[p][r][i];
        const LocationTotals& y = b.totals[p][r][i];
        x.demand += y.demand;
        x.served += y.served;
        x.lost += y.lost;
        x.stock_days += y.stock_days;
        x.cost += y.cost;
      }
    }
  }
}

void SimulateSku(const Network& net, const SkuDemand& d, const SkuPolicy& policy,
                 const SimulationSetup& setup, std::uint64_t sku_index, SimulationTotals* out,
                 const StockMap* stock) {
  const int horizon = setup.warmup + setup.days;
  std::vector<std::vector<std::int64_t>> demand(d.stores.size(),
                                                std::vector<std::int64_t>(horizon, 0));
  for (int r = 0; r < setup.replications; ++r) {
    // Common random numbers: both policies see this replication's demand.
    Rng rng(DeriveSeed(DeriveSeed(setup.seed, sku_index), static_cast<std::uint64_t>(r)));
    for (std::size_t k = 0; k < d.stores.size(); ++k) {
      const std::vector<DemandDistribution>& days = d.stores[k].days;
      for (int t = 0; t < horizon; ++t) {
        double x;
        if (days.empty()) {
          x = d.stores[k].day_mean + d.stores[k].day_sd * rng.Normal();
        } else {
          const double u = std::clamp(rng.Uniform(), 1e-12, 1.0 - 1e-12);
          x = days[std::min(days.size() - 1, static_cast<std::size_t>(t))].Quantile(u);
        }
        demand[k][t] = std::max<std::int64_t>(0, std::llround(x));
      }
    }
    for (int p = 0; p < 2; ++p) {
      Run(net, d, policy, p == 1, demand, setup, stock, &out->totals[p][r]);
    }
  }
}

}  // namespace invplan::network
