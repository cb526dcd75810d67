// The network stage in-process: tonight's lines, the simulation and
// determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "invplan/error.h"
#include "invplan/forecast_artifact.h"
#include "invplan/network.h"
#include "invplan/panel.h"
#include "network/gsm_tree.h"
#include "normal_forecast.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

std::string Forecast(const TempDir& dir, const std::vector<testing::NormalSeries>& s) {
  return testing::WriteNormalForecast(dir, s);
}

const char* kNetwork =
    "location,parent,lead_time,holding_cost\n"
    "DC,ACME,5,0.02\n"
    "S1,DC,1,0.05\n"
    "S2,DC,2,0.05\n"
    "S3,DC,1,0.05\n"
    "S4,BOLT,3,0.05\n";

NetworkOptions Options(const TempDir& dir) {
  NetworkOptions o;
  o.network = dir.Write("network.csv", kNetwork);
  o.forecast = Forecast(dir, {{"A", "S1", 10.0, 4.0},
                              {"A", "S2", 20.0, 6.0},
                              {"A", "S3", 5.0, 3.0},
                              {"A", "S4", 8.0, 3.0},
                              {"B", "S1", 3.0, 2.0}});
  o.output = dir.File("plan.json");
  return o;
}

Json Read(const std::string& path) {
  return Json::parse(testing::ReadFile(path));
}

TEST(NetworkStage, LevelsAndLinesFromScratch) {
  TempDir dir;
  NetworkOptions o = Options(dir);
  RunContext ctx;
  const NetworkResult r = RunNetwork(o, ctx);
  EXPECT_EQ(r.skus, 2u);
  const Json doc = Read(o.output);
  EXPECT_EQ(doc["format"], kNetworkPlanFormat);
  ASSERT_EQ(doc["skus"].size(), 2u);
  const Json& a = doc["skus"][0];
  EXPECT_EQ(a["sku"], "A");
  // DC first, then the stores in network order.
  ASSERT_EQ(a["levels"].size(), 5u);
  EXPECT_EQ(a["levels"][0]["location"], "DC");
  double stores = 0.0;
  for (int i = 1; i <= 3; ++i) stores += a["levels"][i]["base_stock"].get<double>();
  EXPECT_NEAR(a["levels"][0]["echelon_base_stock"].get<double>() - stores,
              a["levels"][0]["base_stock"].get<double>(), 1e-9);
  // S2: exposure 3 days of N(20, 6^2): mean 60, sd 6 sqrt(3).
  EXPECT_NEAR(a["levels"][2]["demand_mean"].get<double>(), 60.0, 1e-9);
  EXPECT_NEAR(a["levels"][2]["demand_sd"].get<double>(), 6.0 * std::sqrt(3.0), 1e-9);
  // DC: 5 days of the three stores: mean 175.
  EXPECT_NEAR(a["levels"][0]["demand_mean"].get<double>(), 175.0, 1e-9);
  // With nothing in stock: the DC orders its echelon level, S4 its own level
  // from its supplier, and nothing is shipped (the DC is empty).
  int po_dc = 0, po_s4 = 0, shipments = 0;
  for (const Json& l : doc["lines"]) {
    if (l["sku"] != "A") continue;
    if (l["to"] == "DC") {
      EXPECT_EQ(l["from"], "ACME");
      EXPECT_EQ(l["quantity"].get<std::int64_t>(),
                static_cast<std::int64_t>(
                    std::ceil(a["levels"][0]["echelon_base_stock"].get<double>() - 1e-9)));
      ++po_dc;
    } else if (l["to"] == "S4") {
      EXPECT_EQ(l["from"], "BOLT");
      ++po_s4;
    } else {
      ++shipments;
    }
  }
  EXPECT_EQ(po_dc, 1);
  EXPECT_EQ(po_s4, 1);
  EXPECT_EQ(shipments, 0);
}

TEST(NetworkStage, ShortDcStockIsSplitAndNeverOverShipped) {
  TempDir dir;
  NetworkOptions o = Options(dir);
  o.stock = dir.Write("stock.csv",
                      "sku,location,on_hand,on_order\n"
                      "A,DC,30,0\n"
                      "A,S1,2,0\n"
                      "A,S2,5,10\n"
                      "B,DC,500,\n");
  RunContext ctx;
  RunNetwork(o, ctx);
  const Json doc = Read(o.output);
  std::int64_t shipped_a = 0, shipped_b = 0;
  for (const Json& l : doc["lines"]) {
    if (l["from"] != "DC") continue;
    (l["sku"] == "A" ? shipped_a : shipped_b) += l["quantity"].get<std::int64_t>();
  }
  EXPECT_EQ(shipped_a, 30);  // every unit the DC has goes where it is worth most
  // B: S1 wants its whole level, and the DC has plenty.
  const double s1 = doc["skus"][1]["levels"][1]["base_stock"].get<double>();
  EXPECT_EQ(shipped_b, static_cast<std::int64_t>(std::ceil(s1 - 1e-9)));
}

