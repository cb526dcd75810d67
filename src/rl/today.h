// Tonight's decision for one SKU: the value of every order quantity from the
// state it is in, relative to ordering nothing, under the policy chosen for it.
//
//  * Exact optimum: value(q) = E[r(s,q,D) + h(next)] - E[r(s,0,D) + h(next_0)]
//    with the relative values h of relative value iteration: exact.
//  * Any other policy: the same difference estimated by simulation: order q
//    tonight, then follow the policy for a horizon long enough for the paths to
//    meet again (8 lead times + 32 periods), with common random numbers over 256
//    demand paths; what is still in stock or on order at the end is valued at
//    the unit cost.
// The recommended order is the candidate of highest value (the smaller on
// ties): for the exact optimum the optimal order; for another policy one step of
// policy improvement over it, which is never worse in expectation. The table's
// own order is recorded as `policy_order`.
#pragma once

#include <cstdint>

#include "invplan/artifact.h"
#include "rl/policy_method.h"
#include "rl/stock.h"

namespace invplan::rl {

// {as_of, stock: {source, on_hand, open_orders}, state: {on_hand, pipeline,
// position}, notes, policy_order, recommended, candidates: [{quantity, value}]}
// with quantities in units. Deterministic for a seed.
Json Today(const SolvedPolicy& policy, const StockPosition& stock, const std::string& as_of,
           std::uint64_t seed);

}  // namespace invplan::rl
