// Chen–Zheng's exact algorithm for serial systems against the published
// examples of Snyder & Shen ch. 6 (the instances as stockpyl ships them).
#include "network/serial_ssm.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/normal.h"
#include "invplan/error.h"

namespace invplan::network {
namespace {

// Example 6.1: three stages, demand N(5, 1) per period, lead times (stage 1..3)
// 1, 1, 2, echelon holding costs 3, 2, 2, stockout cost 37.12.
std::vector<SerialStage> Example61() {
  return {{3.0, 5.0, 1.0}, {2.0, 5.0, 1.0}, {2.0, 10.0, std::sqrt(2.0)}};
}

TEST(SerialSsm, Example61StageOneIsTheNewsvendorFractile) {
  const SerialSolution s = OptimizeSerial(Example61(), 37.12);
  // g_1 is a newsvendor: S*_1 = 5 + Phi^-1(1 - h_1 / (p + h'_1)), h'_1 = 7.
  EXPECT_NEAR(s.echelon_base_stock[0], 5.0 + NormalQuantile(1.0 - 3.0 / 44.12), 1e-6);
}

TEST(SerialSsm, Example61MatchesThePublishedOptimum) {
  const SerialSolution s = OptimizeSerial(Example61(), 37.12);
  ASSERT_EQ(s.echelon_base_stock.size(), 3u);
  // Published (Snyder & Shen Example 6.1, stockpyl's simulation tutorial):
  // S* = (6.49, 12.02, 22.71), expected cost 47.65, given to two decimals and
  // computed on a grid. Ours: (6.4909, 12.0176, 22.7055), 47.6601; a Monte Carlo
  // run of the same recursion (2e7 draws) gives 47.6646 +- 0.0036 at our levels.
  EXPECT_NEAR(s.echelon_base_stock[0], 6.49, 0.005);
  EXPECT_NEAR(s.echelon_base_stock[1], 12.02, 0.005);
  EXPECT_NEAR(s.echelon_base_stock[2], 22.71, 0.005);
  EXPECT_NEAR(s.expected_cost, 47.65, 0.015);
}

TEST(SerialSsm, Example61IsConvergedTo1e6) {
  const SerialSolution a = OptimizeSerial(Example61(), 37.12, SerialDemand::kNormal, 1);
  const SerialSolution b = OptimizeSerial(Example61(), 37.12, SerialDemand::kNormal, 2);
  for (int j = 0; j < 3; ++j) {
    EXPECT_NEAR(a.echelon_base_stock[j], b.echelon_base_stock[j], 1e-6) << j;
  }
  EXPECT_NEAR(a.expected_cost, b.expected_cost, 1e-8);
}

TEST(SerialSsm, Example61PoissonMatchesThePublishedLevels) {
  // Example 6.1 with Poisson(5) demand per period (stockpyl's test instance):
  // S* = (9, 15, 26).
  std::vector<SerialStage> st = {{3.0, 5.0, 0.0}, {2.0, 5.0, 0.0}, {2.0, 10.0, 0.0}};
  const SerialSolution s = OptimizeSerial(st, 37.12, SerialDemand::kPoisson);
  EXPECT_EQ(s.echelon_base_stock[0], 9.0);
  EXPECT_EQ(s.echelon_base_stock[1], 15.0);
  EXPECT_EQ(s.echelon_base_stock[2], 26.0);
  // stockpyl's 72.0435 truncates the demand tails; ours sums them to 1e-16.
  EXPECT_NEAR(s.expected_cost, 72.0435433050749, 0.005);
}

TEST(SerialSsm, SingleStageIsTheNewsvendor) {
  const SerialSolution s = OptimizeSerial({{1.0, 100.0, 20.0}}, 9.0);
  EXPECT_NEAR(s.echelon_base_stock[0], 100.0 + 20.0 * NormalQuantile(0.9), 1e-6);
}

TEST(SerialSsm, RejectsNegativeParameters) {
  EXPECT_THROW(OptimizeSerial({{-1.0, 1.0, 1.0}}, 1.0), Error);
  EXPECT_THROW(OptimizeSerial({{1.0, 1.0, 1.0}}, 0.0), Error);
  EXPECT_THROW(OptimizeSerial({}, 1.0), Error);
}

}  // namespace
}  // namespace invplan::network
