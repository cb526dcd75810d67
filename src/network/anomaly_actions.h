// Anomalies acted on by `invplan network --anomalies FILE` (an invplan.anomalies
// artifact of `invplan detect` in inventory mode, run on data with a location
// column). Only records flagged as anomalies, of two types, dated within the
// last `days` days up to the forecasts' latest history day, act:
//  * data_error: the stock figures of that SKU at that location cannot be
//    trusted, so nothing is ordered or shipped there tonight for the SKU (at a
//    DC: neither its purchase order nor its shipments to the stores). A wrong
//    order is never placed silently: the plan lists the block with its reason.
//  * supply_delay: receipts there fell short of what was expected, so the open
//    orders will arrive later than their lead time: tonight's plan does not
//    count that location's on_order in its inventory position (the stores it
//    feeds are re-planned with that position), and says so.
// A record without a location acts at every location of its SKU.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "invplan/artifact.h"
#include "network/network_file.h"

namespace invplan::network {

struct AnomalyAction {
  std::string sku, location, type, date, note;
  bool block = false;          // data_error
  bool skip_on_order = false;  // supply_delay
};

struct AnomalyActions {
  std::vector<AnomalyAction> actions;  // in file order
  // By sku + '\x1f' + location (StockKey), every location the records reach.
  std::unordered_map<std::string, std::vector<std::size_t>> by_key;
  std::uint64_t ignored_old = 0, ignored_unknown = 0;

  bool Blocked(const std::string& sku, const std::string& location) const;
  bool SkipOnOrder(const std::string& sku, const std::string& location) const;
};

// Reads the artifact; `last_day` is the latest history day of the forecasts
// (days since 1970-01-01) and `days` the window. Records at locations that are
// not in `net` are counted as unknown. Error(kArtifact) for a malformed
// artifact, Error(kBadInput) when it cannot be read.
AnomalyActions ReadAnomalyActions(const std::string& path, const Network& net,
                                  std::int64_t last_day, int days, InputInfo* info);

// The actions as written into the plan: [{sku, location, type, date, effect, note}].
Json ActionsJson(const AnomalyActions& a);

}  // namespace invplan::network
