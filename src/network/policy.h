// The multi-echelon policy of one SKU over a network of at most two echelons:
// inputs already reduced to demand moments, so that the stage (reading
// artifacts) and the benchmark (synthetic demand) share it.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

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
  double day_mean = 0.0, day_sd = 0.0;  // one period (the simulation's demand)
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

// Checks that the network has at most two echelons; throws Error(kBadInput)
// naming the first row deeper than that.
void CheckTwoEchelons(const Network& net);

// The policy of one SKU at target service `service` (see invplan/network.h);
// the alone levels at `alone_service` (<= 0: `service`).
SkuPolicy PlanSku(const Network& net, const SkuDemand& d, double service,
                  double alone_service = 0.0);

}  // namespace invplan::network
