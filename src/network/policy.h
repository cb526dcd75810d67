// The multi-echelon policy of one SKU over a network (a forest of any depth):
// inputs already reduced to demand moments, so that the stage (reading
// artifacts) and the benchmark (synthetic demand) share it.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "common/forecast_distribution.h"
#include "network/distribution.h"
#include "network/network_file.h"

namespace invplan::network {

// The whole units that cover a level computed in floating point (a level a hair
// above a whole number from rounding stays that number).
inline std::int64_t WholeUnits(double x) {
  return static_cast<std::int64_t>(std::ceil(x - 1e-9));
}

struct StoreDemand {
  int location = -1;                    // index into Network::locations (a store)
  double mean = 0.0, sd = 0.0;          // over lead time + 1 review period
  double day_mean = 0.0, day_sd = 0.0;  // one period
  // The forecast's distribution of each period (the simulation draws day t
  // from days[min(t, size - 1)]); empty unless asked for: then day_mean and
  // day_sd (normal) are drawn.
  std::vector<DemandDistribution> days;
};

struct DcDemand {
  int location = -1;                          // a DC
  double mean = 0.0, sd = 0.0;                // its stores' demand over the DC's lead time
  double mean_review = 0.0, sd_review = 0.0;  // ... over lead time + 1 (planning alone)
};

struct SkuDemand {
  std::string sku;
  std::vector<StoreDemand> stores;
  std::vector<DcDemand> dcs;
};

struct LocationLevel {
  int location = -1;
  double echelon_base_stock = 0.0;  // stores: their own level
  double base_stock = 0.0;          // installation level
  double safety_stock = 0.0;        // base_stock - its demand mean
  double mean = 0.0, sd = 0.0;      // the demand its level covers
  double alone_base_stock = 0.0;    // the level planning alone would set
};

struct SkuPolicy {
  std::vector<LocationLevel> levels;      // DCs first, then stores, in network order
  std::vector<StoreParams> store_params;  // parallel to the SkuDemand's stores
};

// The newsvendor of `location`'s echelon whose optimum is `level`: demand the
// means and the standard deviations of the levels of the location and
// everything below it added (the sds as the balance assumption aggregates
// them, so the level sits at a moderate score), the location's holding cost (at least 1e-6), and
// the stockout cost whose critical fractile is `level`. It values units sent to (or bought for) a
// location by the expected cost they save per period.
StoreParams EchelonParams(const Network& net, const SkuPolicy& pol, int location, double level);

// Checks that the network has at most two echelons (what the simulation
// covers); throws Error(kBadInput) naming the first row deeper than that.
void CheckTwoEchelons(const Network& net);

// The policy of one SKU at target service `service` (see invplan/network.h),
// or a store's own Location::service_level when set; the alone levels at
// `alone_service` (<= 0: the store's target).
SkuPolicy PlanSku(const Network& net, const SkuDemand& d, double service,
                  double alone_service = 0.0);

}  // namespace invplan::network
