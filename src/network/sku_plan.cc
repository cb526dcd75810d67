#include "network/sku_plan.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "common/forecast_distribution.h"
#include "network/transfers.h"

namespace invplan::network {

// The demand moments of one SKU from its series (one per store). Each period's
// distribution is read once (PointDemand); sums over periods and stores take
// SumDemand's moments (means and variances add, periods past the horizon repeat
// the last), without building the summed distribution itself.
SkuDemand Demand(const Network& net, const ForecastSet& set, const std::string& sku,
                 const std::vector<const SeriesForecast*>& series, bool keep_days) {
  SkuDemand d;
  d.sku = sku;
  d.stores.reserve(series.size());
  std::map<int, std::size_t> dc_slot;
  std::vector<double> mean, var;
  for (const SeriesForecast* s : series) {
    StoreDemand sd;
    sd.location = net.index.at(s->location);
    const Location& loc = net.locations[static_cast<std::size_t>(sd.location)];
    // Every location above the store sees its demand over its own lead time.
    int periods = loc.lead_time + 1;
    for (int a = loc.parent_index; a >= 0;
         a = net.locations[static_cast<std::size_t>(a)].parent_index) {
      periods = std::max(periods, net.locations[static_cast<std::size_t>(a)].lead_time + 1);
    }
    mean.assign(static_cast<std::size_t>(periods), 0.0);
    var.assign(static_cast<std::size_t>(periods), 0.0);
    if (!s->points.empty()) {
      std::size_t read = 0;
      for (int t = 0; t < periods; ++t) {
        if (static_cast<std::size_t>(t) < s->points.size()) {
          const DemandDistribution one = PointDemand(s->points[static_cast<std::size_t>(t)], set);
          mean[t] = one.mean();
          var[t] = std::max(0.0, one.variance());
          read = static_cast<std::size_t>(t);
        } else {
          mean[t] = mean[read];
          var[t] = var[read];
        }
      }
    }
    if (keep_days) {
      for (const ForecastPoint& pt : s->points) sd.days.push_back(PointDemand(pt, set));
    }
    sd.day_mean = mean[0];
    sd.day_sd = std::sqrt(var[0]);
    double m = 0.0, v = 0.0;
    for (int t = 0; t <= loc.lead_time; ++t) {
      m += mean[t];
      v += var[t];
    }
    sd.mean = m;
    sd.sd = std::sqrt(v);
    for (int a = loc.parent_index; a >= 0;
         a = net.locations[static_cast<std::size_t>(a)].parent_index) {
      const int a_lead = net.locations[static_cast<std::size_t>(a)].lead_time;
      auto [it, fresh] = dc_slot.emplace(a, d.dcs.size());
      if (fresh) {
        DcDemand dd;
        dd.location = a;
        d.dcs.push_back(dd);
      }
      DcDemand& dd = d.dcs[it->second];
      for (int t = 0; t <= a_lead; ++t) {
        if (t < a_lead) {
          dd.mean += mean[t];
          dd.sd += var[t];  // variance until the end
        }
        dd.mean_review += mean[t];
        dd.sd_review += var[t];
      }
    }
    d.stores.push_back(sd);
  }
  for (DcDemand& dd : d.dcs) {
    dd.sd = std::sqrt(dd.sd);
    dd.sd_review = std::sqrt(dd.sd_review);
  }
  // DCs in network order.
  std::sort(d.dcs.begin(), d.dcs.end(),
            [](const DcDemand& a, const DcDemand& b) { return a.location < b.location; });
  return d;
}

// Tonight's lines of one SKU.
std::vector<Line> TonightsLines(const Network& net, const SkuDemand& d, const SkuPolicy& pol,
                                const StockMap& stock, const AnomalyActions* actions,
                                bool transfers) {
  std::vector<Line> lines;
  auto name_of = [&](int loc) -> const std::string& {
    return net.locations[static_cast<std::size_t>(loc)].name;
  };
  auto blocked = [&](int loc) { return actions && actions->Blocked(d.sku, name_of(loc)); };
  auto stock_of = [&](int loc) {
    const auto it = stock.find(StockKey(d.sku, name_of(loc)));
    Stock s = it == stock.end() ? Stock{} : it->second;
    if (actions && actions->SkipOnOrder(d.sku, name_of(loc))) s.on_order = 0.0;
    return s;
  };
  std::map<int, double> level;
  for (const LocationLevel& lv : pol.levels) level[lv.location] = lv.base_stock;
  std::vector<double> position(d.stores.size());
  std::vector<std::int64_t> need(d.stores.size());
  for (std::size_t k = 0; k < d.stores.size(); ++k) {
    const Stock s = stock_of(d.stores[k].location);
    position[k] = s.on_hand + s.on_order;
    need[k] =
        blocked(d.stores[k].location)
            ? 0
            : std::max<std::int64_t>(0, WholeUnits(level[d.stores[k].location] - position[k]));
  }
  // Echelon positions of the internal locations: their own stock and in
  // transit plus everything below them.
  std::map<int, double> echelon_level, echelon_pos;
  for (const LocationLevel& lv : pol.levels) {
    if (net.locations[static_cast<std::size_t>(lv.location)].children.empty()) continue;
    echelon_level[lv.location] = lv.echelon_base_stock;
    const Stock own = stock_of(lv.location);
    for (int a = lv.location; a >= 0; a = net.locations[static_cast<std::size_t>(a)].parent_index) {
      echelon_pos[a] += own.on_hand + own.on_order;
    }
  }
  for (std::size_t k = 0; k < d.stores.size(); ++k) {
    for (int a = net.locations[static_cast<std::size_t>(d.stores[k].location)].parent_index; a >= 0;
         a = net.locations[static_cast<std::size_t>(a)].parent_index) {
      echelon_pos[a] += position[k];
    }
  }
  for (const LocationLevel& lv : pol.levels) {
    const Location& dc = net.locations[static_cast<std::size_t>(lv.location)];
    if (dc.children.empty()) continue;
    std::vector<std::size_t> members;  // stores: index into d.stores
    std::vector<int> member_loc;       // every member's location (stores, then DCs)
    std::vector<StoreParams> params;
    std::vector<double> pos;
    std::vector<std::int64_t> nd;
    std::int64_t total = 0;
    for (std::size_t k = 0; k < d.stores.size(); ++k) {
      if (net.locations[static_cast<std::size_t>(d.stores[k].location)].parent_index ==
          lv.location) {
        members.push_back(k);
        member_loc.push_back(d.stores[k].location);
        params.push_back(pol.store_params[k]);
        pos.push_back(position[k]);
        nd.push_back(need[k]);
        total += need[k];
      }
    }
    // DCs below this one (deeper trees): their echelon level against their
    // echelon position, valued by the newsvendor at that level.
    for (const auto& [child, child_level] : echelon_level) {
      if (net.locations[static_cast<std::size_t>(child)].parent_index != lv.location) continue;
      member_loc.push_back(child);
      params.push_back(EchelonParams(net, pol, child, child_level));
      pos.push_back(echelon_pos[child]);
      const std::int64_t want =
          blocked(child) ? 0
                         : std::max<std::int64_t>(0, WholeUnits(child_level - echelon_pos[child]));
      nd.push_back(want);
      total += want;
    }
    const double echelon = echelon_pos[lv.location];
    const Stock own = stock_of(lv.location);
    // A blocked DC neither orders nor ships: its stock figures are unreliable.
    const bool dc_blocked = blocked(lv.location);
    const auto available =
        dc_blocked ? 0 : static_cast<std::int64_t>(std::floor(own.on_hand + 1e-9));
    const std::vector<std::int64_t> q = dc_blocked ? std::vector<std::int64_t>(nd.size(), 0)
                                        : total <= available
                                            ? nd
                                            : AllocateStock(params, pos, nd, available);
    // Only a root buys; a DC below another gets its shipments from it.
    const std::int64_t po = std::max<std::int64_t>(0, WholeUnits(lv.echelon_base_stock - echelon));
    if (dc.parent_index < 0 && po > 0 && !dc_blocked) {
      lines.push_back({dc.parent, dc.name, po, echelon, lv.echelon_base_stock});
    }
    for (std::size_t m = 0; m < member_loc.size(); ++m) {
      if (q[m] > 0) lines.push_back({dc.name, name_of(member_loc[m]), q[m], 0.0, 0.0});
    }
    if (transfers && members.size() > 1 && members.size() == member_loc.size()) {
      std::vector<double> after(members.size()), cost(members.size());
      std::vector<std::int64_t> movable(members.size());
      std::vector<char> eligible(members.size());
      for (std::size_t m = 0; m < members.size(); ++m) {
        const int loc = d.stores[members[m]].location;
        after[m] = pos[m] + static_cast<double>(q[m]);
        movable[m] = static_cast<std::int64_t>(std::floor(stock_of(loc).on_hand + 1e-9));
        cost[m] = net.locations[static_cast<std::size_t>(loc)].transport_cost;
        eligible[m] = !blocked(loc);
      }
      for (const Transfer& t : PlanTransfers(params, after, movable, cost, eligible)) {
        lines.push_back({name_of(d.stores[members[t.from]].location),
                         name_of(d.stores[members[t.to]].location), t.quantity, 0.0, 0.0});
      }
    }
  }
  for (std::size_t k = 0; k < d.stores.size(); ++k) {
    const Location& s = net.locations[static_cast<std::size_t>(d.stores[k].location)];
    if (s.parent_index < 0 && need[k] > 0) {
      lines.push_back({s.parent, s.name, need[k], position[k], level[d.stores[k].location]});
    }
  }
  return lines;
}

}  // namespace invplan::network
