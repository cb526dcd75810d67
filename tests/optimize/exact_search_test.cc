// The solver's own exact searches on their own: the switch search, the branch
// and bound for the core and the dual minimisation, against brute force on
// small instances with exact ties and weak LP bounds.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "optimize/branch_bound.h"
#include "optimize/dual.h"
#include "optimize/lagrangian.h"
#include "optimize/mck_solver.h"
#include "optimize/model.h"
#include "optimize/switch_search.h"
#include "random_model.h"

namespace invplan::optimize {
namespace {

Spec Variant(std::uint64_t seed) {
  Spec s;
  s.groups = 7;
  s.max_cands = 4;
  s.proportional = seed % 3 == 0;
  s.value_step = seed % 2 == 0 ? 5.0 : 0.0;  // many equal values
  s.big_items = seed % 5 == 1;
  s.mandatory = seed % 7 == 3;
  s.capacity = seed % 4 != 2;
  s.tightness = 0.2 + 0.03 * static_cast<double>(seed % 10);
  return s;
}

void ExpectNearTruth(double got, double truth, const std::string& what) {
  EXPECT_NEAR(got, truth, 1e-7 * std::max(1.0, std::fabs(truth))) << what;
}

// The whole model as the core: every group free over all its lines.
TEST(SwitchSearch, MatchesBruteForceFromAnyFeasibleStart) {
  int started = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    Model m = RandomModel(seed, Variant(seed));
    std::vector<int> truth_pick;
    const double truth = BruteForce(m, &truth_pick);
    if (std::isinf(truth)) continue;
    Lagrangian lag(m);
    std::vector<double> lambda;
    ASSERT_GT(lag.Minimize(&lambda), -kInf);
    // A weak start: the worst feasible plan the heuristic would accept is
    // not at hand, so start from the plan that orders only what it must.
    std::vector<int> start(m.groups.size(), -1);
    for (std::size_t g = 0; g < m.groups.size(); ++g) {
      if (m.groups[g].mandatory) start[g] = m.groups[g].begin;
    }
    if (!CheckFeasible(m, start).empty()) start = truth_pick;
    ++started;
    SwitchStats st;
    SolveOutcome out = SolveBySwitches(m, lambda, start, {}, 1000000, &st);
    const std::string what = "seed " + std::to_string(seed);
    ASSERT_EQ(out.status, SolveStatus::kOptimal) << what << " " << out.message;
    ExpectNearTruth(out.objective, truth, what);
    EXPECT_EQ(CheckFeasible(m, out.pick), "") << what;
    EXPECT_GE(st.rounds, 1) << what;
  }
  EXPECT_GT(started, 40);
}

TEST(SwitchSearch, GivesWayWhenTheListsGrowTooLarge) {
  Spec s = Variant(2);
  s.groups = 12;
  Model m = RandomModel(2, s);
  Lagrangian lag(m);
  std::vector<double> lambda;
  lag.Minimize(&lambda);
  std::vector<int> none(m.groups.size(), -1);
  ASSERT_EQ(CheckFeasible(m, none), "");
  SwitchStats st;
  SolveOutcome out = SolveBySwitches(m, lambda, none, {}, 3, &st);
  EXPECT_EQ(out.status, SolveStatus::kFailed);
  EXPECT_TRUE(st.too_large);
  // Without a starting plan it does not start at all.
  EXPECT_EQ(SolveBySwitches(m, lambda, {}, {}, 1000, &st).status, SolveStatus::kFailed);
}

TEST(BranchAndBound, MatchesBruteForceWithoutAStartingPlan) {
  for (std::uint64_t seed = 100; seed < 160; ++seed) {
    Spec s = Variant(seed);
    s.cover = seed % 6 == 0;
    if (s.cover) s.budget = false;
    Model m = RandomModel(seed, s);
    const double truth = BruteForce(m);
    BranchStats st;
    SolveOutcome out = SolveCoreBranchAndBound(m, Everything(m), {}, {}, -kInf, &st);
    const std::string what = "seed " + std::to_string(seed);
    if (std::isinf(truth)) {
      EXPECT_EQ(out.status, SolveStatus::kInfeasible) << what;
      continue;
    }
    ASSERT_EQ(out.status, SolveStatus::kOptimal) << what << " " << out.message;
    ExpectNearTruth(out.objective, truth, what);
    EXPECT_EQ(CheckFeasible(m, out.pick), "") << what;
    EXPECT_GE(st.nodes, 1) << what;
  }
}

TEST(BranchAndBound, CutoffAboveTheOptimumFindsNothing) {
  Model m = RandomModel(5, Variant(5));
  const double truth = BruteForce(m);
  ASSERT_FALSE(std::isinf(truth));
  SolveOutcome out = SolveCoreBranchAndBound(m, Everything(m), {}, {}, truth + 1.0);
  EXPECT_EQ(out.status, SolveStatus::kInfeasible);
  SolveOutcome below = SolveCoreBranchAndBound(m, Everything(m), {}, {}, truth - 1.0);
  ASSERT_EQ(below.status, SolveStatus::kOptimal);
  ExpectNearTruth(below.objective, truth, "cutoff below");
}

TEST(MckSolver, MatchesBruteForceWithTiesAndWeakBounds) {
  for (std::uint64_t seed = 200; seed < 260; ++seed) {
    Model m = RandomModel(seed, Variant(seed));
    const double truth = BruteForce(m);
    MckStats st;
    SolveOutcome out = SolveMck(m, {}, &st);
    const std::string what = "seed " + std::to_string(seed);
    if (std::isinf(truth)) {
      EXPECT_EQ(out.status, SolveStatus::kInfeasible) << what;
      continue;
    }
    ASSERT_EQ(out.status, SolveStatus::kOptimal) << what << " " << out.message;
    ExpectNearTruth(out.objective, truth, what);
    EXPECT_FALSE(st.core_engine.empty()) << what;
  }
}

TEST(Dual, MinimumIsNoHigherThanAFineGrid) {
  for (std::uint64_t seed = 300; seed < 304; ++seed) {
    Spec s;
    s.groups = 10;
    Model m = RandomModel(seed, s);
    Lagrangian lag(m);
    std::vector<double> lambda;
    const double best = lag.Minimize(&lambda);
    EXPECT_NEAR(lag.Evaluate(lambda), best, 1e-9 * std::max(1.0, std::fabs(best)));
    double grid = kInf;
    for (int i = 0; i <= 50; ++i) {
      for (int j = 0; j <= 50; ++j) grid = std::min(grid, lag.Evaluate({0.12 * i, 0.12 * j}));
    }
    EXPECT_LE(best, grid + 1e-7 * std::max(1.0, std::fabs(grid))) << seed;
    EXPECT_GE(best, SolveMck(m, {}).objective - 1e-9) << seed;  // a bound on the optimum
  }
}

}  // namespace
}  // namespace invplan::optimize
