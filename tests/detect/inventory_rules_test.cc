// The inventory features on a hand-made panel and the type rules.
#include <gtest/gtest.h>

#include <cmath>

#include "detect/inventory_features.h"

namespace invplan::detect {
namespace {

Panel OneSku(std::vector<double> q, std::vector<double> on_hand) {
  Panel p;
  p.frequency = Frequency::kDay;
  p.extra_names = {"on_hand"};
  Series s;
  s.sku = "A";
  s.start = DaysFromCivil(2024, 1, 1);
  s.quantity = std::move(q);
  s.extras = {std::move(on_hand)};
  s.source_line.assign(s.quantity.size(), 7);
  p.series.push_back(std::move(s));
  return p;
}

TEST(InventoryFeatures, BaselineAndTypes) {
  std::vector<double> q(70, 20.0), oh(70, 100.0);
  q[30] = 90;    // spike: 4.5x
  q[40] = 5000;  // data error: 250x
  q[50] = 0;     // stock-out: no sales, no stock
  oh[50] = 0;
  q[60] = 3;     // drop with stock on hand
  oh[65] = -20;  // negative stock
  Panel p = OneSku(q, oh);
  InventoryTable t = BuildInventoryFeatures(p, 0, nullptr);
  ASSERT_EQ(t.features, (std::vector<std::string>{"quantity", "deviation", "log2_ratio", "change",
                                                  "season_position", "on_hand"}));
  ASSERT_EQ(t.x.rows, 70u);
  // The baseline of a constant series ignores its own outliers.
  EXPECT_DOUBLE_EQ(t.expected.row(30)[0], 20.0);
  EXPECT_DOUBLE_EQ(t.expected.row(40)[0], 20.0);
  // 2024-01-01 was a Monday.
  EXPECT_EQ(t.x.row(0)[4], 0.0);
  EXPECT_EQ(t.x.row(6)[4], 6.0);
  // The day after the data error does not inherit a huge change.
  EXPECT_LT(std::fabs(t.x.row(41)[3]), 10.0);
  const std::vector<double> quantity_driven = {0.4, 0.3, 0.2, 0.1, 0, 0};
  EXPECT_EQ(InventoryType(t, 30, quantity_driven), "demand_spike");
  EXPECT_EQ(InventoryType(t, 40, quantity_driven), "data_error");
  EXPECT_EQ(InventoryType(t, 50, quantity_driven), "stockout");
  EXPECT_EQ(InventoryType(t, 60, quantity_driven), "demand_drop");
  EXPECT_EQ(InventoryType(t, 65, quantity_driven), "negative_stock");
  // Isolated by its weekday alone: nothing to name.
  EXPECT_EQ(InventoryType(t, 61, {0, 0, 0, 0, 1, 0}), "other");
}

TEST(InventoryFeatures, IntermittentDemandIsMeasuredInDemandSizes) {
  std::vector<double> q(100, 0.0), oh(100, 10.0);
  for (int i = 0; i < 100; i += 5) q[i] = 4 + i % 3;
  q[52] = 60;
  Panel p = OneSku(q, oh);
  InventoryTable t = BuildInventoryFeatures(p, 0, nullptr);
  // An ordinary demand of a slow mover is a small deviation, the big one is not.
  EXPECT_LT(t.x.row(50)[1], 2.0);
  EXPECT_GT(t.x.row(52)[1], 6.0);
}

TEST(InventoryFeatures, ForecastReplacesTheBaseline) {
  std::vector<double> q(40, 10.0), oh(40, 50.0);
  Panel p = OneSku(q, oh);
  ForecastSet f;
  f.levels = {80.0, 95.0};
  SeriesForecast s;
  s.sku = "A";
  for (int k = 35; k < 40; ++k) {
    ForecastPoint pt;
    pt.period = p.series[0].start + k;
    pt.mean = 30.0;
    pt.lo = {15.0, 0.0};
    pt.hi = {45.0, 60.0};
    s.points.push_back(pt);
  }
  f.series.push_back(s);
  InventoryTable t = BuildInventoryFeatures(p, 0, &f);
  EXPECT_EQ(t.forecast_periods, 5u);
  EXPECT_DOUBLE_EQ(t.expected.row(36)[0], 30.0);
  EXPECT_DOUBLE_EQ(t.expected.row(20)[0], 10.0);
  // Scale from the widest (95%) interval: (60 - 0) / (2 * 1.96) = 15.3.
  EXPECT_NEAR(t.x.row(36)[1], -20.0 / (60.0 / (2 * 1.959964)), 1e-3);
}

TEST(TwoSidedNormalQuantile, KnownValues) {
  EXPECT_NEAR(TwoSidedNormalQuantile(95), 1.959964, 1e-6);
  EXPECT_NEAR(TwoSidedNormalQuantile(80), 1.281552, 1e-6);
  EXPECT_NEAR(TwoSidedNormalQuantile(99), 2.575829, 1e-6);
}

}  // namespace
}  // namespace invplan::detect
