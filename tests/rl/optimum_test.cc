// The exact solver and the searches against published and hand-solved optima.
#include <gtest/gtest.h>

#include <cmath>

#include "rl/model.h"
#include "rl/qlearning.h"
#include "rl/simulation.h"
#include "rl/value_iteration.h"

namespace invplan::rl {
namespace {

Model Zipkin(int lead, double penalty, int max_inventory = -1, int max_order = -1) {
  EnvironmentOptions e;
  e.lead_time = lead;
  e.lost_sale_penalty = penalty;
  e.holding_cost = 1;
  e.max_inventory = max_inventory;
  e.max_order = max_order;
  return ResolveModel(e, PoissonDemand(5));
}

// Zipkin (2008), "Old and new methods for lost-sales inventory systems":
// Poisson(5), holding 1, no order cost; costs are charged on end-of-period stock
// and lost units, and lead time L means an order arrives L periods later, before
// that period's demand — exactly this environment with price = unit cost = 0,
// so average cost = -average reward.
TEST(ValueIteration, ZipkinLostSalesLeadTimeTwo) {
  for (auto [penalty, cost, base_stock_cost] :
       {std::tuple{4.0, 4.40, 4.64}, std::tuple{19.0, 7.66, 7.84}}) {
    const Model m = Zipkin(2, penalty);
    const auto vi = RelativeValueIteration(m, 1e-8, 10000, 1);
    ASSERT_TRUE(vi.converged);
    EXPECT_NEAR(-vi.gain, cost, 0.005) << "penalty " << penalty;
    const auto path = DemandPath(m.demand, 400000, 5);
    const SsChoice bs = SearchBaseStock(m, path, 1000);
    EXPECT_NEAR(-bs.reward, base_stock_cost, 0.03);
    EXPECT_GT(-bs.reward, cost + 0.1);  // base-stock is measurably worse
  }
}

TEST(ValueIteration, ZipkinLostSalesLeadTimeFour) {
  // Bounds that never bind for these policies keep the state space small.
  const Model m4 = Zipkin(4, 4, 30, 12);
  const auto a = RelativeValueIteration(m4, 1e-7, 10000, 2);
  EXPECT_NEAR(-a.gain, 4.73, 0.005);
  const Model m19 = Zipkin(4, 19, 36, 13);
  const auto b = RelativeValueIteration(m19, 1e-7, 10000, 2);
  EXPECT_NEAR(-b.gain, 8.89, 0.005);
}

// Zheng & Federgruen (1991): backorders, Poisson(6), holding 1, penalty 4,
// fixed cost 5, L = 0; optimal (s,S) = (4,10) with average cost 8.034 — and
// (s,S) is optimal there, so value iteration finds the same cost.
TEST(ValueIteration, ZhengFedergruenBackorderSs) {
  EnvironmentOptions e;
  e.unmet = UnmetDemand::kBackorder;
  e.lost_sale_penalty = 4;
  e.holding_cost = 1;
  e.fixed_order_cost = 5;
  e.max_inventory = 30;
  e.max_order = 30;
  const Model m = ResolveModel(e, PoissonDemand(6));
  const auto vi = RelativeValueIteration(m, 1e-9, 10000, 1);
  EXPECT_NEAR(-vi.gain, 8.034, 0.0005);
  const auto path = DemandPath(m.demand, 400000, 9);
  const SsChoice ss = SearchSs(m, path, 1000);
  EXPECT_EQ(ss.s, 4);
  EXPECT_EQ(ss.S, 10);
  // The optimal policy from value iteration is that (s,S) policy.
  for (int x = -5; x <= 15; ++x) {
    const int q = m.qty[vi.policy[m.Index(x, {})]];
    EXPECT_EQ(q, x <= 4 ? 10 - x : 0) << "on hand " << x;
  }
}

// With L = 0 and no fixed cost the newsvendor solution is optimal: order up to
// the smallest S with P(D <= S) >= (p) / (p + h) (lost sales, price 0).
TEST(ValueIteration, NewsvendorCriticalFractile) {
  EnvironmentOptions e;
  e.holding_cost = 1;
  e.lost_sale_penalty = 9;
  const Model m = ResolveModel(e, PoissonDemand(5));
  const auto vi = RelativeValueIteration(m, 1e-9, 10000, 1);
  const int S = m.demand.Quantile(0.9);
  for (int x = 0; x <= S; ++x) EXPECT_EQ(m.qty[vi.policy[m.Index(x, {})]], S - x);
  double cost = 0.0;  // E[h (S-D)^+ + p (D-S)^+]
  for (int d = 0; d <= m.demand.max(); ++d) {
    cost += m.demand.pmf[d] * (d <= S ? 1.0 * (S - d) : 9.0 * (d - S));
  }
  EXPECT_NEAR(-vi.gain, cost, 1e-7);
}

// A case solved by hand: demand 0 or 1 with probability 1/2, L = 0, at most one
// unit stored, price 0, holding 1, penalty 3. Keeping one unit costs
// (1/2)·1 per period (holding when no demand) versus (1/2)·3 for empty shelves.
TEST(ValueIteration, HandSolvedTinyCase) {
  Demand d;
  d.pmf = {0.5, 0.5};
  EnvironmentOptions e;
  e.max_inventory = 1;
  e.max_order = 1;
  e.lost_sale_penalty = 3;
  const Model m = ResolveModel(e, d);
  const auto vi = RelativeValueIteration(m, 1e-10, 1000, 1);
  EXPECT_NEAR(vi.gain, -0.5, 1e-9);
  EXPECT_EQ(vi.policy[m.Index(0, {})], 1);
  EXPECT_EQ(vi.policy[m.Index(1, {})], 0);
}

// Exact gap of a learned table to the optimum (policy evaluation by value iteration).
double ExactGap(const Model& m, const std::vector<std::uint16_t>& policy) {
  const auto best = RelativeValueIteration(m, 1e-9, 10000, 1);
  const auto own = RelativeValueIteration(m, 1e-9, 10000, 1, &policy);
  EXPECT_TRUE(own.converged);
  return (best.gain - own.gain) / std::fabs(best.gain);
}

TEST(QLearning, ReachesTheOptimumOnASmallInstance) {
  const Model m = Zipkin(1, 9);
  const auto vi = RelativeValueIteration(m, 1e-9, 10000, 1);
  QLearningOptions o;
  o.episodes = 40;
  o.steps = 10000;
  const QLearningResult q = TrainQLearning(m, o, 7);
  const auto path = DemandPath(m.demand, 300000, 11);
  const double learned =
      Simulate(m, TablePolicy{&q.policy}, path, 300000, 1000, m.StartState(0)).AverageReward();
  const double best =
      Simulate(m, TablePolicy{&vi.policy}, path, 300000, 1000, m.StartState(0)).AverageReward();
  EXPECT_LT((best - learned) / std::fabs(best), 0.01);
  // The default update sweeps every state: as many sampled demands as the
  // automatic count allows, one curve point per chunk of them.
  EXPECT_EQ(q.steps, SweepCount(m, o));
  EXPECT_EQ(q.updates, q.steps * m.num_states * m.num_actions);
  EXPECT_EQ(q.curve.size(), 40u);
}

TEST(QLearning, EpisodesShowLearningInTheCurve) {
  const Model m = Zipkin(1, 9);
  QLearningOptions o;
  o.update = QUpdate::kAllActions;
  o.episodes = 40;
  o.steps = 10000;
  const QLearningResult q = TrainQLearning(m, o, 7);
  EXPECT_EQ(q.steps, 400000);
  EXPECT_GT(q.curve.back().greedy_reward, q.curve.front().greedy_reward);
}

// A slow mover (negative-binomial demand, mean 0.1 a period, 91 % of periods
// without demand; lead time 2): a trajectory sits at full shelves for hundreds
// of periods, so the states near empty, where the decisions are, are seen
// rarely and the learned table overstocks. Sweeping every state with each
// sampled demand learns them all.
TEST(QLearning, SweepsLearnASlowMover) {
  EnvironmentOptions e;
  e.lead_time = 2;
  e.price = 10;
  e.unit_cost = 6;
  e.holding_cost = 0.05;
  e.lost_sale_penalty = 0;
  const Model m = ResolveModel(e, NegBinomialDemand(0.1, 0.5));
  const double best = RelativeValueIteration(m, 1e-9, 10000, 1).gain;
  const auto gap = [&](const QLearningResult& q) {
    const auto own = RelativeValueIteration(m, 1e-9, 10000, 1, &q.policy);
    EXPECT_TRUE(own.converged);
    return (best - own.gain) / std::fabs(best);
  };
  QLearningOptions o;
  o.episodes = 40;
  o.steps = 10000;
  o.sweeps = 1000;
  double worst_episodes = 0.0;
  for (std::uint64_t seed : {1, 2, 3}) {
    o.update = QUpdate::kAllStates;
    EXPECT_LT(gap(TrainQLearning(m, o, seed)), 0.05) << "seed " << seed;
    o.update = QUpdate::kAllActions;  // the same 400,000 periods along one trajectory
    worst_episodes = std::max(worst_episodes, gap(TrainQLearning(m, o, seed)));
  }
  EXPECT_GT(worst_episodes, 0.5);
}

// A margin model with a fixed order cost: paying for units when they are
// ordered makes discounting favour ordering late and little; learning with
// the cost charged when units leave stock (same long-run average for every
// policy) removes that bias.
TEST(QLearning, MarginModelWithFixedCostReachesTheOptimum) {
  for (int lead : {0, 1}) {
    EnvironmentOptions e;
    e.lead_time = lead;
    e.price = 10;
    e.unit_cost = 5;
    e.holding_cost = 1;
    e.lost_sale_penalty = 0;
    e.fixed_order_cost = 10;
    const Model m = ResolveModel(e, PoissonDemand(5));
    QLearningOptions o;
    o.episodes = 40;
    o.steps = 10000;
    const double retimed = ExactGap(m, TrainQLearning(m, o, 5).policy);
    EXPECT_LT(retimed, 0.01) << "L=" << lead;
    o.cost_at_sale = false;
    const double at_order = ExactGap(m, TrainQLearning(m, o, 5).policy);
    if (lead == 0) {
      EXPECT_GT(at_order, retimed + 0.005);  // the bias that re-timing removes
    }
  }
}

// The automatic number of sweeps: 25 M state-periods, at least 200, and for
// intermittent demand enough sweeps for 25 periods with demand; never more than
// episodes x steps, and --sweeps wins.
TEST(QLearning, AutomaticSweepCount) {
  EnvironmentOptions e;
  e.max_inventory = 9;
  e.max_order = 9;
  Demand d;
  d.pmf = {0.5, 0.5};
  const Model busy = ResolveModel(e, d);
  ASSERT_EQ(busy.num_states, 10);
  QLearningOptions o;
  EXPECT_EQ(SweepCount(busy, o), 2500000);  // 25 M state-periods / 10 states
  d.pmf = {0.999, 0.001};
  e.lead_time = 7;
  const Model slow = ResolveModel(e, d);
  EXPECT_GE(SweepCount(slow, o), 25000);
  o.episodes = 1;
  o.steps = 1000;
  EXPECT_EQ(SweepCount(slow, o), 1000);
  o.sweeps = 7;
  EXPECT_EQ(SweepCount(slow, o), 7);
}

TEST(QLearning, SampledActionUpdatesAlsoLearn) {
  const Model m = Zipkin(0, 4);
  QLearningOptions o;
  o.episodes = 40;
  o.steps = 10000;
  o.update = QUpdate::kSampled;
  const QLearningResult q = TrainQLearning(m, o, 3);
  const auto vi = RelativeValueIteration(m, 1e-9, 10000, 1);
  for (int x = 0; x <= 3; ++x) {
    EXPECT_EQ(q.policy[m.Index(x, {})], vi.policy[m.Index(x, {})]) << "on hand " << x;
  }
}

TEST(QLearning, DeterministicForASeed) {
  const Model m = Zipkin(2, 4);
  QLearningOptions o;
  o.episodes = 5;
  o.steps = 2000;
  EXPECT_EQ(TrainQLearning(m, o, 1).policy, TrainQLearning(m, o, 1).policy);
  EXPECT_NE(TrainQLearning(m, o, 1).policy, TrainQLearning(m, o, 2).policy);
}

}  // namespace
}  // namespace invplan::rl
