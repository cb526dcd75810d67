// Days of demand through a network under a plan's policy, and under every
// location planning alone, with the same random demand (common random
// numbers), as described in invplan/network.h.
#pragma once

#include <cstdint>
#include <vector>

#include "network/policy.h"
#include "network/stock_file.h"

namespace invplan::network {

// Totals of one location in one replication (days after the warm-up).
struct LocationTotals {
  double demand = 0.0;      // stores: customer demand; DC: units the stores asked for
  double served = 0.0;      // stores: sold; DC: shipped
  double lost = 0.0;        // stores: lost sales
  double stock_days = 0.0;  // sum over days of end-of-day stock on hand
  double cost = 0.0;        // holding + lost sales x stockout cost
};

struct SimulationTotals {
  // [policy 0 = plan, 1 = alone][replication][location]
  std::vector<std::vector<std::vector<LocationTotals>>> totals;
};

struct SimulationSetup {
  int days = 0, warmup = 0, replications = 0;
  std::uint64_t seed = 42;
};

// Adds SKU `sku_index`'s totals into `out` (sized by MakeTotals). The demand
// of replication r comes from a stream derived from (seed, sku_index, r) only:
// store k's demand on day t is the forecast distribution of period t (the last
// period's past the horizon; StoreDemand::days) at a uniform draw, rounded to
// whole units; without `days`, normal with day_mean and day_sd, rounded,
// floored at 0.
// Day 0 starts at `stock` (may be null: every location at its level): on hand
// as given, on order arriving after the location's lead time (+1 review day
// at a store, as its shipments), each policy from the same start.
void SimulateSku(const Network& net, const SkuDemand& d, const SkuPolicy& policy,
                 const SimulationSetup& setup, std::uint64_t sku_index, SimulationTotals* out,
                 const StockMap* stock = nullptr);

SimulationTotals MakeTotals(const Network& net, int replications);

// Adds b into a.
void AddTotals(const SimulationTotals& b, SimulationTotals* a);

}  // namespace invplan::network
