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

// The level of `sku` at `location` in a network plan.
const nlohmann::json& LevelAt(const nlohmann::json& doc, const std::string& sku,
                              const std::string& location) {
  for (const auto& s : doc["skus"]) {
    if (s["sku"] != sku) continue;
    for (const auto& l : s["levels"]) {
      if (l["location"] == location) return l;
    }
  }
  static const nlohmann::json kNone;
  ADD_FAILURE() << sku << " at " << location << ": no level";
  return kNone;
}

TEST(NetworkCli, ItemsLocationRowsOverrideTheSkuDefaults) {
  TempDir dir;
  const std::string items =
      dir.Write("items.csv",
                "sku,location,lead_time,holding_cost,service_level,pack_size\n"
                "NW-100,S01,4,,0.99,\n"
                "NW-100,DC,,,,250\n"
                "NW-200,S02,,0.5,,\n"
                "NW-300,,,,0.9,\n");
  const std::string base = "network --network " + RepoPath("data/network.csv") + " --forecast " +
                           DemoForecast() + " --stock " + RepoPath("data/network_stock.csv");
  const auto plain = RunInvplan(base + " -o " + dir.File("plain.json"));
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const auto r = RunInvplan(base + " --items " + items + " -o " + dir.File("plan.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto p0 = nlohmann::json::parse(testing::ReadFile(dir.File("plain.json")));
  const auto p1 = nlohmann::json::parse(testing::ReadFile(dir.File("plan.json")));
  // S01: lead time 4 instead of 1 and 99% service: more demand covered, higher level.
  const auto& s01 = LevelAt(p1, "NW-100", "S01");
  EXPECT_EQ(s01["lead_time"], 4);
  EXPECT_EQ(s01["service_level"], 0.99);
  EXPECT_GT(s01["demand_mean"].get<double>(),
            2.0 * LevelAt(p0, "NW-100", "S01")["demand_mean"].get<double>());
  // NW-300 takes its default row's 90% everywhere: lower levels than at 95%.
  for (const auto& sku : p1["skus"]) {
    if (sku["sku"] == "NW-300") {
      EXPECT_EQ(sku["service_level"], 0.9);
    } else if (sku["sku"] == "NW-400") {
      EXPECT_FALSE(sku.contains("service_level"));
    }
  }
  EXPECT_LT(LevelAt(p1, "NW-300", "S02")["base_stock"].get<double>(),
            LevelAt(p0, "NW-300", "S02")["base_stock"].get<double>());
  // NW-200 at S02: dearer holding, lower level; the other stores unchanged.
  EXPECT_EQ(LevelAt(p1, "NW-200", "S02")["holding_cost"], 0.5);
  EXPECT_LT(LevelAt(p1, "NW-200", "S02")["base_stock"].get<double>(),
            LevelAt(p0, "NW-200", "S02")["base_stock"].get<double>());
  EXPECT_EQ(LevelAt(p1, "NW-400", "S03")["base_stock"], LevelAt(p0, "NW-400", "S03")["base_stock"]);
  // The DC's purchase of NW-100 comes in whole packs of 250.
  int purchases = 0;
  for (const auto& l : p1["lines"]) {
    if (l["sku"] == "NW-100" && l["kind"] == "purchase") {
      ++purchases;
      EXPECT_EQ(l["quantity"].get<long>() % 250, 0) << l;
    }
  }
  EXPECT_EQ(purchases, 1);
  EXPECT_EQ(p1["inputs"].size(), p0["inputs"].size() + 1);
}

TEST(NetworkCli, ItemsLocationRowErrorsAreExit3NamingTheLine) {
  TempDir dir;
  const std::string base = "network --network " + RepoPath("data/network.csv") + " --forecast " +
                           DemoForecast() + " -o " + dir.File("plan.json") + " --items ";
  const auto twice = RunInvplan(base + dir.Write("items.csv",
                                                 "sku,location,lead_time\n"
                                                 "NW-100,S01,2\n"
                                                 "NW-100,,3\n"
                                                 "NW-100,S01,4\n"));
  EXPECT_EQ(twice.exit_code, 3);
  EXPECT_NE(twice.err.find("items.csv:4: SKU 'NW-100' at location 'S01' is listed twice (first "
                           "on line 2)"),
            std::string::npos)
      << twice.err;
  const auto unknown =
      RunInvplan(base + dir.Write("other.csv", "sku,location,lead_time\nNW-100,S99,2\n"));
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_NE(unknown.err.find("other.csv:2: column 'location': 'S99' (SKU 'NW-100') is not a "
                             "location of "),
            std::string::npos)
      << unknown.err;
  EXPECT_FALSE(testing::Exists(dir.File("plan.json")));
}

TEST(NetworkCli, OrdersArtifactCarriesFromAndToAndTheReportReadsIt) {
  TempDir dir;
  const std::string items = dir.Write("items.csv",
                                      "sku,unit_cost,supplier\n"
                                      "NW-100,2.5,ACME\n"
                                      "NW-200,1,ACME\n");
  const auto r = RunInvplan("network --network " + RepoPath("data/network.csv") + " --forecast " +
                            DemoForecast() + " --stock " + RepoPath("data/network_stock.csv") +
                            " --items " + items + " --budget 400 -o " + dir.File("plan.json") +
                            " --orders " + dir.File("orders.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto plan = nlohmann::json::parse(testing::ReadFile(dir.File("plan.json")));
  const auto orders = nlohmann::json::parse(testing::ReadFile(dir.File("orders.json")));
  EXPECT_EQ(orders["format"], "invplan.orders");
  EXPECT_EQ(orders["mode"], "network");
  // Every line of the plan, with its route; purchases priced from the items master.
  ASSERT_EQ(orders["lines"].size(), plan["lines"].size());
  double spend = 0.0;
  for (std::size_t i = 0; i < plan["lines"].size(); ++i) {
    const auto& o = orders["lines"][i];
    const auto& p = plan["lines"][i];
    EXPECT_EQ(o["from"], p["from"]);
    EXPECT_EQ(o["to"], p["to"]);
    EXPECT_EQ(o["kind"], p["kind"]);
    EXPECT_EQ(o["quantity"].get<double>(), p["quantity"].get<double>());
    if (p["kind"] == "purchase" && p["sku"] == "NW-100") {
      EXPECT_DOUBLE_EQ(o["cost"].get<double>(), 2.5 * p["quantity"].get<double>());
    }
    spend += o["cost"].get<double>();
  }
  EXPECT_LE(spend, 400.0);
  EXPECT_DOUBLE_EQ(orders["budget_used"].get<double>(), spend);
  EXPECT_EQ(orders["binding"], nlohmann::json::array({"budget"}));
  const auto rep = RunInvplan("report --forecast " + DemoForecast() + " --orders " +
                              dir.File("orders.json") + " -o " + dir.File("report.html"));
  ASSERT_EQ(rep.exit_code, 0) << rep.err;
  const std::string html = testing::ReadFile(dir.File("report.html"));
  EXPECT_NE(html.find("from → to"), std::string::npos);
  EXPECT_NE(html.find("ACME → DC"), std::string::npos);
  EXPECT_NE(html.find("DC → S0"), std::string::npos);
}

}  // namespace
}  // namespace invplan
