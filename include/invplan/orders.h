// invplan/orders.h — one line of the orders artifact (format "invplan.orders",
// invplan/optimize.h), the single definition its writers (`invplan optimize`,
// `invplan network --orders`) and its reader (`invplan report`) share.
//
// JSON: {sku, quantity, cost, value, volume, supplier} and, on lines of a
// network plan, {from, to, kind}: where the units leave (a supplier or a
// location) and arrive, and purchase | shipment | transfer. A writer adds its
// own extra fields beside these (optimize's demand_mean, fill_rate, ...).
#pragma once

#include <string>

#include "invplan/artifact.h"

namespace invplan {

struct OrdersLine {
  std::string sku, supplier;
  double quantity = 0.0, cost = 0.0, value = 0.0, volume = 0.0;
  std::string from, to, kind;  // "" unless the line comes from a network plan
};

// The line as JSON (from/to/kind only when `from` is not empty).
Json OrdersLineJson(const OrdersLine& line);

// The line from JSON: missing numbers are 0, missing texts "". Error(kArtifact)
// for a field of the wrong type.
OrdersLine ReadOrdersLine(const Json& line);

}  // namespace invplan
