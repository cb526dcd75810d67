// A policy trained in lots of several units must simulate with the same money
// per unit: the policy artifact stores prices and costs per unit, not per lot.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace invplan {
namespace {

TEST(RlLotsCli, PolicyInLotsSimulatesWithTheSameEconomics) {
  testing::TempDir dir;
  const std::string env =
      " --demand poisson:20 --unit 5 --price 10 --unit-cost 6 --holding-cost 0.2"
      " --lost-sale-penalty 2 --lead-time 1 --seed 3";
  auto train = testing::RunInvplan("train-rl -q" + env + " --episodes 20 --steps 5000" +
                                   " --eval-periods 20000 -o " + dir.File("p.json"));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  auto policy = nlohmann::json::parse(testing::ReadFile(dir.File("p.json")));
  const auto& entry = policy.contains("policies") ? policy["policies"][0] : policy;
  EXPECT_DOUBLE_EQ(entry["environment"]["price"].get<double>(), 10.0);
  EXPECT_DOUBLE_EQ(entry["environment"]["unit_cost"].get<double>(), 6.0);
  auto sim = testing::RunInvplan("simulate -q --policy " + dir.File("p.json") +
                                 " --periods 20000 --replications 4 -o " + dir.File("s.json"));
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  auto s = nlohmann::json::parse(testing::ReadFile(dir.File("s.json")));
  EXPECT_DOUBLE_EQ(s["environment"]["price"].get<double>(), 10.0);
}

}  // namespace
}  // namespace invplan
