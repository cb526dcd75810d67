// The JSON parts of the network_plan artifact (layout in invplan/network.h).
#pragma once

#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "network/policy.h"
#include "network/simulate.h"

namespace invplan::network {

Json MethodJson();
Json LocationsJson(const Network& net);
// `base`: the network file's network when `net` is the SKU's own copy (items
// master location rows); the levels then name the values that differ.
Json SkuJson(const Network& net, const std::string& sku, const SkuPolicy& policy,
             const Network* base = nullptr);

// System figures of the simulation, [0] the plan, [1] every location alone:
// means over replications.
struct SimulationSummary {
  double fill_rate[2] = {0.0, 0.0};
  double stock[2] = {0.0, 0.0};
};

// Per policy: the system and each location, every figure as {mean, lo, hi}
// with a 95% Student-t interval over the replications.
Json SimulationJson(const Network& net, const SimulationSetup& setup,
                    const SimulationTotals& totals, SimulationSummary* summary);

// The 97.5% quantile of Student's t with `df` degrees of freedom (Cornish–Fisher
// expansion around the normal; within 0.01 for df >= 3).
double StudentT975(int df);

}  // namespace invplan::network
