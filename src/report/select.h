// Which SKUs get a section of their own: the ordered SKUs (largest spend
// first), those with anomalies (most first) and those with the worst backtests
// (highest MASE ratio to seasonal naive first), taken from the three lists in
// turn until `max_skus`. Ties break on the key, so the choice is deterministic.
// When none of the three applies (a forecast alone), the first SKUs by key.
#pragma once

#include <string>
#include <vector>

#include "report/data.h"

namespace invplan::report {

struct SkuPick {
  std::size_t series = 0;            // index into ReportData::series
  std::vector<std::string> reasons;  // "ordered", "anomalies", "backtest"
};

// The picks, sorted by key.
std::vector<SkuPick> SelectSkus(const ReportData& d, int max_skus);

}  // namespace invplan::report
