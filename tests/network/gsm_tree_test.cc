// The Graves–Willems programme against the published guaranteed-service
// examples of Snyder & Shen ch. 6 (instances as stockpyl ships them).
#include "network/gsm_tree.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/normal.h"
#include "invplan/error.h"

namespace invplan::network {
namespace {

// Example 6.5: node 1 -> node 3 -> {2, 4}; T = 2, 1, 1, 1; h = 1, 2, 3, 3;
// z = 1; demand N(0, 1) at 2 and 4; external inbound CST of node 1 is 1;
// external outbound CST 0 at node 2 and 1 at node 4. Indices here are node - 1.
std::vector<GsmNode> Example65() {
  std::vector<GsmNode> v(4);
  v[0] = {{}, 2, 1.0, 1.0, 0.0, false, 0, 1};
  v[2] = {{0}, 1, 2.0, 1.0, 0.0, false, 0, 0};
  v[1] = {{2}, 1, 3.0, 1.0, 1.0, true, 0, 0};
  v[3] = {{2}, 1, 3.0, 1.0, 1.0, true, 1, 0};
  return v;
}

TEST(GsmTree, Example65) {
  const GsmSolution s = OptimizeGsmTree(Example65());
  EXPECT_NEAR(s.cost, 2.0 * std::sqrt(2.0) + std::sqrt(6.0) + 3.0, 1e-9);
  EXPECT_EQ(s.outbound_cst, (std::vector<int>{0, 0, 0, 1}));
}

// Figure 6.14: ten nodes, assembly into node 5 and node 10; demand N(0, 10) at
// node 10 with external outbound CST `s10`; z = Phi^-1(0.95) everywhere.
std::vector<GsmNode> Figure614(int s10) {
  const double z = NormalQuantile(0.95);
  const int T[10] = {2, 3, 2, 4, 2, 3, 6, 4, 3, 2};
  const double h[10] = {0.01, 0.03, 0.04, 0.06, 0.12, 0.13, 0.2, 0.08, 0.04, 0.5};
  const std::vector<int> preds[10] = {{}, {0}, {1}, {}, {2, 3}, {4}, {}, {}, {}, {6, 5, 7, 8}};
  std::vector<GsmNode> v(10);
  for (int k = 0; k < 10; ++k) {
    v[k].predecessors = preds[k];
    v[k].processing_time = T[k];
    v[k].holding_cost = h[k];
    v[k].safety_factor = z;
  }
  v[9].demand_sd = 10.0;
  v[9].external_demand = true;
  v[9].external_outbound_cst = s10;
  return v;
}

TEST(GsmTree, Figure614) {
  const GsmSolution s = OptimizeGsmTree(Figure614(2));
  EXPECT_NEAR(s.cost, 18.8240044725922, 1e-9);
  EXPECT_EQ(s.outbound_cst, (std::vector<int>{0, 3, 5, 4, 7, 0, 0, 0, 0, 2}));
}

TEST(GsmTree, Figure614WithLongerCustomerService) {
  EXPECT_NEAR(OptimizeGsmTree(Figure614(5)).cost, 12.4686888061037, 1e-9);
  EXPECT_NEAR(OptimizeGsmTree(Figure614(8)).cost, 3.25788236403285, 1e-9);
  EXPECT_NEAR(OptimizeGsmTree(Figure614(12)).cost, 0.232617430735335, 1e-9);
}

TEST(GsmTree, CostEqualsTheSafetyStocksItReports) {
  const std::vector<GsmNode> nodes = Figure614(5);
  const GsmSolution s = OptimizeGsmTree(nodes);
  double cost = 0.0;
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    EXPECT_GE(s.net_lead_time[k], 0.0);
    cost += nodes[k].holding_cost * s.safety_stock[k];
  }
  EXPECT_NEAR(cost, s.cost, 1e-9);
}

TEST(GsmTree, RejectsACycle) {
  std::vector<GsmNode> v(3);
  v[1].predecessors = {0};
  v[2].predecessors = {1};
  v[0].predecessors = {2};
  EXPECT_THROW(OptimizeGsmTree(v), Error);
}

}  // namespace
}  // namespace invplan::network