TEST(NetworkStage, SimulationIsTheSameWhateverTheThreads) {
  TempDir dir;
  NetworkOptions o = Options(dir);
  o.simulate = 60;
  o.replications = 5;
  o.warmup = 10;
  RunContext one;
  one.threads = 1;
  RunNetwork(o, one);
  Json a = Read(o.output);
  RunContext four;
  four.threads = 4;
  RunNetwork(o, four);
  Json b = Read(o.output);
  a.erase("created_at");
  b.erase("created_at");
  EXPECT_EQ(a.dump(), b.dump());
  const Json& sys = a["simulation"]["plan"]["system"]["fill_rate"];
  EXPECT_LE(sys["lo"].get<double>(), sys["mean"].get<double>());
  EXPECT_LE(sys["mean"].get<double>(), sys["hi"].get<double>());
  EXPECT_GT(sys["mean"].get<double>(), 0.8);
  EXPECT_LE(sys["mean"].get<double>(), 1.0);
  EXPECT_EQ(a["simulation"]["alone"]["locations"].size(), 5u);
}

TEST(NetworkStage, ForecastLocationOutsideTheNetworkIsBadInput) {
  TempDir dir;
  NetworkOptions o = Options(dir);
  o.forecast = Forecast(dir, {{"A", "S9", 1.0, 1.0}});
  RunContext ctx;
  try {
    RunNetwork(o, ctx);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("series 'A' at location 'S9'"), std::string::npos);
  }
  EXPECT_FALSE(testing::Exists(o.output));
}

TEST(NetworkStage, StockAtAnUnknownLocationNamesTheRow) {
  TempDir dir;
  NetworkOptions o = Options(dir);
  o.stock = dir.Write("stock.csv", "sku,location,on_hand\nA,DC,1\nA,S7,2\n");
  RunContext ctx;
  try {
    RunNetwork(o, ctx);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("stock.csv:3: column 'location'"), std::string::npos)
        << e.what();
  }
}

// Anomalies acted on: a recent data_error at S1 stops A's shipment there, a
// supply_delay at the DC leaves B's on_order out of the DC's position (so it
// orders that much more), an old record does nothing; each action is listed.
TEST(NetworkStage, AnomaliesBlockOrdersAndDelayOpenOrders) {
  TempDir dir;
  NetworkOptions o = Options(dir);
  o.stock = dir.Write("stock.csv",
                      "sku,location,on_hand,on_order\n"
                      "A,DC,400,0\n"
                      "B,DC,5,40\n");
  RunContext ctx;
  RunNetwork(o, ctx);
  const Json before = Read(o.output);
  auto record = [](const char* sku, const char* loc, const char* type, std::int64_t day) {
    return Json{{"sku", sku},      {"location", loc}, {"date", FormatDay(day)},
                {"anomaly", true}, {"type", type},    {"note", "test"}};
  };
  RunInfo run;
  Json an = MakeEnvelope("invplan.anomalies", 1, run);
  an["records"] =
      Json::array({record("A", "S1", "data_error", 20000), record("B", "DC", "supply_delay", 19999),
                   record("A", "S3", "data_error", 19000)});
  o.anomalies = dir.Write("anomalies.json", an.dump());
  const NetworkResult r = RunNetwork(o, ctx);
  EXPECT_EQ(r.blocked, 1u);
  EXPECT_EQ(r.delayed, 1u);
  const Json after = Read(o.output);
  auto quantity = [](const Json& doc, const char* sku, const char* from, const char* to) {
    std::int64_t q = 0;
    for (const Json& l : doc["lines"]) {
      if (l["sku"] == sku && l["from"] == from && l["to"] == to) q += l["quantity"].get<int>();
    }
    return q;
  };
  EXPECT_GT(quantity(before, "A", "DC", "S1"), 0);
  EXPECT_EQ(quantity(after, "A", "DC", "S1"), 0);
  EXPECT_EQ(quantity(after, "A", "DC", "S3"), quantity(before, "A", "DC", "S3"));
  EXPECT_GT(quantity(after, "A", "DC", "S3"), 0);
  const double echelon = after["skus"][1]["levels"][0]["echelon_base_stock"].get<double>();
  EXPECT_EQ(quantity(after, "B", "ACME", "DC"),
            static_cast<std::int64_t>(std::ceil(echelon - 5.0 - 1e-9)));
  EXPECT_EQ(quantity(before, "B", "ACME", "DC"),
            std::max<std::int64_t>(0, static_cast<std::int64_t>(std::ceil(echelon - 45.0 - 1e-9))));
  ASSERT_EQ(after["actions"].size(), 2u);
  EXPECT_EQ(after["actions"][0]["type"], "data_error");
  EXPECT_EQ(after["actions"][1]["location"], "DC");
}

