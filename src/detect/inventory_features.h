// Inventory mode: per SKU x period features derived from the cleaned panel, and
// the rules that give a flagged record its type.
//
// Baseline b_t (the "expected" quantity): a trimmed mean (middle half) of the
// quantities at the same position in the season in the 4 seasons before and
// after t (daily data: the same weekday in the 4 weeks either side), t itself
// excluded; for seasons longer than 7 periods (or when fewer than 3 such
// neighbours exist) the 4 periods either side are used instead. Promotions and
// holidays (extra columns named "promo"/"holiday") are taken out first: each has
// a multiplicative effect (mean quantity with / without, clamped to [0.1, 10]),
// neighbours are divided by their effect and the baseline multiplied by t's.
// With a forecast artifact, the periods it covers use the mean of their demand
// distribution (common/forecast_distribution.h, ForecastBaselineOf) as b_t and
// its standard deviation for the scale. Scale: s_t = max(1.4826 MAD(q - b),
// sqrt(max(b_t, 1))), and at least the mean demand size u (mean of the positive
// quantities) for intermittent SKUs (over 30% periods without demand).
//
// Features (column order; the later ones only when the panel has the column):
//   quantity         q_t / u                 shown: q_t, expected: b_t
//   deviation        (q_t - b_t) / s_t       expected 0
//   log2_ratio       log2((q_t+1)/(b_t+1))   expected 0 (order-of-magnitude jumps;
//                    an intermittent demand is compared with max(b_t, u))
//   change           (q_t - p) / s_t         p = q_{t-1} held within b_{t-1} +- 4 s_{t-1};
//                    shown: q_t - p, expected b_t - b_{t-1}
//   season_position  t's position in the season (daily: weekday, Monday = 0)
//   on_hand          on_hand / u             shown: on_hand, expected: the SKU's median
//   receipts         receipts / u            (column "receipts" without "expected_receipts")
//   receipt_gap      (expected_receipts - receipts) / u  shown: receipts,
//                    expected: expected_receipts (both columns present)
//   price            log2(price / reference) the reference is the SKU's median price
//                    over periods with the same promo status; a price <= 0 is -10
// A missing extra value takes the SKU's median.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "detect/iforest.h"
#include "invplan/forecast_artifact.h"
#include "invplan/panel.h"

namespace invplan::detect {

struct InventoryTable {
  std::vector<std::string> features;
  Matrix x;                           // model inputs
  Matrix shown, expected;             // what explanations report (NaN: nothing to show)
  std::vector<std::uint32_t> series;  // panel series of each row
  std::vector<std::int64_t> period;
  std::vector<std::uint32_t> line;  // source line, 0 for a filled period
  std::vector<char> closed;         // 1: a closed period (missing, `closed` column), not scored
  std::uint64_t forecast_periods = 0;
  int season = 7;
};

// Rows in panel order: series by series (sorted by SKU), periods ascending.
// `season` 0: from the frequency. `forecast` may be null.
InventoryTable BuildInventoryFeatures(const Panel& panel, int season, const ForecastSet* forecast);

// The row in planner units: "sold 0, expected about 37", then ", on hand 12"
// when the panel has on_hand, and "; no sales record for the period" for a
// filled period.
std::string InventoryNote(const InventoryTable& table, std::size_t row);

// The type of a flagged row, by the first rule that applies:
//   negative_stock  on_hand < 0
//   data_error      quantity < 0, (q+1)/(b+1) >= 30 (an order-of-magnitude
//                   jump: unit or keying errors), price <= 0, or price at least 5x
//                   or at most 1/5 of the reference price
//   supply_delay    receipts below half of expected_receipts (> 0)
//   data_error      no input row for the period (a filled gap) while b >= 3
//   stockout        q < b and on_hand <= 0; without on_hand: q = 0 and b >= 3
//   demand_spike / demand_drop  q above / below b, when the quantity features
//                   (quantity, deviation, log2_ratio, change) carry at least a
//                   third of the isolation
//   other           otherwise
std::string InventoryType(const InventoryTable& table, std::size_t row,
                          const std::vector<double>& shares);

// What a forecast period gives the baseline: b_t = the mean of its demand
// distribution (common/forecast_distribution.h) and its standard deviation.
struct ForecastBaseline {
  double mean = 0.0, sd = 0.0;
};
ForecastBaseline ForecastBaselineOf(const ForecastPoint& point, const ForecastSet& set);

// z such that P(|Z| <= z) = level/100 for a standard normal Z.
double TwoSidedNormalQuantile(double level_percent);

}  // namespace invplan::detect
