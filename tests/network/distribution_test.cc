// The DC + stores decomposition and the exact split of short DC stock.
#include "network/distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "common/random.h"
#include "network/serial_ssm.h"

namespace invplan::network {
namespace {

double Objective(const std::vector<StoreParams>& s, const std::vector<double>& pos,
                 const std::vector<std::int64_t>& q) {
  double v = 0.0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    v += StoreCost(s[i], pos[i]) - StoreCost(s[i], pos[i] + static_cast<double>(q[i]));
  }
  return v;
}

TEST(Allocation, GreedyEqualsBruteForceOnSmallInstances) {
  Rng rng(5);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 2 + static_cast<int>(rng.Below(3));
    std::vector<StoreParams> stores(n);
    std::vector<double> pos(n);
    std::vector<std::int64_t> need(n);
    for (int i = 0; i < n; ++i) {
      stores[i] = {rng.Uniform(1.0, 8.0), rng.Uniform(0.5, 3.0), rng.Uniform(0.1, 1.0),
                   rng.Uniform(0.5, 9.0)};
      pos[i] = std::floor(rng.Uniform(-2.0, 5.0));
      need[i] = static_cast<std::int64_t>(rng.Below(6));
    }
    const auto available = static_cast<std::int64_t>(rng.Below(12));
    const std::vector<std::int64_t> q = AllocateStock(stores, pos, need, available);
    std::int64_t used = 0;
    for (int i = 0; i < n; ++i) {
      EXPECT_GE(q[i], 0);
      EXPECT_LE(q[i], need[i]);
      used += q[i];
    }
    EXPECT_LE(used, available);
    // Every split within the limits.
    double best = -1e300;
    std::vector<std::int64_t> cur(n, 0);
    std::function<void(int, std::int64_t)> rec = [&](int i, std::int64_t left) {
      if (i == n) {
        best = std::max(best, Objective(stores, pos, cur));
        return;
      }
      for (std::int64_t k = 0; k <= std::min(need[i], left); ++k) {
        cur[i] = k;
        rec(i + 1, left - k);
      }
      cur[i] = 0;
    };
    rec(0, available);
    EXPECT_NEAR(Objective(stores, pos, q), best, 1e-9) << "trial " << trial;
  }
}

TEST(Allocation, BulkThresholdPathEqualsUnitByUnit) {
  Rng rng(11);
  for (int trial = 0; trial < 50; ++trial) {
    const int n = 2 + static_cast<int>(rng.Below(20));
    std::vector<StoreParams> stores(n);
    std::vector<double> pos(n);
    std::vector<std::int64_t> need(n);
    std::int64_t total = 0;
    for (int i = 0; i < n; ++i) {
      const double mean = rng.Uniform(10.0, 500.0);
      stores[i] = {mean, mean * rng.Uniform(0.1, 0.6), rng.Uniform(0.1, 1.0),
                   rng.Uniform(0.5, 9.0)};
      pos[i] = std::floor(rng.Uniform(-20.0, 50.0));
      need[i] = static_cast<std::int64_t>(rng.Below(800));
      total += need[i];
    }
    const auto available =
        static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(total) + 1));
    const auto unit = AllocateStock(stores, pos, need, available);
    const auto bulk = AllocateStock(stores, pos, need, available, 0);
    EXPECT_NEAR(Objective(stores, pos, bulk), Objective(stores, pos, unit), 1e-7) << trial;
    std::int64_t used = 0;
    for (int i = 0; i < n; ++i) {
      EXPECT_LE(bulk[i], need[i]);
      used += bulk[i];
    }
    EXPECT_LE(used, available);
  }
}

TEST(Allocation, HugeQuantitiesDoNotTakeUnitByUnitTime) {
  std::vector<StoreParams> stores = {{1e12, 1e11, 0.1, 5.0}, {2e12, 2e11, 0.1, 5.0}};
  const auto q = AllocateStock(stores, {0.0, 0.0}, {2000000000000, 3000000000000}, 1000000000000);
  EXPECT_EQ(q[0] + q[1], 1000000000000);
  EXPECT_GT(q[0], 0);
  EXPECT_GT(q[1], 0);
}

TEST(Allocation, ShipsEverythingNeededWhenGainsArePositive) {
  std::vector<StoreParams> stores = {{10.0, 3.0, 0.1, 5.0}, {20.0, 4.0, 0.1, 5.0}};
  const auto q = AllocateStock(stores, {0.0, 0.0}, {3, 4}, 100);
  EXPECT_EQ(q, (std::vector<std::int64_t>{3, 4}));
}

TEST(Distribution, OneStoreIsTheTwoStageSerialSystem) {
  const StoreParams store{50.0, 10.0, 1.0, 19.0};
  const DcParams dc{100.0, 14.0, 0.4};
  const DistributionPolicy d = PlanDistribution(dc, {store});
  const SerialSolution s = OptimizeSerial({{0.6, 50.0, 10.0}, {0.4, 100.0, 14.0}}, 19.0);
  EXPECT_NEAR(d.store_base_stock[0], s.echelon_base_stock[0], 1e-9);
  EXPECT_NEAR(d.dc_echelon_base_stock, s.echelon_base_stock[1], 1e-9);
  EXPECT_NEAR(d.dc_base_stock, s.echelon_base_stock[1] - s.echelon_base_stock[0], 1e-9);
}

TEST(Distribution, StoresShareOneScoreAndTheDcCoversThem) {
  std::vector<StoreParams> stores = {
      {10.0, 3.0, 0.05, 0.95}, {20.0, 5.0, 0.05, 0.95}, {5.0, 2.0, 0.05, 0.95}};
  const DcParams dc{245.0, 11.0, 0.02};
  const DistributionPolicy d = PlanDistribution(dc, stores);
  double sum = 0.0;
  for (std::size_t i = 0; i < stores.size(); ++i) {
    EXPECT_NEAR((d.store_base_stock[i] - stores[i].mean) / stores[i].sd, d.store_score, 1e-9);
    sum += d.store_base_stock[i];
  }
  EXPECT_GT(d.store_score, 0.0);
  EXPECT_GE(d.dc_echelon_base_stock, sum);
  EXPECT_NEAR(d.dc_base_stock, d.dc_echelon_base_stock - sum, 1e-9);
}

}  // namespace
}  // namespace invplan::network
