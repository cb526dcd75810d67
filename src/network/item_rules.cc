#include "network/item_rules.h"

#include <cmath>

#include "common/file_io.h"
#include "invplan/error.h"

namespace invplan::network {

void CheckItemLocations(const Network& net, const ItemsMaster& items, const std::string& path) {
  for (const auto& [key, row] : items.location_rows) {
    if (net.index.count(key.second) == 0) {
      throw InputError(DisplayName(path) + ":" + std::to_string(row.line) +
                       ": column 'location': '" + key.second + "' (SKU '" + key.first +
                       "') is not a location of " + DisplayName(net.path));
    }
    // The network reader's bounds: whole periods up to 3650.
    if (Item::Given(row.lead_time) &&
        (row.lead_time != std::floor(row.lead_time) || row.lead_time > 3650)) {
      throw InputError(DisplayName(path) + ":" + std::to_string(row.line) +
                       ": column 'lead_time': expected a whole number between 0 and 3650, got " +
                       FormatDouble(row.lead_time));
    }
  }
}

std::unique_ptr<Network> NetworkForSku(const Network& net, const ItemsMaster& items,
                                       const std::string& sku) {
  std::unique_ptr<Network> out;
  auto own = [&]() -> Network& {
    if (!out) out = std::make_unique<Network>(net);
    return *out;
  };
  // The SKU's location rows are consecutive in the (sku, location) order.
  for (auto it = items.location_rows.lower_bound({sku, std::string()});
       it != items.location_rows.end() && it->first.first == sku; ++it) {
    const Item& row = it->second;
    const auto at = net.index.find(row.location);
    if (at == net.index.end()) continue;  // CheckItemLocations reports it
    const bool changes = Item::Given(row.lead_time) || Item::Given(row.holding_cost) ||
                         Item::Given(row.service_level);
    if (!changes) continue;
    Location& l = own().locations[static_cast<std::size_t>(at->second)];
    if (Item::Given(row.lead_time)) {
      l.lead_time = static_cast<int>(row.lead_time);
    }
    if (Item::Given(row.holding_cost)) l.holding_cost = row.holding_cost;
    if (Item::Given(row.service_level)) l.service_level = row.service_level;
  }
  return out;
}

double SkuService(const ItemsMaster& items, const std::string& sku, double plan_service) {
  const Item* dflt = items.Find(sku, "");
  return dflt != nullptr && Item::Given(dflt->service_level) ? dflt->service_level : plan_service;
}

std::int64_t RoundPurchase(std::int64_t need, const Item* item) {
  if (need <= 0 || item == nullptr) return need;
  double q = std::max(static_cast<double>(need), Item::Or(item->moq, 0.0));
  const double pack = Item::Or(item->pack_size, 1.0);
  q = std::ceil(q / pack - 1e-9) * pack;
  return static_cast<std::int64_t>(std::ceil(q - 1e-9));
}

}  // namespace invplan::network
