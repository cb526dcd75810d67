#include "network/policy.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/normal.h"
#include "invplan/error.h"
#include "network/tree_policy.h"

namespace invplan::network {

void CheckTwoEchelons(const Network& net) {
  for (std::size_t i = 0; i < net.locations.size(); ++i) {
    if (net.locations[i].depth >= 2) {
      throw InputError(net.Where(static_cast<int>(i)) + ": location '" + net.locations[i].name +
                       "' is " + std::to_string(net.locations[i].depth + 1) +
                       " echelons below its supplier; --simulate covers networks of at most two "
                       "echelons (supplier -> DC -> stores); plan deeper ones without it");
    }
  }
}

StoreParams EchelonParams(const Network& net, const SkuPolicy& pol, int location, double level) {
  double mean = 0.0, sd = 0.0;
  for (const LocationLevel& lv : pol.levels) {
    for (int at = lv.location; at >= 0;
         at = net.locations[static_cast<std::size_t>(at)].parent_index) {
      if (at == location) {
        mean += lv.mean;
        sd += lv.sd;
        break;
      }
    }
  }
  StoreParams s;
  s.mean = mean;
  s.sd = sd;
  s.holding = std::max(net.locations[static_cast<std::size_t>(location)].holding_cost, 1e-6);
  const double f =
      s.sd > 0.0
          ? std::clamp(0.5 * std::erfc(-(level - mean) / (s.sd * std::sqrt(2.0))), 1e-9, 1.0 - 1e-9)
          : 0.5;
  s.stockout = s.holding * f / (1.0 - f);
  return s;
}

SkuPolicy PlanSku(const Network& net, const SkuDemand& d, double service, double alone_service) {
  SkuPolicy out;
  out.store_params.resize(d.stores.size());
  std::vector<LocationLevel> store_levels(d.stores.size());
  for (std::size_t k = 0; k < d.stores.size(); ++k) {
    const StoreDemand& s = d.stores[k];
    const Location& loc = net.locations[static_cast<std::size_t>(s.location)];
    // The SKU's own target at this store (items master), else the plan's.
    const double target = loc.service_level > 0.0 ? loc.service_level : service;
    const double z = NormalQuantile(alone_service > 0.0 ? alone_service : target);
    const double z_plan = NormalQuantile(target);
    const double ratio = target / (1.0 - target);
    StoreParams& sp = out.store_params[k];
    sp.mean = s.mean;
    sp.sd = s.sd;
    sp.holding = loc.holding_cost;
    // A store with free holding still needs a positive stockout cost.
    sp.stockout = std::max(ratio * loc.holding_cost, 1e-9);
    LocationLevel& lv = store_levels[k];
    lv.location = s.location;
    lv.mean = s.mean;
    lv.sd = s.sd;
    lv.alone_base_stock = s.mean + z * s.sd;
    // The newsvendor level; stores under a DC are overwritten below.
    lv.base_stock = lv.echelon_base_stock = s.mean + z_plan * s.sd;
  }
  // Internal locations: a root with stores only below it is the exact two-stage
  // case (PlanDistribution); a deeper subtree goes to PlanTree.
  auto root_of = [&](int at) {
    while (net.locations[static_cast<std::size_t>(at)].parent_index >= 0) {
      at = net.locations[static_cast<std::size_t>(at)].parent_index;
    }
    return at;
  };
  auto level_of_dc = [&](const DcDemand& dc, double echelon, double installation) {
    const Location& loc = net.locations[static_cast<std::size_t>(dc.location)];
    LocationLevel lv;
    lv.location = dc.location;
    lv.echelon_base_stock = echelon;
    lv.base_stock = installation;
    lv.mean = dc.mean;
    lv.sd = dc.sd;
    lv.safety_stock = installation - dc.mean;
    const double dc_target = loc.service_level > 0.0 ? loc.service_level : service;
    lv.alone_base_stock =
        dc.mean_review +
        NormalQuantile(alone_service > 0.0 ? alone_service : dc_target) * dc.sd_review;
    return lv;
  };
  for (const DcDemand& dc : d.dcs) {
    const Location& loc = net.locations[static_cast<std::size_t>(dc.location)];
    if (loc.parent_index >= 0) continue;  // planned with its root
    std::vector<StoreParams> params;
    std::vector<std::size_t> members;
    bool deep = false;
    for (std::size_t k = 0; k < d.stores.size(); ++k) {
      const int at = d.stores[k].location;
      if (root_of(at) != dc.location) continue;
      deep = deep || net.locations[static_cast<std::size_t>(at)].parent_index != dc.location;
      params.push_back(out.store_params[k]);
      members.push_back(k);
    }
    if (members.empty()) continue;
    if (!deep) {
      const DistributionPolicy pol = PlanDistribution({dc.mean, dc.sd, loc.holding_cost}, params);
      out.levels.push_back(level_of_dc(dc, pol.dc_echelon_base_stock, pol.dc_base_stock));
      for (std::size_t m = 0; m < members.size(); ++m) {
        store_levels[members[m]].base_stock = store_levels[members[m]].echelon_base_stock =
            pol.store_base_stock[m];
      }
      continue;
    }
    std::vector<TreeInternal> internal;
    for (const DcDemand& x : d.dcs) {
      if (root_of(x.location) == dc.location) internal.push_back({x.location, x.mean, x.sd});
    }
    std::vector<TreeStore> stores;
    for (std::size_t m = 0; m < members.size(); ++m) {
      stores.push_back({d.stores[members[m]].location, params[m]});
    }
    const TreePlan tree = PlanTree(net, dc.location, internal, stores);
    for (std::size_t m = 0; m < members.size(); ++m) {
      store_levels[members[m]].base_stock = store_levels[members[m]].echelon_base_stock =
          tree.store_level[m];
    }
    for (const DcDemand& x : d.dcs) {
      if (root_of(x.location) != dc.location) continue;
      out.levels.push_back(
          level_of_dc(x, tree.echelon.at(x.location), tree.installation.at(x.location)));
    }
  }
  // DCs in network order.
  std::sort(out.levels.begin(), out.levels.end(),
            [](const LocationLevel& a, const LocationLevel& b) { return a.location < b.location; });
  for (LocationLevel& lv : store_levels) {
    lv.safety_stock = lv.base_stock - lv.mean;
    out.levels.push_back(lv);
  }
  return out;
}

}  // namespace invplan::network
