// End-to-end tests of `invplan forecast --stockouts`: the per-SKU count of
// stock-out periods, the mode in the artifact and its resolved config, the
// anomalies artifact as the signal, and the exit codes of bad values.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

std::string Day(int d) {
  char date[32];  // room for any int (-Wformat-truncation)
  std::snprintf(date, sizeof date, "2025-%02d-%02d", d < 31 ? 1 : 2, d < 31 ? d + 1 : d - 30);
  return date;
}

// 56 days of SKU A (about 12 a day) with its shelf empty on days 30..32 (sold
// 4, 0, 0), and SKU B always in stock; `stock` names the stock column ("" none).
std::string StockoutCliSales(const std::string& stock) {
  std::string csv = "date,sku,quantity" + (stock.empty() ? "" : "," + stock) + "\n";
  for (int d = 0; d < 56; ++d) {
    const bool out = d >= 30 && d <= 32;
    const int a = out ? (d == 30 ? 4 : 0) : 11 + d % 3;
    csv += Day(d) + ",A," + std::to_string(a) + (stock.empty() ? "" : out ? ",0" : ",40") + "\n";
    csv += Day(d) + ",B," + std::to_string(3 + d % 2) + (stock.empty() ? "" : ",9") + "\n";
  }
  return csv;
}

// detect's records: stock-outs of SKU A on days 30..32, a spike on day 10.
std::string Anomalies() {
  nlohmann::json doc = {{"format", "invplan.anomalies"},     {"schema_version", 1},
                        {"invplan_version", "test"},         {"config", nlohmann::json::object()},
                        {"inputs", nlohmann::json::array()}, {"records", nlohmann::json::array()}};
  for (int d : {30, 31, 32}) {
    doc["records"].push_back(
        {{"sku", "A"}, {"date", Day(d)}, {"anomaly", true}, {"type", "stockout"}});
  }
  doc["records"].push_back(
      {{"sku", "A"}, {"date", Day(10)}, {"anomaly", true}, {"type", "demand_spike"}});
  return doc.dump();
}

nlohmann::json Read(const std::string& path) {
  return nlohmann::json::parse(testing::ReadFile(path));
}

TEST(StockoutsCli, CensoredPeriodsPerSkuAndTheModeRecorded) {
  TempDir dir;
  const std::string in = dir.Write("sales.csv", StockoutCliSales("on_hand"));
  const std::string out = dir.File("fc.json");
  auto r = RunInvplan("forecast -i " + in + " -m mean -H 7 -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = Read(out);
  EXPECT_EQ(doc["config"]["stockouts"], "auto");
  EXPECT_EQ(doc["stockouts"]["mode"], "censor");
  EXPECT_EQ(doc["stockouts"]["source"], "column on_hand");
  EXPECT_EQ(doc["series"][0]["sku"], "A");
  EXPECT_EQ(doc["series"][0]["censored_periods"], 3);
  EXPECT_EQ(doc["series"][1]["censored_periods"], 0);
  const double censored = doc["series"][0]["forecast"][0]["mean"];

  r = RunInvplan("forecast -i " + in + " -m mean -H 7 --stockouts keep -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  doc = Read(out);
  EXPECT_EQ(doc["config"]["stockouts"], "keep");
  EXPECT_EQ(doc["stockouts"]["mode"], "keep");
  EXPECT_EQ(doc["series"][0]["censored_periods"], 3);  // counted, fitted as sales
  EXPECT_LT(doc["series"][0]["forecast"][0]["mean"].get<double>(), censored - 0.5);
}

TEST(StockoutsCli, StockColumnByName) {
  TempDir dir;
  const std::string in = dir.Write("sales.csv", StockoutCliSales("shelf_units"));
  const std::string out = dir.File("fc.json");
  // Not a recognised stock name: nothing to censor by default.
  auto r = RunInvplan("forecast -i " + in + " -m mean -H 7 -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(Read(out)["series"][0].contains("censored_periods"));
  r = RunInvplan("forecast -i " + in + " -m mean -H 7 --stock-col shelf_units -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Read(out)["series"][0]["censored_periods"], 3);
}

TEST(StockoutsCli, StockoutsFromAnAnomaliesArtifact) {
  TempDir dir;
  const std::string in = dir.Write("sales.csv", StockoutCliSales(""));
  const std::string anomalies = dir.Write("anomalies.json", Anomalies());
  const std::string out = dir.File("fc.json");
  auto r = RunInvplan("forecast -i " + in + " -m mean -H 7 --stockouts-from " + anomalies + " -o " +
                      out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = Read(out);
  EXPECT_EQ(doc["stockouts"]["mode"], "censor");
  EXPECT_EQ(doc["series"][0]["censored_periods"], 3);  // the spike is not a stock-out
  EXPECT_EQ(doc["series"][1]["censored_periods"], 0);
  // The anomalies artifact is an input of the run.
  EXPECT_EQ(doc["inputs"].size(), 2u);
}

TEST(StockoutsCli, BadValuesExitWithUsageErrors) {
  TempDir dir;
  const std::string plain = dir.Write("plain.csv", StockoutCliSales(""));
  const std::string stocked = dir.Write("stocked.csv", StockoutCliSales("on_hand"));
  const std::string out = dir.File("fc.json");
  auto r = RunInvplan("forecast -i " + stocked + " --stockouts sometimes -o " + out);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("sometimes"), std::string::npos) << r.err;
  r = RunInvplan("forecast -i " + plain + " --stockouts censor -o " + out);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--stock-col"), std::string::npos) << r.err;
  EXPECT_FALSE(testing::Exists(out));  // nothing half-written
  r = RunInvplan("forecast -i " + stocked + " --stock-col nope -o " + out);
  EXPECT_EQ(r.exit_code, 3) << r.err;  // bad input: no such column
  EXPECT_NE(r.err.find("nope"), std::string::npos) << r.err;
  r = RunInvplan("forecast -i " + plain + " --stockouts-from " + dir.File("none.json") + " -o " +
                 out);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(testing::Exists(out));
}

}  // namespace
}  // namespace invplan
