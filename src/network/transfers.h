// Lateral transfers between stores under one DC (`invplan network --transfers`).
//
// After tonight's shipments, store i stands at inventory position y_i with
// movable_i units physically on hand. Moving one unit from store i to store j
// changes the expected cost by
//   UnitGain(j, y_j) (j gains)  -  UnitGain(i, y_i - 1) (i loses)  -  c_j,
// where c_j is the transport cost per unit received at j (the network file's
// transport_cost). The plan maximises the total of these over whole units,
// subject to 0 <= sent_i <= movable_i. Each store's cost is convex in its
// position (distribution.h), the transport cost depends only on the receiver,
// and a store that both sends and receives only pays transport twice, so the
// problem is a separable concave maximisation with one coupling (units sent =
// units received): moving units one at a time, each time from the store that
// loses least to the store that gains most, while that net gain is positive,
// is exact (tested against brute force). A store above its best level loses
// less than nothing by sending. Each unit costs O(stores). At most `max_units`
// units move (a bound on the work, never reached in practice).
#pragma once

#include <cstdint>
#include <vector>

#include "network/distribution.h"

namespace invplan::network {

struct Transfer {
  std::size_t from = 0, to = 0;  // indices into the stores
  std::int64_t quantity = 0;
};

// `eligible[i]`: store i may send and receive (false for a blocked store).
std::vector<Transfer> PlanTransfers(const std::vector<StoreParams>& stores,
                                    const std::vector<double>& position,
                                    const std::vector<std::int64_t>& movable,
                                    const std::vector<double>& transport_cost,
                                    const std::vector<char>& eligible,
                                    std::int64_t max_units = 1000000);

}  // namespace invplan::network
