// End-to-end tests of `invplan network` on the demo network: the plan, the
// simulation's comparison, exit codes and messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace invplan {
namespace {

using testing::RepoPath;
using testing::RunInvplan;
using testing::TempDir;

// One forecast of the demo network's sales for every test of this file.
const std::string& DemoForecast() {
  static TempDir* dir = new TempDir();
  static const std::string path = [] {
    const std::string p = dir->File("forecast.json");
    const auto r = RunInvplan("forecast -i " + RepoPath("data/network_sales.csv") +
                              " --location-col location -q -o " + p);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return p;
  }();
  return path;
}

TEST(NetworkCli, PlansTheDemoNetworkWithShortDcStock) {
  TempDir dir;
  const std::string out = dir.File("plan.json");
  const auto r =
      RunInvplan("network --network " + RepoPath("data/network.csv") + " --forecast " +
                 DemoForecast() + " --stock " + RepoPath("data/network_stock.csv") + " -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("network: 4 SKUs over 11 locations"), std::string::npos) << r.err;
  const auto doc = nlohmann::json::parse(testing::ReadFile(out));
  EXPECT_EQ(doc["format"], "invplan.network_plan");
  EXPECT_EQ(doc["config"]["service-level"], "0.95");
  ASSERT_EQ(doc["skus"].size(), 4u);
  EXPECT_EQ(doc["skus"][0]["levels"].size(), 11u);
  // NW-100: the DC holds 40 units, less than its stores need: all 40 are shipped.
  long shipped = 0;
  int po = 0;
  for (const auto& l : doc["lines"]) {
    if (l["sku"] != "NW-100") continue;
    if (l["from"] == "DC") shipped += l["quantity"].get<long>();
    if (l["from"] == "ACME" && l["to"] == "DC") ++po;
  }
  EXPECT_EQ(shipped, 40);
  EXPECT_EQ(po, 1);
}

TEST(NetworkCli, SimulationComparesWithEveryLocationAlone) {
  TempDir dir;
  const std::string out = dir.File("plan.json");
  const auto r = RunInvplan("network --network " + RepoPath("data/network.csv") + " --forecast " +
                            DemoForecast() + " --simulate 120 --replications 4 -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("simulated: fill rate"), std::string::npos) << r.err;
  const auto doc = nlohmann::json::parse(testing::ReadFile(out));
  const auto& sim = doc["simulation"];
  // Coordinated planning holds clearly less stock than every location alone.
  EXPECT_LT(sim["stock_change_vs_alone"]["hi"].get<double>(), -0.15);
  EXPECT_GT(sim["plan"]["system"]["fill_rate"]["mean"].get<double>(), 0.95);
  EXPECT_EQ(sim["plan"]["locations"].size(), 11u);
}

TEST(NetworkCli, BadNetworkIsExit3NamingTheRow) {
  TempDir dir;
  const std::string net = dir.Write("network.csv",
                                    "location,parent,lead_time,holding_cost\n"
                                    "DC,ACME,7,0.02\n"
                                    "S01,S02,1,0.05\n"
                                    "S02,S01,1,0.05\n");
  const auto r = RunInvplan("network --network " + net + " --forecast " + DemoForecast() + " -o " +
                            dir.File("plan.json"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("network.csv:3: location 'S01' has no path to a supplier"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("plan.json")));
}

TEST(NetworkCli, MissingOptionsAreUsageErrors) {
  const auto r = RunInvplan("network --network x.csv -o -");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("forecast"), std::string::npos) << r.err;
  const auto s = RunInvplan("network --network x.csv --forecast f.json -o - --service-level 0.2");
  EXPECT_EQ(s.exit_code, 2);
  EXPECT_NE(s.err.find("--service-level"), std::string::npos) << s.err;
}

}  // namespace
}  // namespace invplan
