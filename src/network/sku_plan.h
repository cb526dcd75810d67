// One SKU of the network stage: its demand moments from the forecast series
// and tonight's lines from its policy and the stock (see invplan/network.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "invplan/forecast_artifact.h"
#include "network/policy.h"
#include "network/stock_file.h"

namespace invplan::network {

struct Line {
  std::string from, to;
  std::int64_t quantity = 0;
};

// Store exposure (lead time + 1 period), one period, and each DC's summed
// demand over its lead time (and lead time + 1), all with SumDemand.
SkuDemand Demand(const Network& net, const ForecastSet& set, const std::string& sku,
                 const std::vector<const SeriesForecast*>& series);

// DC purchase order up to the echelon level, DC->store shipments (split by
// AllocateStock when the DC is short), purchase orders of stores supplied
// directly; whole units, rounded up.
std::vector<Line> TonightsLines(const Network& net, const SkuDemand& d, const SkuPolicy& pol,
                                const StockMap& stock);

}  // namespace invplan::network
