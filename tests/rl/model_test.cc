#include "rl/model.h"

#include <gtest/gtest.h>

#include "invplan/error.h"
#include "rl/demand.h"

namespace invplan::rl {
namespace {

Demand Fixed(int d) {
  Demand x;
  x.pmf.assign(d + 1, 0.0);
  x.pmf[d] = 1.0;
  return x;
}

Model Make(int lead, UnmetDemand unmet = UnmetDemand::kLost) {
  EnvironmentOptions e;
  e.lead_time = lead;
  e.price = 10;
  e.unit_cost = 3;
  e.holding_cost = 1;
  e.lost_sale_penalty = 2;
  e.fixed_order_cost = 5;
  e.max_inventory = 20;
  e.max_order = 8;
  e.unmet = unmet;
  return ResolveModel(e, Fixed(4));
}

TEST(Model, LeadTimeZeroOrderIsAvailableAtOnceAndCapped) {
  const Model m = Make(0);
  // 18 on hand + 4 ordered: capped at 20; demand 6: sells 6, ends with 14.
  const Outcome o = Step(m, m.Index(18, {}), m.ActionOf(4), 6);
  EXPECT_EQ(o.sales, 6);
  EXPECT_EQ(o.lost, 0);
  EXPECT_EQ(o.end, 14);
  EXPECT_DOUBLE_EQ(o.reward, 10 * 6 - 3 * 4 - 5 - 1 * 14);
  EXPECT_EQ(m.OnHand(o.next), 14);
}

TEST(Model, LostSalesWithLeadTimeOne) {
  const Model m = Make(1);
  const Outcome o = Step(m, m.Index(2, {}), m.ActionOf(5), 6);
  EXPECT_EQ(o.sales, 2);
  EXPECT_EQ(o.lost, 4);
  EXPECT_EQ(o.end, 0);
  EXPECT_DOUBLE_EQ(o.reward, 10 * 2 - 3 * 5 - 5 - 2 * 4);
  EXPECT_EQ(m.OnHand(o.next), 5);  // the order arrives for the next period
}

TEST(Model, PipelineShiftsWithLeadTimeThree) {
  const Model m = Make(3);
  ASSERT_EQ(m.pipe_len, 2);
  const std::int64_t s = m.Index(7, {m.ActionOf(3), m.ActionOf(8)});
  EXPECT_EQ(m.Pipeline(s), (std::vector<int>{3, 8}));
  EXPECT_EQ(m.Position(s), 18);
  const Outcome o = Step(m, s, m.ActionOf(1), 4);
  EXPECT_EQ(o.end, 3);
  EXPECT_EQ(m.OnHand(o.next), 6);  // 3 left + 3 arriving
  EXPECT_EQ(m.Pipeline(o.next), (std::vector<int>{8, 1}));
  EXPECT_DOUBLE_EQ(o.reward, 10 * 4 - 3 * 1 - 5 - 1 * 3);
  // Arrivals are capped by the storage limit.
  const Outcome full = Step(m, m.Index(20, {m.ActionOf(8), 0}), 0, 0);
  EXPECT_EQ(m.OnHand(full.next), 20);
}

TEST(Model, BackordersCarryNegativeStock) {
  const Model m = Make(0, UnmetDemand::kBackorder);
  const Outcome o = Step(m, m.Index(-3, {}), 0, 4);
  EXPECT_EQ(o.end, -7);
  EXPECT_EQ(o.lost, 0);
  EXPECT_EQ(o.sales, 0);
  EXPECT_DOUBLE_EQ(o.reward, 10 * 4 - 2 * 7);
  EXPECT_EQ(m.OnHand(o.next), -7);
}

TEST(Model, PackSizeAndMinimumOrderShapeTheActions) {
  EnvironmentOptions e;
  e.order_step = 4;
  e.min_order = 8;
  e.max_order = 20;
  const Model m = ResolveModel(e, PoissonDemand(5));
  EXPECT_EQ(m.qty, (std::vector<int>{0, 8, 12, 16, 20}));
}

TEST(Model, LotsRebinDemandAndScaleMoney) {
  EnvironmentOptions e;
  e.unit = 10;
  e.price = 2;
  e.max_order = 100;
  const Model m = ResolveModel(e, PoissonDemand(50));
  EXPECT_EQ(m.max_order, 10);
  EXPECT_DOUBLE_EQ(m.price, 20);
  EXPECT_NEAR(m.demand.Mean(), 5.05, 0.01);  // lots of 45..54 units count as 5
}

TEST(Model, BadParametersAreUsageErrors) {
  const Demand d = PoissonDemand(5);
  auto kind = [&](auto change) {
    EnvironmentOptions e;
    change(e);
    try {
      ResolveModel(e, d);
    } catch (const Error& err) {
      return err.kind();
    }
    return ErrorKind::kInternal;
  };
  EXPECT_EQ(kind([](EnvironmentOptions& e) { e.holding_cost = -1; }), ErrorKind::kUsage);
  EXPECT_EQ(kind([](EnvironmentOptions& e) { e.max_order = 0; }), ErrorKind::kUsage);
  EXPECT_EQ(kind([](EnvironmentOptions& e) { e.lead_time = -1; }), ErrorKind::kUsage);
  EXPECT_EQ(kind([](EnvironmentOptions& e) { e.order_step = 0; }), ErrorKind::kUsage);
  EXPECT_EQ(kind([](EnvironmentOptions& e) { e.lead_time = 12; }), ErrorKind::kUsage);  // too big
}

TEST(Demand, PoissonAndSamplerAgree) {
  const Demand d = PoissonDemand(5);
  EXPECT_NEAR(d.Mean(), 5.0, 1e-9);
  EXPECT_NEAR(d.Variance(), 5.0, 1e-8);
  const DemandSampler sample(d);
  Rng rng(3);
  double sum = 0, zeros = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const int x = sample(rng);
    sum += x;
    zeros += x == 0;
  }
  EXPECT_NEAR(sum / n, 5.0, 0.03);
  EXPECT_NEAR(zeros / n, d.pmf[0], 0.002);
}

TEST(Demand, NegativeBinomialMatchesMoments) {
  const Demand d = NegBinomialDemand(4, 12);
  EXPECT_NEAR(d.Mean(), 4.0, 1e-6);
  EXPECT_NEAR(d.Variance(), 12.0, 1e-4);
}

TEST(Demand, EmpiricalRoundsAndIgnoresMissing) {
  const Demand d = EmpiricalDemand({1.2, 2.0, std::nan(""), -1, 2.4}, "h");
  ASSERT_EQ(d.pmf.size(), 3u);
  EXPECT_DOUBLE_EQ(d.pmf[1], 1.0 / 3);
  EXPECT_DOUBLE_EQ(d.pmf[2], 2.0 / 3);
  EXPECT_THROW(EmpiricalDemand({std::nan("")}, "h"), Error);
}

}  // namespace
}  // namespace invplan::rl
