// The items master (common/items.h) applied to the network, one SKU at a time.
//
// Which values come from where, for SKU s at location L:
//   lead_time, holding_cost  the row (s, L) when it gives them, else the
//                            network file's row of L (a location property: the
//                            SKU's default row does not override it);
//   service_level            the row (s, L), else s's default row, else
//                            --service-level (it sets the store's stockout cost);
//   pack_size, moq           the row (s, L), else s's default row (pack 1, no
//                            minimum): they round the purchase orders of L;
//   unit_cost, volume,       the row (s, L), else s's default row (0 / none):
//   supplier                 budget, capacity and supplier minimums.
// A location row naming a location the network does not have is
// Error(kBadInput) naming items.csv:line.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/items.h"
#include "network/network_file.h"

namespace invplan::network {

// Throws Error(kBadInput) for a location row whose location is not in `net`
// or whose lead_time is not a whole number of periods up to 3650.
void CheckItemLocations(const Network& net, const ItemsMaster& items, const std::string& path);

// `net` with SKU `sku`'s location rows applied (lead_time, holding_cost,
// service_level); null when the SKU has no location row changing them (use
// `net` itself). A copy per SKU with such rows: memory grows with their number.
std::unique_ptr<Network> NetworkForSku(const Network& net, const ItemsMaster& items,
                                       const std::string& sku);

// The SKU's target service: its default row's service_level, else `plan_service`.
double SkuService(const ItemsMaster& items, const std::string& sku, double plan_service);

// The whole units a purchase of `need` units becomes under the item's moq and
// pack size: 0 stays 0; else max(need, moq) rounded up to whole packs.
std::int64_t RoundPurchase(std::int64_t need, const Item* item);

}  // namespace invplan::network
