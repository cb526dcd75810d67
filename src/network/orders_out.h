// The network plan's lines as an orders artifact (format "invplan.orders",
// mode "network"): the report and anything else that reads optimize's output
// read them, each line with from, to and kind (invplan/orders.h).
//
// Per line: supplier = the purchase's supplier (the item's, else the buying
// location's parent), "" for shipments and transfers; cost = quantity x
// unit_cost for purchases (items master; 0 without), 0 for internal moves;
// volume = quantity x the item's volume; value 0 (the network plan prices
// levels, not lines). Top level: mode, status and reason (the purchase
// constraints' selection, "optimal" without constraints), objective, budget,
// budget_used, suppliers [{supplier, spend, min_value?, skus}], notes, lines,
// and with constraints not_ordered and binding.
#pragma once

#include <string>
#include <vector>

#include "common/items.h"
#include "invplan/artifact.h"
#include "network/network_file.h"
#include "network/sku_plan.h"

namespace invplan::network {

Json OrdersFromPlan(const RunInfo& run, const Network& net, const std::vector<std::string>& skus,
                    const std::vector<std::vector<Line>>& lines, const ItemsMaster& items,
                    const Json& constraints);

}  // namespace invplan::network
