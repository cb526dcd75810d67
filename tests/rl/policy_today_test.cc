// Tonight's decision: the stock position mapped into the state space, the
// candidates' values under the exact optimum and under a simulated policy, and
// the choice of method.
#include <gtest/gtest.h>

#include <cmath>

#include "rl/model.h"
#include "rl/policy_method.h"
#include "rl/simulation.h"
#include "rl/stock.h"
#include "rl/today.h"
#include "rl/value_iteration.h"

namespace invplan::rl {
namespace {

Model Poisson(int lead, double mean, int unit = 1) {
  EnvironmentOptions e;
  e.lead_time = lead;
  e.price = 10;
  e.unit_cost = 5;
  e.holding_cost = 0.2;
  e.lost_sale_penalty = 2;
  e.unit = unit;
  return ResolveModel(e, PoissonDemand(mean));
}

EvaluationOptions QuickEvaluation() {
  EvaluationOptions ev;
  ev.periods = 50000;
  ev.warmup = 200;
  return ev;
}

TEST(Stock, OrdersGoToTheSlotOfTheirArrival) {
  const Model m = Poisson(3, 4);
  StockPosition s;
  s.on_hand = 7;
  s.open = {{4, 1}, {6, 2}, {3, 0}};
  const MappedState mapped = MapToState(m, s);
  EXPECT_EQ(m.OnHand(mapped.state), 10);  // the order due today counts as on hand
  EXPECT_EQ(m.Pipeline(mapped.state), (std::vector<int>{4, 6}));
  EXPECT_EQ(m.Position(mapped.state), 20);
}

TEST(Stock, UndatedOrdersArriveNextPeriodAndLateOnesGoLast) {
  const Model m = Poisson(3, 4);
  StockPosition s;
  s.open = {{5, -1}, {2, 9}};
  const MappedState mapped = MapToState(m, s);
  EXPECT_EQ(m.Pipeline(mapped.state), (std::vector<int>{5, 2}));
  EXPECT_EQ(mapped.notes.size(), 2u);
}

TEST(Stock, OnHandAboveTheStorageLimitIsCappedWithANote) {
  const Model m = Poisson(0, 4);
  StockPosition s;
  s.on_hand = 1e6;
  const MappedState mapped = MapToState(m, s);
  EXPECT_EQ(m.OnHand(mapped.state), m.max_inventory);
  ASSERT_EQ(mapped.notes.size(), 1u);
  EXPECT_NE(mapped.notes[0].find("capped"), std::string::npos);
}

TEST(Today, ExactValuesRecommendTheOptimalOrder) {
  const Model m = Poisson(2, 4);
  const SolvedPolicy p = SolvePolicy(m, PolicyMethod::kOptimal, std::nullopt, "poisson:4", {},
                                     QuickEvaluation(), 7, 1);
  ASSERT_EQ(p.method, "optimal");
  for (int on_hand : {0, 3, 8, 14}) {
    StockPosition s;
    s.on_hand = on_hand;
    const Json t = Today(p, s, "2026-01-01", 1);
    const std::int64_t state = MapToState(m, s).state;
    EXPECT_EQ(t["recommended"].get<int>(), m.qty[p.table[state]]) << "on hand " << on_hand;
    EXPECT_EQ(t["policy_order"], t["recommended"]);
    EXPECT_EQ(t["candidates"][0]["value"].get<double>(), 0.0);
    EXPECT_EQ(t["valuation"], "exact");
  }
}

// The simulated valuation under the optimal table agrees with the exact one.
TEST(Today, SimulatedValuesAgreeWithExactOnes) {
  const Model m = Poisson(1, 3);
  SolvedPolicy exact = SolvePolicy(m, PolicyMethod::kOptimal, std::nullopt, "poisson:3", {},
                                   QuickEvaluation(), 7, 1);
  SolvedPolicy simulated = exact;
  simulated.values.clear();
  StockPosition s;
  s.on_hand = 1;
  const Json a = Today(exact, s, "", 3), b = Today(simulated, s, "", 3);
  ASSERT_EQ(a["candidates"].size(), b["candidates"].size());
  for (std::size_t k = 0; k < a["candidates"].size() && k < 8; ++k) {
    const double va = a["candidates"][k]["value"].get<double>();
    const double vb = b["candidates"][k]["value"].get<double>();
    EXPECT_NEAR(vb, va, 0.5 + 0.05 * std::fabs(va)) << "quantity " << k;
  }
  EXPECT_EQ(b["valuation"], "simulated");
}

TEST(PolicyMethod, AutoSolvesExactlyWhenTheStateSpaceFits) {
  const Model m = Poisson(1, 4);
  EvaluationOptions ev = QuickEvaluation();
  EXPECT_EQ(SolvePolicy(m, PolicyMethod::kAuto, std::nullopt, "", {}, ev, 1, 1).method, "optimal");
  ev.max_exact_states = 1;
  EXPECT_EQ(SolvePolicy(m, PolicyMethod::kAuto, std::nullopt, "", {}, ev, 1, 1).method, "s-S");
  EXPECT_THROW(SolvePolicy(m, PolicyMethod::kOptimal, std::nullopt, "", {}, ev, 1, 1), Error);
}

// A fill-rate target is met, and costs profit against the unconstrained optimum.
TEST(PolicyMethod, ServiceLevelIsMet) {
  EnvironmentOptions e;
  e.lead_time = 1;
  e.price = 1;
  e.unit_cost = 0.9;  // thin margin: the optimum accepts many lost sales
  e.holding_cost = 0.05;
  e.lost_sale_penalty = 0;
  const Model m = ResolveModel(e, PoissonDemand(4));
  const EvaluationOptions ev = QuickEvaluation();
  const SolvedPolicy free = SolvePolicy(m, PolicyMethod::kOptimal, std::nullopt, "", {}, ev, 3, 1);
  const double free_fill = free.fields["evaluation"]["policy"]["fill_rate"].get<double>();
  ASSERT_LT(free_fill, 0.95);
  for (PolicyMethod method : {PolicyMethod::kOptimal, PolicyMethod::kSs}) {
    const SolvedPolicy p = SolvePolicy(m, method, 0.95, "", {}, ev, 3, 1);
    const Json& st = p.fields["evaluation"]["policy"];
    EXPECT_GE(st["fill_rate"].get<double>(), 0.945) << PolicyMethodName(method);
  }
}

}  // namespace
}  // namespace invplan::rl
