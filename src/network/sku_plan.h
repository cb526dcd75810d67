// One SKU of the network stage: its demand moments from the forecast series
// and tonight's lines from its policy and the stock (see invplan/network.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "invplan/forecast_artifact.h"
#include "network/anomaly_actions.h"
#include "network/policy.h"
#include "network/stock_file.h"

namespace invplan::network {

struct Line {
  std::string from, to;
  std::int64_t quantity = 0;
  // Purchases only: the receiving location's (echelon) inventory position
  // before the line and the (echelon) level it orders up to.
  double position = 0.0, level = 0.0;
};

// Store exposure (lead time + 1 period), one period, and each DC's summed
// demand over its lead time (and lead time + 1), all with SumDemand.
// With `keep_days`, each store keeps its forecast's distribution per period
// (StoreDemand::days) for the simulation.
SkuDemand Demand(const Network& net, const ForecastSet& set, const std::string& sku,
                 const std::vector<const SeriesForecast*>& series, bool keep_days = false);

// DC purchase order up to the echelon level, DC->store shipments (split by
// AllocateStock when the DC is short), purchase orders of stores supplied
// directly; whole units, rounded up. `actions` (may be null): a blocked
// location gets and sends nothing for the SKU, a delayed one's on_order is not
// counted (network/anomaly_actions.h). With `transfers`, stores under one DC
// also pass on-hand units to each other where that pays for the transport
// (network/transfers.h), planned on the positions after tonight's shipments.
std::vector<Line> TonightsLines(const Network& net, const SkuDemand& d, const SkuPolicy& pol,
                                const StockMap& stock, const AnomalyActions* actions = nullptr,
                                bool transfers = false);

}  // namespace invplan::network
