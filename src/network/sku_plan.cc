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
                 const std::vector<const SeriesForecast*>& series) {
  SkuDemand d;
  d.sku = sku;
  d.stores.reserve(series.size());
  std::map<int, std::size_t> dc_slot;
  std::vector<double> mean, var;
  for (const SeriesForecast* s : series) {
    StoreDemand sd;
    sd.location = net.index.at(s->location);
    const Location& loc = net.locations[static_cast<std::size_t>(sd.location)];
    const int dc = loc.parent_index;
    const int dc_lead = dc >= 0 ? net.locations[static_cast<std::size_t>(dc)].lead_time : 0;
    const int periods = std::max(loc.lead_time + 1, dc_lead + 1);
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
    sd.day_mean = mean[0];
    sd.day_sd = std::sqrt(var[0]);
    double m = 0.0, v = 0.0;
    for (int t = 0; t <= loc.lead_time; ++t) {
      m += mean[t];
      v += var[t];
    }
    sd.mean = m;
    sd.sd = std::sqrt(v);
    if (dc >= 0) {
      auto [it, fresh] = dc_slot.emplace(dc, d.dcs.size());
      if (fresh) {
        DcDemand dd;
        dd.location = dc;
        d.dcs.push_back(dd);
      }
      DcDemand& dd = d.dcs[it->second];
      for (int t = 0; t <= dc_lead; ++t) {
        if (t < dc_lead) {
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
  for (const LocationLevel& lv : pol.levels) {
    const Location& dc = net.locations[static_cast<std::size_t>(lv.location)];
    if (dc.children.empty()) continue;
    std::vector<std::size_t> members;
    std::vector<StoreParams> params;
    std::vector<double> pos;
    std::vector<std::int64_t> nd;
    std::int64_t total = 0;
    double echelon = 0.0;
    for (std::size_t k = 0; k < d.stores.size(); ++k) {
      if (net.locations[static_cast<std::size_t>(d.stores[k].location)].parent_index ==
          lv.location) {
        members.push_back(k);
        params.push_back(pol.store_params[k]);
        pos.push_back(position[k]);
        nd.push_back(need[k]);
        total += need[k];
        echelon += position[k];
      }
    }
    const Stock own = stock_of(lv.location);
    // A blocked DC neither orders nor ships: its stock figures are unreliable.
    const bool dc_blocked = blocked(lv.location);
    const auto available =
        dc_blocked ? 0 : static_cast<std::int64_t>(std::floor(own.on_hand + 1e-9));
    const std::vector<std::int64_t> q = dc_blocked ? std::vector<std::int64_t>(nd.size(), 0)
                                        : total <= available
                                            ? nd
                                            : AllocateStock(params, pos, nd, available);
    echelon += own.on_hand + own.on_order;
    const std::int64_t po = std::max<std::int64_t>(0, WholeUnits(lv.echelon_base_stock - echelon));
    if (po > 0 && !dc_blocked) lines.push_back({dc.parent, dc.name, po});
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (q[m] > 0) {
        lines.push_back(
            {dc.name, net.locations[static_cast<std::size_t>(d.stores[members[m]].location)].name,
             q[m]});
      }
    }
    if (transfers && members.size() > 1) {
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
                         name_of(d.stores[members[t.to]].location), t.quantity});
      }
    }
  }
  for (std::size_t k = 0; k < d.stores.size(); ++k) {
    const Location& s = net.locations[static_cast<std::size_t>(d.stores[k].location)];
    if (s.parent_index < 0 && need[k] > 0) lines.push_back({s.parent, s.name, need[k]});
  }
  return lines;
}

}  // namespace invplan::network
