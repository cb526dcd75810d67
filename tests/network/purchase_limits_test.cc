// The network stage under purchase constraints: a budget, a DC capacity and a
// supplier minimum cut tonight's purchases to optimize's exact selection, and
// the plan says what they cut.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "invplan/forecast_artifact.h"
#include "invplan/network.h"
#include "invplan/panel.h"
#include "normal_forecast.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

// A forecast with a normal demand (mean, sd) per (sku, store), 14 days.
std::string LimitsForecast(const TempDir& dir) {
  return testing::WriteNormalForecast(dir, {{"A", "S1", 10.0, 4.0},
                                            {"A", "S2", 20.0, 6.0},
                                            {"A", "S3", 8.0, 3.0},
                                            {"B", "S1", 3.0, 2.0},
                                            {"B", "S3", 6.0, 2.0},
                                            {"C", "S2", 12.0, 5.0}});
}

// Purchases per "sku to" of a plan.
std::map<std::string, long> Purchases(const Json& doc) {
  std::map<std::string, long> out;
  for (const Json& l : doc["lines"]) {
    if (l["kind"] == "purchase") {
      out[l["sku"].get<std::string>() + " " + l["to"].get<std::string>()] +=
          l["quantity"].get<long>();
    }
  }
  return out;
}

struct LimitsCase {
  TempDir dir;
  NetworkOptions o;
  explicit LimitsCase(const std::string& dc_capacity = "") {
    o.network = dir.Write("network.csv",
                          "location,parent,lead_time,holding_cost,capacity\n"
                          "DC,ACME,5,0.02," +
                              dc_capacity +
                              "\n"
                              "S1,DC,1,0.05,\n"
                              "S2,DC,2,0.05,\n"
                              "S3,BOLT,3,0.05,\n");
    o.forecast = LimitsForecast(dir);
    o.items = dir.Write("items.csv",
                        "sku,unit_cost,pack_size\n"
                        "A,2,10\n"
                        "B,5,\n"
                        "C,1,\n");
    o.output = dir.File("plan.json");
  }
  Json Run() {
    RunContext ctx;
    RunNetwork(o, ctx);
    return Json::parse(testing::ReadFile(o.output));
  }
};

TEST(NetworkPurchaseLimits, LooseLimitsChangeNothing) {
  LimitsCase unlimited;
  const auto plain = Purchases(unlimited.Run());
  LimitsCase loose("100000");
  loose.o.budget = 1e9;
  const Json doc = loose.Run();
  EXPECT_EQ(Purchases(doc), plain);
  EXPECT_EQ(doc["constraints"]["status"], "optimal");
  EXPECT_TRUE(doc["not_ordered"].empty());
  // Whole packs of 10 for A.
  EXPECT_EQ(plain.at("A DC") % 10, 0);
}

TEST(NetworkPurchaseLimits, BudgetCutsToTheOptimumAndSaysSo) {
  LimitsCase unlimited;
  const auto plain = Purchases(unlimited.Run());
  double full = 0.0;
  const std::map<std::string, double> unit = {{"A", 2}, {"B", 5}, {"C", 1}};
  for (const auto& [k, q] : plain) full += unit.at(k.substr(0, 1)) * static_cast<double>(q);
  LimitsCase tight;
  tight.o.budget = std::floor(full / 2);
  const Json doc = tight.Run();
  double spent = 0.0;
  for (const auto& [k, q] : Purchases(doc)) {
    spent += unit.at(k.substr(0, 1)) * static_cast<double>(q);
    EXPECT_LE(q, plain.at(k)) << k;
  }
  EXPECT_LE(spent, *tight.o.budget);
  EXPECT_GT(spent, 0.8 * *tight.o.budget);  // the budget is used, not left idle
  EXPECT_NEAR(doc["constraints"]["budget_used"].get<double>(), spent, 1e-9);
  ASSERT_FALSE(doc["not_ordered"].empty());
  EXPECT_EQ(doc["binding"], Json::array({"budget"}));
  EXPECT_NE(doc["not_ordered"][0]["sku"].get<std::string>().find(" at "), std::string::npos);
}

TEST(NetworkPurchaseLimits, DcCapacityCountsStockAndArrivals) {
  LimitsCase s("150");
  s.o.stock = s.dir.Write("stock.csv",
                          "sku,location,on_hand,on_order\n"
                          "A,DC,30,20\n"
                          "C,DC,10,0\n"
                          "Z,DC,7,0\n");
  const Json doc = s.Run();
  long dc = 0;
  for (const auto& [k, q] : Purchases(doc)) {
    if (k.size() > 3 && k.substr(k.size() - 3) == " DC") dc += q;
  }
  // 30 + 20 + 10 on hand or on order, 7 of a SKU not planned tonight, less
  // what the DC ships tonight.
  long shipped = 0;
  for (const Json& l : doc["lines"]) {
    if (l["from"] == "DC") shipped += l["quantity"].get<long>();
  }
  const Json& cap = doc["constraints"]["capacities"][0];
  EXPECT_EQ(cap["location"], "DC");
  EXPECT_DOUBLE_EQ(cap["before"].get<double>(), 67.0 - static_cast<double>(shipped));
  EXPECT_LE(cap["before"].get<double>() + static_cast<double>(dc), 150.0);
  EXPECT_DOUBLE_EQ(cap["used"].get<double>(), cap["before"].get<double>() + dc);
  EXPECT_EQ(doc["binding"], Json::array({"capacity DC"}));
}

TEST(NetworkPurchaseLimits, SupplierMinimumDropsASmallSupplier) {
  LimitsCase s;
  // BOLT supplies S3 only (B and A there); a minimum far above it: nothing from BOLT.
  s.o.supplier_minimums = s.dir.Write("min.csv", "supplier,min_value\nBOLT,100000\n");
  const Json doc = s.Run();
  for (const Json& l : doc["lines"]) EXPECT_NE(l["from"], "BOLT") << l;
  EXPECT_FALSE(doc["constraints"]["notes"].empty());
  bool named = false;
  for (const Json& n : doc["not_ordered"]) {
    for (const Json& r : n["reasons"]) named = named || r == "supplier minimum";
  }
  EXPECT_TRUE(named) << doc["not_ordered"];
  EXPECT_EQ(doc["inputs"].size(), 4u);  // network, forecast, items, minimums
}

}  // namespace
}  // namespace invplan