// Lateral transfers: with an empty DC, S1's surplus goes to S2 and S3 (whose
// transport costs nothing here), only with --transfers, never more than S1 holds.
TEST(NetworkStage, TransfersMoveSurplusBetweenStoresOnlyWhenAsked) {
  TempDir dir;
  NetworkOptions o = Options(dir);
  o.stock = dir.Write("stock.csv", "sku,location,on_hand,on_order\nA,S1,200,0\n");
  RunContext ctx;
  RunNetwork(o, ctx);
  const Json without = Read(o.output);
  for (const Json& l : without["lines"]) EXPECT_NE(l["kind"], "transfer") << l.dump();
  o.transfers = true;
  const NetworkResult r = RunNetwork(o, ctx);
  std::int64_t moved = 0;
  const Json with = Read(o.output);
  for (const Json& l : with["lines"]) {
    if (l["kind"] != "transfer") continue;
    EXPECT_EQ(l["from"], "S1");
    EXPECT_TRUE(l["to"] == "S2" || l["to"] == "S3") << l.dump();
    moved += l["quantity"].get<std::int64_t>();
  }
  EXPECT_GT(moved, 0);
  EXPECT_LE(moved, 200);
  EXPECT_EQ(r.units_transferred, static_cast<double>(moved));
}

// --gsm on the tree of Snyder & Shen's example 6.5 (supplier -> N1 -> N3 ->
// {N2, N4}; T = 2, 1, 1, 1; h = 1, 2, 3, 3; z = 1; demand sd 1 at the stores)
// with the plan's conventions (inbound 0 from the supplier, stores quote 0):
// the placement is the programme's optimum for those nodes, and each base
// stock is mean x net lead time + safety stock.
TEST(NetworkStage, GsmPlacementIsTheGuaranteedServiceOptimum) {
  TempDir dir;
  NetworkOptions o;
  o.network = dir.Write("network.csv",
                        "location,parent,lead_time,holding_cost\n"
                        "N1,SUP,2,1\nN2,N3,1,3\nN3,N1,1,2\nN4,N3,1,3\n");
  // Normal sd 1 with mean 0.5: the count distribution keeps variance 1.
  o.forecast = Forecast(dir, {{"A", "N2", 0.5, 1.0}, {"A", "N4", 0.5, 1.0}});
  o.output = dir.File("plan.json");
  o.service_level = 0.8413447460685429;  // z = 1
  RunContext ctx;
  RunNetwork(o, ctx);
  EXPECT_FALSE(Read(o.output)["skus"][0].contains("gsm"));
  o.gsm = true;
  RunNetwork(o, ctx);
  const Json plan = Read(o.output);
  const Json& gsm = plan["skus"][0]["gsm"];
  ASSERT_TRUE(plan["method"].contains("gsm"));

  std::vector<network::GsmNode> nodes(4);  // network order N1, N2, N3, N4
  nodes[0] = {{}, 2, 1.0, 1.0, 0.0, false, 0, 0};
  nodes[1] = {{2}, 1, 3.0, 1.0, 1.0, true, 0, 0};
  nodes[2] = {{0}, 1, 2.0, 1.0, 0.0, false, 0, 0};
  nodes[3] = {{2}, 1, 3.0, 1.0, 1.0, true, 0, 0};
  const network::GsmSolution want = network::OptimizeGsmTree(nodes);
  EXPECT_NEAR(gsm["cost"].get<double>(), want.cost, 1e-6);
  const double mean[4] = {1.0, 0.5, 1.0, 0.5};
  ASSERT_EQ(gsm["locations"].size(), 4u);
  for (int k = 0; k < 4; ++k) {
    const Json& l = gsm["locations"][k];
    EXPECT_EQ(l["outbound_service_time"], want.outbound_cst[k]) << l.dump();
    EXPECT_EQ(l["inbound_service_time"], want.inbound_cst[k]) << l.dump();
    EXPECT_NEAR(l["safety_stock"].get<double>(), want.safety_stock[k], 1e-6) << l.dump();
    EXPECT_NEAR(l["base_stock"].get<double>(),
                mean[k] * want.net_lead_time[k] + want.safety_stock[k], 1e-6)
        << l.dump();
  }
  // Stores quote 0 to customers; safety stock is held somewhere.
  EXPECT_EQ(gsm["locations"][1]["outbound_service_time"], 0);
  EXPECT_GT(gsm["cost"].get<double>(), 0.0);
}

}  // namespace
}  // namespace invplan
