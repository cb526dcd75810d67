#include "network/gsm_plan.h"

#include <cmath>
#include <vector>

#include "common/normal.h"
#include "network/gsm_tree.h"

namespace invplan::network {

Json GsmPlacementJson(const Network& net, const SkuDemand& demand, double service_level) {
  const std::size_t n = net.locations.size();
  std::vector<double> sd(n, 0.0), mean(n, 0.0);
  std::vector<bool> store(n, false);
  for (const StoreDemand& s : demand.stores) {
    const auto k = static_cast<std::size_t>(s.location);
    sd[k] = s.day_sd;
    store[k] = true;
  }
  // A location's mean demand per period: the stores below it (itself if a store).
  for (const StoreDemand& s : demand.stores) {
    for (int k = s.location; k >= 0; k = net.locations[static_cast<std::size_t>(k)].parent_index) {
      mean[static_cast<std::size_t>(k)] += s.day_mean;
    }
  }
  std::vector<int> root_of(n);
  for (std::size_t k = 0; k < n; ++k) {
    int r = static_cast<int>(k);
    while (net.locations[static_cast<std::size_t>(r)].parent_index >= 0) {
      r = net.locations[static_cast<std::size_t>(r)].parent_index;
    }
    root_of[k] = r;
  }
  Json out = Json::array();
  std::vector<Json> rows(n);
  double cost = 0.0;
  for (std::size_t r = 0; r < n; ++r) {
    if (root_of[r] != static_cast<int>(r)) continue;
    // The tree rooted at r, its nodes numbered in network order.
    std::vector<int> local(n, -1), members;
    for (std::size_t k = 0; k < n; ++k) {
      if (root_of[k] == static_cast<int>(r)) {
        local[k] = static_cast<int>(members.size());
        members.push_back(static_cast<int>(k));
      }
    }
    std::vector<GsmNode> nodes(members.size());
    for (std::size_t j = 0; j < members.size(); ++j) {
      const Location& l = net.locations[static_cast<std::size_t>(members[j])];
      GsmNode& g = nodes[j];
      if (l.parent_index >= 0)
        g.predecessors.push_back(local[static_cast<std::size_t>(l.parent_index)]);
      g.processing_time = l.lead_time;
      g.holding_cost = l.holding_cost;
      const double s = l.service_level > 0.0 ? l.service_level : service_level;
      g.safety_factor = NormalQuantile(s);
      g.demand_sd = sd[static_cast<std::size_t>(members[j])];
      g.external_demand = store[static_cast<std::size_t>(members[j])];
    }
    const GsmSolution sol = OptimizeGsmTree(nodes);
    cost += sol.cost;
    for (std::size_t j = 0; j < members.size(); ++j) {
      const auto k = static_cast<std::size_t>(members[j]);
      rows[k] = {{"location", net.locations[k].name},
                 {"inbound_service_time", sol.inbound_cst[j]},
                 {"outbound_service_time", sol.outbound_cst[j]},
                 {"net_lead_time", sol.net_lead_time[j]},
                 {"safety_stock", sol.safety_stock[j]},
                 {"base_stock", mean[k] * sol.net_lead_time[j] + sol.safety_stock[j]}};
    }
  }
  for (Json& row : rows) out.push_back(std::move(row));
  return {{"cost", cost}, {"locations", std::move(out)}};
}

}  // namespace invplan::network
