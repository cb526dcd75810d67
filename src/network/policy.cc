#include "network/policy.h"

#include <algorithm>
#include <cmath>

#include "common/normal.h"
#include "invplan/error.h"

namespace invplan::network {

void CheckTwoEchelons(const Network& net) {
  for (std::size_t i = 0; i < net.locations.size(); ++i) {
    if (net.locations[i].depth >= 2) {
      throw InputError(net.Where(static_cast<int>(i)) + ": location '" + net.locations[i].name +
                       "' is " + std::to_string(net.locations[i].depth + 1) +
                       " echelons below its supplier; networks of at most two echelons "
                       "(supplier -> DC -> stores) are planned");
    }
  }
}

SkuPolicy PlanSku(const Network& net, const SkuDemand& d, double service, double alone_service) {
  SkuPolicy out;
  const double z = NormalQuantile(alone_service > 0.0 ? alone_service : service);
  const double z_plan = NormalQuantile(service);
  const double ratio = service / (1.0 - service);
  out.store_params.resize(d.stores.size());
  std::vector<LocationLevel> store_levels(d.stores.size());
  for (std::size_t k = 0; k < d.stores.size(); ++k) {
    const StoreDemand& s = d.stores[k];
    const Location& loc = net.locations[static_cast<std::size_t>(s.location)];
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
  for (const DcDemand& dc : d.dcs) {
    const Location& loc = net.locations[static_cast<std::size_t>(dc.location)];
    std::vector<StoreParams> params;
    std::vector<std::size_t> members;
    for (std::size_t k = 0; k < d.stores.size(); ++k) {
      if (net.locations[static_cast<std::size_t>(d.stores[k].location)].parent_index ==
          dc.location) {
        params.push_back(out.store_params[k]);
        members.push_back(k);
      }
    }
    if (members.empty()) continue;
    const DistributionPolicy pol = PlanDistribution({dc.mean, dc.sd, loc.holding_cost}, params);
    LocationLevel lv;
    lv.location = dc.location;
    lv.echelon_base_stock = pol.dc_echelon_base_stock;
    lv.base_stock = pol.dc_base_stock;
    lv.mean = dc.mean;
    lv.sd = dc.sd;
    lv.safety_stock = pol.dc_base_stock - dc.mean;
    lv.alone_base_stock = dc.mean_review + z * dc.sd_review;
    out.levels.push_back(lv);
    for (std::size_t m = 0; m < members.size(); ++m) {
      store_levels[members[m]].base_stock = store_levels[members[m]].echelon_base_stock =
          pol.store_base_stock[m];
    }
  }
  for (LocationLevel& lv : store_levels) {
    lv.safety_stock = lv.base_stock - lv.mean;
    out.levels.push_back(lv);
  }
  return out;
}

}  // namespace invplan::network
