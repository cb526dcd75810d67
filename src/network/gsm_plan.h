// Safety-stock placement of one SKU under the guaranteed-service model, from
// tonight's forecast (`invplan network --gsm`).
//
// Each location is a node of network/gsm_tree.h: processing time = its lead
// time, holding cost from the network file, safety factor z = the normal
// quantile of its service level (a store's own from the items master, else the
// plan's; a DC takes the plan's), and as external demand each store's
// per-period standard deviation of its forecast (stores independent). Stores
// quote service time 0 to their customers; a supplier delivers within the
// location's lead time (inbound service time 0). Every location fed by a
// supplier roots its own tree, solved exactly by OptimizeGsmTree. A location's
// base-stock level is mean demand per period x net lead time + safety stock,
// where its mean is its stores' summed first-period means.
#pragma once

#include "invplan/artifact.h"
#include "network/network_file.h"
#include "network/policy.h"

namespace invplan::network {

// {cost, locations: [{location, inbound_service_time, outbound_service_time,
// net_lead_time, safety_stock, base_stock}]} in network order.
Json GsmPlacementJson(const Network& net, const SkuDemand& demand, double service_level);

}  // namespace invplan::network
