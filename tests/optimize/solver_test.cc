// Exactness of both solvers: brute force on small random instances, and the
// multiple-choice knapsack method against CBC on larger ones.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "common/random.h"
#include "optimize/cbc_solver.h"
#include "optimize/lagrangian.h"
#include "optimize/mck_solver.h"
#include "optimize/model.h"
#include "random_model.h"

namespace invplan::optimize {
namespace {

void ExpectMatchesBruteForce(const Model& m, const std::string& what) {
  double truth = BruteForce(m);
  SolveOutcome mck = SolveMck(m, {});
  SolveOutcome cbc = SolveWithCbc(m, {});
  if (std::isinf(truth)) {
    EXPECT_EQ(mck.status, SolveStatus::kInfeasible) << what;
    EXPECT_EQ(cbc.status, SolveStatus::kInfeasible) << what;
    return;
  }
  ASSERT_EQ(mck.status, SolveStatus::kOptimal) << what << " " << mck.message;
  ASSERT_EQ(cbc.status, SolveStatus::kOptimal) << what << " " << cbc.message;
  EXPECT_NEAR(mck.objective, truth, 1e-7 * std::max(1.0, std::fabs(truth))) << what;
  EXPECT_NEAR(cbc.objective, truth, 1e-7 * std::max(1.0, std::fabs(truth))) << what;
  EXPECT_EQ(CheckFeasible(m, mck.pick), "") << what;
  EXPECT_DOUBLE_EQ(mck.bound, mck.objective) << what;
}

TEST(SolverExactness, BudgetAndCapacityMatchBruteForce) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Spec s;
    s.proportional = seed % 2 == 0;
    s.tightness = 0.15 + 0.02 * (seed % 20);
    ExpectMatchesBruteForce(RandomModel(seed, s), "seed " + std::to_string(seed));
  }
}

TEST(SolverExactness, SingleRowAndNoRowMatchBruteForce) {
  for (std::uint64_t seed = 100; seed < 120; ++seed) {
    Spec s;
    s.capacity = false;
    s.budget = seed % 4 != 0;
    ExpectMatchesBruteForce(RandomModel(seed, s), "seed " + std::to_string(seed));
  }
}

TEST(SolverExactness, SupplierMinimumsAndMandatoryMatchBruteForce) {
  int infeasible = 0;
  for (std::uint64_t seed = 200; seed < 240; ++seed) {
    Spec s;
    s.suppliers = true;
    s.mandatory = seed % 3 == 0;
    s.tightness = 0.3 + 0.01 * (seed % 30);
    Model m = RandomModel(seed, s);
    infeasible += std::isinf(BruteForce(m));
    ExpectMatchesBruteForce(m, "seed " + std::to_string(seed));
  }
  EXPECT_LT(infeasible, 40);
}

TEST(SolverExactness, CoverMatchesBruteForce) {
  for (std::uint64_t seed = 300; seed < 330; ++seed) {
    Spec s;
    s.budget = false;
    s.capacity = seed % 2 == 0;
    s.cover = true;
    s.tightness = 0.3 + 0.02 * (seed % 10);
    if (s.capacity) s.tightness = 0.5;
    Model m = RandomModel(seed, s);
    // Capacity is row 0 when present; loosen it so cover stays the main row.
    if (s.capacity) m.rhs[0] *= 1.5;
    ExpectMatchesBruteForce(m, "seed " + std::to_string(seed));
  }
}

TEST(SolverExactness, MckEqualsCbcOnLargerInstances) {
  for (std::uint64_t seed = 400; seed < 404; ++seed) {
    Spec s;
    s.groups = 150;
    s.max_cands = 8;
    s.proportional = seed % 2 == 0;
    s.tightness = 0.2;
    Model m = RandomModel(seed, s);
    MckStats st;
    SolveOutcome mck = SolveMck(m, {}, &st);
    SolveOutcome cbc = SolveWithCbc(m, {});
    ASSERT_EQ(mck.status, SolveStatus::kOptimal);
    ASSERT_EQ(cbc.status, SolveStatus::kOptimal);
    EXPECT_NEAR(mck.objective, cbc.objective, 1e-7 * std::fabs(cbc.objective)) << seed;
    EXPECT_GE(st.lagrangian_bound, mck.objective - 1e-6);
    EXPECT_LT(st.core_skus, s.groups);  // fixing removed most SKUs
  }
}

TEST(Lagrangian, BoundIsValidForAnyMultipliers) {
  Spec s;
  Model m = RandomModel(7, s);
  double truth = BruteForce(m);
  Lagrangian lag(m);
  for (double a : {0.0, 0.3, 1.0, 5.0}) {
    for (double b : {0.0, 0.5, 2.0}) {
      EXPECT_GE(lag.Evaluate({a, b}), truth - 1e-9);
    }
  }
  std::vector<double> lambda;
  double best = lag.Minimize(&lambda);
  EXPECT_GE(best, truth - 1e-9);
  EXPECT_LE(best, lag.Evaluate({0.0, 0.0}) + 1e-9);
}

TEST(Lagrangian, HullPruningKeepsOnlyCornersForProportionalWeights) {
  Model m;
  m.rows = 2;
  m.row_names = {"budget", "capacity"};
  m.rhs = {100, 100};
  m.groups.push_back({"A", false, 0, 0});
  // value concave in quantity plus one point below the hull (q=3).
  const double q[] = {1, 2, 3, 4};
  const double v[] = {10, 18, 20, 30};
  for (int j = 0; j < 4; ++j) m.AddCandidate(v[j], {2 * q[j], q[j]}, 2 * q[j]);
  Lagrangian lag(m);
  EXPECT_EQ(lag.active_candidates(), 3);  // q=3 lies under the chord from 2 to 4
}

TEST(Solver, TimeLimitOrOptimalOnTinyLimit) {
  Spec s;
  s.groups = 60;
  s.max_cands = 6;
  Model m = RandomModel(9, s);
  SolveLimits lim;
  lim.time_limit = 5.0;
  SolveOutcome out = SolveWithCbc(m, lim);
  ASSERT_TRUE(out.status == SolveStatus::kOptimal || out.status == SolveStatus::kTimeLimit);
  EXPECT_TRUE(out.has_solution);
  EXPECT_GE(out.bound, out.objective - 1e-9);
}

TEST(Model, CheckFeasibleNamesTheViolation) {
  Model m;
  m.rows = 1;
  m.row_names = {"budget"};
  m.rhs = {5};
  m.suppliers.push_back({"ACME", 8});
  m.groups.push_back({"A", false, 0, 0});
  m.AddCandidate(3, {6}, 6, 0);
  m.groups.push_back({"B", true, 1, 1});
  m.AddCandidate(1, {1}, 1, -1);
  EXPECT_NE(CheckFeasible(m, {0, 1}).find("budget"), std::string::npos);
  EXPECT_NE(CheckFeasible(m, {-1, -1}).find("must be ordered"), std::string::npos);
  m.rhs = {50};
  EXPECT_NE(CheckFeasible(m, {0, 1}).find("ACME"), std::string::npos);
  EXPECT_EQ(CheckFeasible(m, {-1, 1}), "");
}

}  // namespace
}  // namespace invplan::optimize
