// Whole-numbered values (Model::value_step): the searches prune with the step,
// which must never lose the optimum, and near-tie instances that ran for
// minutes with real-valued pruning are proven optimal at once. Also the sums
// ValidateModel refuses.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/random.h"
#include "invplan/error.h"
#include "optimize/branch_bound.h"
#include "optimize/cbc_solver.h"
#include "optimize/mck_solver.h"
#include "optimize/model.h"
#include "random_model.h"

namespace invplan::optimize {
namespace {

// Values that are whole numbers of `unit` (1 or 0.01) with many exact ties.
Model TiedModel(std::uint64_t seed, double unit) {
  Spec s;
  s.groups = 7;
  s.max_cands = 4;
  s.value_step = 3.0;
  s.tightness = 0.2 + 0.03 * static_cast<double>(seed % 10);
  s.big_items = seed % 5 == 1;
  s.capacity = seed % 4 != 2;
  Model m = RandomModel(seed, s);
  for (double& v : m.value) v *= unit;
  m.value_step = ValueStep(m);
  return m;
}

TEST(WholeValues, StepIsDetected) {
  Model whole = TiedModel(1, 1.0);
  EXPECT_EQ(whole.value_step, 1.0);
  Model cents = TiedModel(1, 0.01);
  EXPECT_EQ(cents.value_step, 0.01);
  Model real = RandomModel(1, Spec{});
  EXPECT_EQ(ValueStep(real), 0.0);
}

TEST(WholeValues, PruningWithTheStepKeepsTheOptimum) {
  int checked = 0;
  for (std::uint64_t seed = 300; seed < 360; ++seed) {
    for (double unit : {1.0, 0.01}) {
      Model m = TiedModel(seed, unit);
      const double truth = BruteForce(m);
      const std::string what = "seed " + std::to_string(seed) + " unit " + std::to_string(unit);
      SolveOutcome mck = SolveMck(m, {});
      SolveOutcome bb = SolveCoreBranchAndBound(m, Everything(m), {}, {}, -kInf);
      if (std::isinf(truth)) {
        EXPECT_EQ(mck.status, SolveStatus::kInfeasible) << what;
        continue;
      }
      ++checked;
      ASSERT_EQ(mck.status, SolveStatus::kOptimal) << what << " " << mck.message;
      ASSERT_EQ(bb.status, SolveStatus::kOptimal) << what << " " << bb.message;
      EXPECT_NEAR(mck.objective, truth, 1e-9 * std::max(1.0, std::fabs(truth))) << what;
      EXPECT_NEAR(bb.objective, truth, 1e-9 * std::max(1.0, std::fabs(truth))) << what;
      // A guessed cutoff between two multiples finds the optimum above it.
      SolveOutcome guess = SolveCoreBranchAndBound(m, Everything(m), {}, {}, truth - 0.5 * unit);
      ASSERT_EQ(guess.status, SolveStatus::kOptimal) << what;
      EXPECT_NEAR(guess.objective, truth, 1e-9 * std::max(1.0, std::fabs(truth))) << what;
    }
  }
  EXPECT_GT(checked, 60);
}

// Three thousand SKUs whose lines are worth their cost plus or minus 3 under a
// budget: a subset-sum in disguise, where the Lagrangian bound sits a few units
// above the optimum. The search stops at its time limit with the best plan, a
// valid bound and a small gap (status time_limit), or proves the plan (whole
// values: once the bound is less than one unit above it).
TEST(WholeValues, NearTiesStopAtTheTimeLimitWithBoundAndGap) {
  Rng rng(11);
  Model m;
  m.rows = 1;
  m.row_names = {"budget"};
  m.rhs = {50000};
  for (int g = 0; g < 3000; ++g) {
    m.groups.push_back({"S" + std::to_string(g), false, m.candidates(), m.candidates()});
    for (int q = 1; q <= 8; ++q) {
      const double cost = 10.0 * q + static_cast<double>(rng.Below(6));
      const double value = cost + (rng.Uniform() < 0.5 ? -3.0 : 3.0);
      m.AddCandidate(value, {cost}, cost);
    }
  }
  m.value_step = ValueStep(m);
  ASSERT_EQ(m.value_step, 1.0);
  SolveLimits limits;
  limits.time_limit = 2;
  MckStats st;
  SolveOutcome out = SolveMck(m, limits, &st);
  ASSERT_TRUE(out.status == SolveStatus::kOptimal || out.status == SolveStatus::kTimeLimit)
      << out.message;
  ASSERT_TRUE(out.has_solution);
  EXPECT_EQ(CheckFeasible(m, out.pick), "");
  EXPECT_EQ(out.objective, std::round(out.objective));
  EXPECT_GE(out.bound, out.objective);
  EXPECT_LE(out.bound, st.lagrangian_bound + 1e-9);
  EXPECT_LT(out.bound - out.objective, 1e-3 * out.objective);
  if (out.status == SolveStatus::kTimeLimit) {
    EXPECT_GE(out.bound - out.objective, 1.0 - 1e-6);
  }
}

TEST(WholeValues, SumsBeyondFloatingPointAreRefused) {
  Model m;
  m.rows = 1;
  m.row_names = {"budget"};
  m.rhs = {5};
  for (const char* sku : {"A", "B", "C"}) {
    m.groups.push_back({sku, false, m.candidates(), m.candidates()});
    m.AddCandidate(1e308, {1.0}, 1.0);
  }
  try {
    ValidateModel(m);
    FAIL() << "accepted values summing to infinity";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("values sum to more than 1e200"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace invplan::optimize
