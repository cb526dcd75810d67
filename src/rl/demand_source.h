// Where train-rl and simulate get demand from: a spec on the command line
// ("poisson:5", "negbin:5,12", "empirical:sales.csv"), a forecast artifact, and
// the items master that gives each SKU its costs and ordering constraints.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/items.h"
#include "common/normal.h"
#include "invplan/forecast_artifact.h"
#include "invplan/rl.h"
#include "rl/demand.h"

namespace invplan::rl {

// A demand spec (not a forecast). Throws Error(kUsage) for an unknown or
// malformed spec, Error(kBadInput) for unusable empirical data.
Demand DemandFromSpec(const DemandOptions& o, int threads, RunInfo* run);

struct SkuDemand {
  std::string sku;
  std::string location;  // the forecast series' location ("" without one)
  Demand demand;
  std::int64_t first_period = 0;  // the first forecast period ("today")
  Frequency frequency = Frequency::kDay;
};

// The demand of one forecast period: the whole-unit table of its distribution
// as common/forecast_distribution.h reads it.
Demand ForecastPeriodDemand(const ForecastPoint& point, const ForecastSet& set);

// One demand per forecast series (only `sku` if not empty): each period of the
// horizon is ForecastPeriodDemand; a stationary policy faces the equal mixture
// of the horizon's periods.
std::vector<SkuDemand> DemandsFromForecast(const std::string& path, const std::string& sku,
                                           RunInfo* run);

// The items master (common/items.h) by SKU; no column but sku is required.
std::map<std::string, Item> ReadItemsBySku(const std::string& path, RunInfo* run);

// `base` with the item's fields applied, except those in `given`.
EnvironmentOptions ApplyItem(const EnvironmentOptions& base, const std::set<std::string>& given,
                             const Item& item);

using invplan::NormalQuantile;  // common/normal.h

}  // namespace invplan::rl
