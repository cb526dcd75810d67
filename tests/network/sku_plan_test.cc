// The per-SKU demand moments equal those of SumDemand over the same periods.
#include "network/sku_plan.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/forecast_distribution.h"

namespace invplan::network {
namespace {

TEST(SkuDemand, MomentsAreSumDemandsOverTheSamePeriods) {
  Network net;
  net.path = "n.csv";
  net.locations.push_back({"DC", "ACME", 3, 0.02, -1.0, 0.0, 0, -1, {1, 2}, 0, 0.0});
  net.locations.push_back({"S1", "DC", 1, 0.05, -1.0, 0.0, 0, 0, {}, 1, 0.0});
  net.locations.push_back({"S2", "DC", 4, 0.05, -1.0, 0.0, 0, 0, {}, 1, 0.0});
  for (int i = 0; i < 3; ++i) net.index[net.locations[i].name] = i;
  ForecastSet set;
  set.levels = {80.0};
  std::vector<SeriesForecast> series(2);
  for (int k = 0; k < 2; ++k) {
    series[k].sku = "A";
    series[k].location = k == 0 ? "S1" : "S2";
    // Three points (S2's exposure of 5 repeats the last), mixed families.
    for (int t = 0; t < 3; ++t) {
      ForecastPoint p;
      p.period = t;
      p.mean = 4.0 + t + 3 * k;
      if (k == 0) {
        p.distribution.family = DistributionFamily::kNegBin;
        p.distribution.mu = p.mean;
        p.distribution.size = 2.0;
      } else {
        p.lo = {p.mean - 3.0};
        p.hi = {p.mean + 4.0};
      }
      series[k].points.push_back(p);
    }
  }
  const SkuDemand d = Demand(net, set, "A", {&series[0], &series[1]});
  ASSERT_EQ(d.stores.size(), 2u);
  ASSERT_EQ(d.dcs.size(), 1u);
  std::vector<WeightedDemand> dc, dc_review;
  for (int k = 0; k < 2; ++k) {
    std::vector<WeightedDemand> parts;
    AppendPeriods(series[k], set, net.locations[k + 1].lead_time + 1.0, &parts);
    const DemandDistribution sum = SumDemand(parts);
    EXPECT_NEAR(d.stores[k].mean, sum.mean(), 1e-9);
    EXPECT_NEAR(d.stores[k].sd, std::sqrt(sum.variance()), 1e-9);
    const DemandDistribution one = PointDemand(series[k].points[0], set);
    EXPECT_NEAR(d.stores[k].day_mean, one.mean(), 1e-12);
    AppendPeriods(series[k], set, 3.0, &dc);
    AppendPeriods(series[k], set, 4.0, &dc_review);
  }
  EXPECT_NEAR(d.dcs[0].mean, SumDemand(dc).mean(), 1e-9);
  EXPECT_NEAR(d.dcs[0].sd, std::sqrt(SumDemand(dc).variance()), 1e-9);
  EXPECT_NEAR(d.dcs[0].mean_review, SumDemand(dc_review).mean(), 1e-9);
  EXPECT_NEAR(d.dcs[0].sd_review, std::sqrt(SumDemand(dc_review).variance()), 1e-9);
}

}  // namespace
}  // namespace invplan::network
