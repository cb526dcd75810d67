// The stock file of `invplan network` (--stock): on-hand and on-order units per
// SKU and location. Columns sku, location, on_hand (required) and on_order
// (optional), numbers >= 0; a location must be in the network; a (sku,
// location) pair at most once. Errors are Error(kBadInput) naming file:line.
#pragma once

#include <string>
#include <unordered_map>

#include "invplan/artifact.h"
#include "network/network_file.h"

namespace invplan::network {

struct Stock {
  double on_hand = 0.0, on_order = 0.0;
};

// Keyed by sku + '\x1f' + location.
using StockMap = std::unordered_map<std::string, Stock>;

inline std::string StockKey(const std::string& sku, const std::string& location) {
  return sku + '\x1f' + location;
}

StockMap ReadStock(const std::string& path, const Network& net, InputInfo* info = nullptr);

}  // namespace invplan::network
