// The simulation draws each day from that day's forecast distribution and
// starts at the plan's stock.
#include <gtest/gtest.h>

#include "common/forecast_distribution.h"
#include "network/simulate.h"

namespace invplan::network {
namespace {

// One DC feeding one store, a SKU whose forecast is 0 for a week, then 50 a day.
struct OneStore {
  Network net;
  SkuDemand d;
  SkuPolicy pol;
  OneStore() {
    net.path = "n.csv";
    net.locations.push_back({"DC", "ACME", 2, 0.02, -1.0, 0.0, 0, -1, {1}, 0, 0.0});
    net.locations.push_back({"S1", "DC", 1, 0.05, -1.0, 0.0, 0, 0, {}, 1, 0.0});
    for (int i = 0; i < 2; ++i) net.index[net.locations[i].name] = i;
    d.sku = "A";
    StoreDemand s;
    s.location = 1;
    for (int t = 0; t < 14; ++t) s.days.push_back(DemandDistribution::Normal(t < 7 ? 0 : 50, 1));
    s.mean = 2.0;  // what the level covers (small on purpose)
    s.sd = 1.0;
    d.stores.push_back(s);
    DcDemand dc;
    dc.location = 0;
    d.dcs.push_back(dc);
    pol = PlanSku(net, d, 0.95);
  }
  LocationTotals Run(const StockMap* stock) const {
    SimulationTotals t = MakeTotals(net, 2);
    SimulateSku(net, d, pol, {14, 0, 2, 42}, 0, &t, stock);
    return t.totals[0][0][1];
  }
};

TEST(NetworkSimulation, EachDayDrawsThatDaysForecast) {
  const OneStore s;
  const LocationTotals t = s.Run(nullptr);
  // Seven days of N(0, 1) rounded and floored at 0, seven of N(50, 1): about
  // 350 units, far from 14 days of the first period's forecast (about 0).
  EXPECT_NEAR(t.demand, 350.0, 12.0);
}

TEST(NetworkSimulation, StartsAtThePlansStock) {
  const OneStore s;
  StockMap big, empty;
  big[StockKey("A", "S1")] = {2000.0, 0.0};
  empty[StockKey("A", "DC")] = {0.0, 0.0};
  const LocationTotals from_big = s.Run(&big);
  const LocationTotals from_nothing = s.Run(&empty);
  // 2000 units on hand serve every customer and stay mostly on the shelf.
  EXPECT_EQ(from_big.lost, 0.0);
  EXPECT_GT(from_big.stock_days, 14 * 1600.0);
  // From an empty network nothing arrives before the DC's lead time and the
  // store's: the first sales days are lost.
  EXPECT_GT(from_nothing.lost, 100.0);
  // On order arrives after the lead time (DC: 2 days).
  StockMap coming;
  coming[StockKey("A", "S1")] = {0.0, 400.0};
  EXPECT_LT(s.Run(&coming).lost, from_nothing.lost);
}

}  // namespace
}  // namespace invplan::network
