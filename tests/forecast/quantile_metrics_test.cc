// Backtest scores of quantile forecasts: scaled pinball loss and one-sided
// coverage, by hand on a tiny example, and their aggregation over SKUs.
#include <gtest/gtest.h>

#include <cmath>

#include "forecast/metrics.h"

namespace invplan::forecast {
namespace {

TEST(QuantileMetrics, PinballLossByHand) {
  EXPECT_DOUBLE_EQ(PinballLoss(5.0, 4.0, 0.9), 0.9);
  EXPECT_NEAR(PinballLoss(2.0, 3.0, 0.9), 0.1, 1e-15);
  EXPECT_DOUBLE_EQ(PinballLoss(3.0, 3.0, 0.5), 0.0);
  // History 1, 3, 2, 4: naive scale mean|Δ| = 5/3, mean Δ² = 3.
  const std::vector<double> history{1, 3, 2, 4}, actual{2, 5}, mean{2.5, 4.5};
  QuantileForecast q;
  q.levels = {0.5, 0.9};
  q.values = {{2.0, 4.0}, {3.0, 4.0}};
  const Accuracy a = Evaluate(history, 1, actual, mean, {}, {}, q);
  // q0.5: losses 0 and 0.5 → mean 0.25 / (5/3); q0.9: 0.1 and 0.9 → 0.5 / (5/3).
  EXPECT_NEAR(a.pinball[0], 0.15, 1e-12);
  EXPECT_NEAR(a.pinball[1], 0.3, 1e-12);
  EXPECT_DOUBLE_EQ(a.below[0], 0.5);  // 2 <= 2, 5 > 4
  EXPECT_DOUBLE_EQ(a.below[1], 0.5);  // 2 <= 3, 5 > 4
  EXPECT_NEAR(a.rmsse, std::sqrt(0.25 / 3.0), 1e-12);
  EXPECT_NEAR(a.mase, 0.5 / (5.0 / 3.0), 1e-12);
  const Json j = AccuracyToJson(a, {}, q.levels);
  EXPECT_NEAR(j["pinball_q0.9"].get<double>(), 0.3, 1e-12);
  EXPECT_DOUBLE_EQ(j["coverage_q0.5"].get<double>(), 0.5);
  EXPECT_TRUE(j["rmsse"].is_number());
}

TEST(QuantileMetrics, ConstantHistoryHasNoScale) {
  QuantileForecast q{{0.9}, {{1.0}}};
  const Accuracy a = Evaluate({2, 2, 2}, 1, {3}, {2}, {}, {}, q);
  EXPECT_TRUE(std::isnan(a.pinball[0]));
  EXPECT_TRUE(std::isnan(a.rmsse));
  EXPECT_DOUBLE_EQ(a.below[0], 0.0);
  EXPECT_TRUE(AccuracyToJson(a, {}, {0.9})["pinball_q0.9"].is_null());
}

TEST(QuantileMetrics, SummaryAveragesLossesAndPoolsCoverage) {
  AccuracySummary sum(0, 1);
  Accuracy a, b;
  a.points = 1;
  a.pinball = {0.2};
  a.below = {1.0};
  a.mase = a.rmsse = 1.0;
  b.points = 3;
  b.pinball = {NAN};
  b.below = {1.0 / 3.0};
  b.mase = b.rmsse = 2.0;
  sum.Add(a);
  sum.Add(b);
  const Accuracy m = sum.Mean();
  EXPECT_DOUBLE_EQ(m.pinball[0], 0.2);  // over the SKUs where defined
  EXPECT_DOUBLE_EQ(m.below[0], 0.5);    // 2 of 4 points
  EXPECT_DOUBLE_EQ(m.rmsse, 1.5);
}

}  // namespace
}  // namespace invplan::forecast
