// End-to-end tests of `invplan optimize`: the three input modes, CSV output,
// exit codes and messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

const char* kLines =
    "sku,quantity,cost,value,volume,supplier\n"
    "A,10,50,30,5,ACME\n"
    "A,20,100,45,10,ACME\n"
    "B,5,40,25,2,BOLT\n"
    "C,8,60,20,8,BOLT\n"
    "C,16,120,44,16,BOLT\n";

TEST(OptimizeCli, CandidatesModeIsOptimalUnderBudget) {
  TempDir dir;
  std::string in = dir.Write("lines.csv", kLines);
  auto r = RunInvplan("optimize --candidates " + in + " --budget 160 --capacity 30 -o " +
                      dir.File("orders.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(testing::ReadFile(dir.File("orders.json")));
  EXPECT_EQ(doc["format"], "invplan.orders");
  EXPECT_EQ(doc["status"], "optimal");
  // Best within 160: A20 (100) + B (40) = 70; A10 + B + C8 = 75 at cost 150.
  EXPECT_DOUBLE_EQ(doc["objective"].get<double>(), 75.0);
  EXPECT_EQ(doc["lines"].size(), 3u);
  EXPECT_DOUBLE_EQ(doc["budget_used"].get<double>(), 150.0);
  EXPECT_NE(r.err.find("3 of 3 SKUs ordered"), std::string::npos) << r.err;
  // The general engine agrees.
  auto c =
      RunInvplan("optimize --candidates " + in + " --budget 160 --capacity 30 --solver cbc -o -");
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(c.out)["objective"].get<double>(), 75.0);
}

TEST(OptimizeCli, SupplierMinimumAndCsvOutput) {
  TempDir dir;
  std::string in = dir.Write("lines.csv", kLines);
  std::string mins = dir.Write("min.csv", "supplier,min_value\nBOLT,150\n");
  auto r = RunInvplan("optimize --candidates " + in + " --budget 160 --supplier-min " + mins +
                      " --format csv -o " + dir.File("po.csv") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  // BOLT needs >= 150: B + C16 = 160 (value 69) beats A20 alone (45) and
  // A + B alone (55 but B below BOLT's minimum).
  EXPECT_EQ(testing::ReadFile(dir.File("po.csv")),
            "sku,supplier,quantity,cost,volume,value\n"
            "B,BOLT,5,40.00,2,25.00\n"
            "C,BOLT,16,120.00,16,44.00\n");
}

TEST(OptimizeCli, CoverModeMinimisesCost) {
  TempDir dir;
  std::string in =
      dir.Write("cover.csv", "sku,cost,demand\nA,10,4\nA,18,9\nB,7,3\nC,12,6\nD,30,20\n");
  auto r = RunInvplan("optimize --candidates " + in + " --cover 12 -o -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["mode"], "cover");
  EXPECT_EQ(doc["objective_kind"], "cost");
  // A18 (9) + B (3) = 12 demand for 25.
  EXPECT_DOUBLE_EQ(doc["objective"].get<double>(), 25.0);
  EXPECT_GE(doc["cover_achieved"].get<double>(), 12.0);
}

TEST(OptimizeCli, ErrorsAndExitCodes) {
  TempDir dir;
  EXPECT_EQ(RunInvplan("optimize -o x.json").exit_code, 2);
  EXPECT_EQ(RunInvplan("optimize --candidates a.csv --forecast f.json --items i.csv").exit_code, 2);
  EXPECT_EQ(RunInvplan("optimize --candidates a.csv --budget -5").exit_code, 2);
  std::string bad = dir.Write("bad.csv", "sku,quantity,cost,value\nA,1,-3,5\n");
  auto r = RunInvplan("optimize --candidates " + bad + " -o " + dir.File("o.json"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("bad.csv:2"), std::string::npos) << r.err;
  EXPECT_FALSE(testing::Exists(dir.File("o.json")));
  std::string in = dir.Write("cover.csv", "sku,cost,demand\nA,10,4\nB,7,3\n");
  auto inf = RunInvplan("optimize --candidates " + in + " --cover 50 -o " + dir.File("o.json"));
  EXPECT_EQ(inf.exit_code, 3);
  EXPECT_NE(inf.err.find("infeasible"), std::string::npos) << inf.err;
  auto doc = nlohmann::json::parse(testing::ReadFile(dir.File("o.json")));
  EXPECT_EQ(doc["status"], "infeasible");
}

TEST(OptimizeCli, PlanModeFromForecastArtifact) {
  TempDir dir;
  std::string f = dir.Write(
      "f.json",
      R"({"format":"invplan.forecast","schema_version":1,"frequency":"D","horizon":3,)"
      R"("levels":[80],"series":[)"
      R"({"sku":"A","history_end":"2024-01-31","forecast":[)"
      R"({"date":"2024-02-01","mean":5,"lo80":2,"hi80":8},{"date":"2024-02-02","mean":5,"lo80":2,"hi80":8},)"
      R"({"date":"2024-02-03","mean":5,"lo80":2,"hi80":8}]},)"
      R"({"sku":"B","history_end":"2024-01-31","forecast":[{"date":"2024-02-01","mean":1}]}]})");
  std::string items = dir.Write("items.csv",
                                "sku,unit_cost,price,holding_cost,pack_size,moq,max_qty,lead_time,"
                                "volume,supplier,on_hand,on_order\n"
                                "A,4,10,0.5,5,10,60,2,1,ACME,3,0\n"
                                "B,2,3,0.1,1,0,,0,1,ACME,0,0\n"
                                "X,1,2,0,1,0,,0,1,ACME,0,0\n");
  auto r = RunInvplan("optimize --forecast " + f + " --items " + items + " --budget 100 -o " +
                      dir.File("orders.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(testing::ReadFile(dir.File("orders.json")));
  EXPECT_EQ(doc["status"], "optimal");
  EXPECT_EQ(doc["mode"], "plan");
  EXPECT_EQ(doc["unknown_skus"]["items_without_forecast"][0], "X");
  ASSERT_GE(doc["lines"].size(), 1u);
  const auto& a = doc["lines"][0];
  EXPECT_EQ(a["sku"], "A");
  EXPECT_DOUBLE_EQ(a["demand_mean"].get<double>(), 15.0);  // 3 periods of 5
  EXPECT_DOUBLE_EQ(a["position"].get<double>(), 3.0);
  EXPECT_LE(doc["budget_used"].get<double>(), 100.0);
  EXPECT_EQ(static_cast<int>(a["quantity"].get<double>()) % 5, 0);
}

}  // namespace
}  // namespace invplan
