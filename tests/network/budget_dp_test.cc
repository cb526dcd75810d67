// The network's purchase selection under a budget equals the optimum found by
// a dynamic programme over the budget (every whole-unit cost, every quantity
// of every purchase line) on small instances.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "network/constraints.h"
#include "network/distribution.h"
#include "network/policy.h"
#include "test_util.h"

namespace invplan::network {
namespace {

// A DC feeding two stores and a store supplied directly, at whole-unit costs.
Network DpNetwork() {
  Network net;
  net.path = "n.csv";
  net.locations.push_back({"DC", "ACME", 4, 0.02, -1.0, 0.0, 0, -1, {1, 2}, 0, 0.0});
  net.locations.push_back({"S1", "DC", 1, 0.05, -1.0, 0.0, 0, 0, {}, 1, 0.0});
  net.locations.push_back({"S2", "DC", 1, 0.05, -1.0, 0.0, 0, 0, {}, 1, 0.0});
  net.locations.push_back({"S3", "BOLT", 2, 0.05, -1.0, 0.0, 0, -1, {}, 0, 0.0});
  for (int i = 0; i < 4; ++i) net.index[net.locations[i].name] = i;
  return net;
}

SkuDemand DpDemand(const std::string& sku, double scale) {
  SkuDemand d;
  d.sku = sku;
  for (int loc : {1, 2, 3}) {
    StoreDemand s;
    s.location = loc;
    s.mean = scale * (2.0 + loc);
    s.sd = std::sqrt(s.mean);
    d.stores.push_back(s);
  }
  DcDemand dc;
  dc.location = 0;
  dc.mean = scale * 4 * 7.0;
  dc.sd = std::sqrt(dc.mean);
  d.dcs.push_back(dc);
  return d;
}

TEST(NetworkBudget, SelectionEqualsDynamicProgrammeOverTheBudget) {
  const Network net = DpNetwork();
  const std::vector<std::string> skus = {"A", "B", "C"};
  const std::map<std::string, int> unit_cost = {{"A", 2}, {"B", 3}, {"C", 1}};
  std::vector<SkuPolicy> policy;
  std::vector<std::vector<Line>> planned;
  for (std::size_t i = 0; i < skus.size(); ++i) {
    const SkuDemand d = DpDemand(skus[i], 0.3 + 0.2 * static_cast<double>(i));
    policy.push_back(PlanSku(net, d, 0.95));
    planned.push_back(TonightsLines(net, d, policy.back(), {}));
  }
  testing::TempDir dir;
  const ItemsMaster items =
      ReadItemsMaster(dir.Write("items.csv", "sku,unit_cost\nA,2\nB,3\nC,1\n"), {});
  // The value of q units of line l: what the constraints stage maximises.
  struct Group {
    int cost;
    std::vector<double> value;  // by quantity 0..full
  };
  std::vector<Group> groups;
  double full_cost = 0.0;
  for (std::size_t i = 0; i < skus.size(); ++i) {
    for (const Line& l : planned[i]) {
      if (net.index.count(l.from)) continue;
      // Every quantity is a choice of the selection (no spacing).
      ASSERT_LE(l.quantity, kMaxChoices);
      const StoreParams nv = EchelonParams(net, policy[i], net.index.at(l.to), l.level);
      Group g{unit_cost.at(skus[i]), {}};
      for (std::int64_t q = 0; q <= l.quantity; ++q) {
        g.value.push_back(StoreCost(nv, l.position) -
                          StoreCost(nv, std::min(l.position + static_cast<double>(q), l.level)));
      }
      full_cost += g.cost * static_cast<double>(l.quantity);
      groups.push_back(g);
    }
  }
  ASSERT_EQ(groups.size(), 6u);  // DC and S3 for each SKU
  for (const double share : {0.2, 0.5, 0.8}) {
    const int budget = static_cast<int>(share * full_cost);
    // best[b]: the most value within cost b.
    std::vector<double> best(static_cast<std::size_t>(budget) + 1, 0.0);
    for (const Group& g : groups) {
      std::vector<double> next = best;
      for (int b = 0; b <= budget; ++b) {
        for (std::size_t q = 1; q < g.value.size() && static_cast<int>(q) * g.cost <= b; ++q) {
          next[b] = std::max(next[b], best[b - static_cast<int>(q) * g.cost] + g.value[q]);
        }
      }
      best = std::move(next);
    }
    std::vector<std::vector<Line>> lines = planned;
    const std::vector<const Network*> nets(skus.size(), &net);
    const Json c = ConstrainPurchases(net, skus, nets, policy, items, {},
                                      {static_cast<double>(budget), "", 60.0}, nullptr, &lines);
    EXPECT_EQ(c["status"], "optimal");
    double value = 0.0, spent = 0.0;
    std::size_t g = 0;
    for (std::size_t i = 0; i < skus.size(); ++i) {
      for (const Line& l : planned[i]) {
        if (net.index.count(l.from)) continue;
        std::int64_t q = 0;
        for (const Line& m : lines[i]) {
          if (m.from == l.from && m.to == l.to) q = m.quantity;
        }
        value += groups[g].value[static_cast<std::size_t>(q)];
        spent += groups[g].cost * static_cast<double>(q);
        ++g;
      }
    }
    EXPECT_LE(spent, budget);
    // Values are rounded to millionths of the largest before the exact search.
    EXPECT_NEAR(value, best[static_cast<std::size_t>(budget)], 1e-5 * best.back()) << share;
    EXPECT_FALSE(c["not_ordered"].empty());
  }
}

}  // namespace
}  // namespace invplan::network
