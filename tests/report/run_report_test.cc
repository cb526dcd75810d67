// RunReport through the library on small hand-written artifacts: every input
// kind, locations, a changes.csv, single and multiple policies, and the checks
// a library caller gets.
#include <gtest/gtest.h>

#include <filesystem>

#include "invplan/error.h"
#include "invplan/report.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::ReadFile;
using testing::TempDir;

const char* kEnvelope =
    "\"schema_version\": 1, \"invplan_version\": \"0.1.0\", \"created_at\": "
    "\"2025-03-01T02:00:00Z\", \"command\": [], \"config\": {}, \"inputs\": []";

std::string Forecast() {
  std::string points;
  for (int d = 1; d <= 7; ++d) {
    points += std::string(d > 1 ? "," : "") + "{\"date\": \"2025-03-0" + std::to_string(d) +
              "\", \"mean\": 5, \"lo80\": 3, \"hi80\": 7, \"lo95\": 2, \"hi95\": 8}";
  }
  auto series = [&](const std::string& sku, const std::string& loc, double mase) {
    return "{\"sku\": \"" + sku + "\", \"location\": \"" + loc +
           "\", \"model\": {\"name\": \"arima\", \"spec\": \"ARIMA(0,1,1)\"}, "
           "\"demand_class\": \"smooth\", \"status\": \"fallback\", \"reason\": \"too short\", "
           "\"history_end\": \"2025-02-28\", \"forecast\": [" +
           points +
           "], \"backtest\": {\"holdout\": 3, \"model\": {\"mase\": " + std::to_string(mase) +
           ", \"coverage80\": 0.5, \"coverage95\": 1}, \"snaive\": {\"mase\": 1}}}";
  };
  return "{\"format\": \"invplan.forecast\", " + std::string(kEnvelope) +
         ", \"frequency\": \"D\", \"horizon\": 7, \"levels\": [80, 95], \"series\": [" +
         series("A", "north", 0.8) + ", " + series("A", "south", 1.4) + ", " +
         series("B", "north", 0.9) + "]}";
}

struct Artifacts {
  TempDir dir;
  Artifacts() {
    dir.Write("forecast.json", Forecast());
    std::string csv = "date,sku,location,quantity\n";
    for (int d = 1; d <= 28; ++d) {
      const std::string date = "2025-02-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
      csv += date + ",A,north," + std::to_string(d % 6) + "\n";
      csv += date + ",A,south,3\n";
    }
    dir.Write("clean.csv", csv);
    dir.Write("anomalies.json",
              "{\"format\": \"invplan.anomalies\", " + std::string(kEnvelope) +
                  ", \"threshold\": 0.6, \"records\": [{\"row\": 1, \"line\": 2, \"sku\": \"A\", "
                  "\"location\": \"south\", \"date\": \"2025-02-20\", \"score\": 0.7, "
                  "\"anomaly\": true, \"type\": \"demand_spike\", \"explanation\": "
                  "[{\"feature\": \"quantity\", \"value\": 30, \"expected\": 3, \"share\": "
                  "0.6}]}, {\"row\": 2, \"line\": 3, \"score\": 0.2, \"anomaly\": false, "
                  "\"type\": null, \"explanation\": []}]}");
    dir.Write("orders.json",
              "{\"format\": \"invplan.orders\", " + std::string(kEnvelope) +
                  ", \"mode\": \"plan\", \"status\": \"optimal\", \"objective\": 12.5, "
                  "\"budget\": 100, \"budget_used\": 60, \"capacity\": null, "
                  "\"capacity_used\": 1.5, \"suppliers\": [{\"supplier\": \"ACME\", "
                  "\"min_value\": 80, \"spend\": 60, \"skus\": 2}], \"notes\": [], \"lines\": "
                  "[{\"sku\": \"A @ north\", \"quantity\": 4, \"cost\": 40, \"value\": 8, "
                  "\"volume\": 1, \"supplier\": \"ACME\"}, {\"sku\": \"B @ north\", "
                  "\"quantity\": 2, \"cost\": 20, \"value\": 4.5, \"volume\": 0.5, "
                  "\"supplier\": \"ACME\"}]}");
    dir.Write("changes.csv", "sku,previous_quantity\nB @ north,5\n");
    dir.Write("policies.json",
              "{\"format\": \"invplan.rl-policy\", " + std::string(kEnvelope) +
                  ", \"policies\": [{\"sku\": \"A\", \"status\": \"failed\", \"reason\": \"x\"}, "
                  "{\"sku\": \"B\", \"status\": \"ok\", \"environment\": {\"lead_time\": 1}, "
                  "\"method\": \"optimal\", \"evaluation\": {\"policy\": {\"average_reward\": "
                  "12.5, \"exact_average_reward\": 12.6, \"fill_rate\": 0.97, "
                  "\"average_stock\": 4}, \"s_S\": {\"average_reward\": 12.1, \"fill_rate\": "
                  "0.95, \"average_stock\": 5}}, "
                  "\"policy\": {\"table\": [{\"on_hand\": 0, \"pipeline\": [], \"order\": 6}, "
                  "{\"on_hand\": 3, \"pipeline\": [], \"order\": 3}, {\"on_hand\": 6, "
                  "\"pipeline\": [], \"order\": 0}]}}]}");
    dir.Write("manifest.json",
              "{\"format\": \"invplan.run-manifest\", " + std::string(kEnvelope) +
                  ", \"run\": \"runs/20250301T020000Z\", \"status\": \"succeeded\", "
                  "\"seconds\": 3.5, \"stages\": [{\"stage\": \"clean\", \"status\": \"up to "
                  "date\", \"wall_seconds\": 0, \"cpu_seconds\": 0, \"peak_rss_bytes\": 0}]}");
  }
  ReportOptions Options() const {
    ReportOptions o;
    o.forecast = dir.File("forecast.json");
    o.sales = dir.File("clean.csv");
    o.anomalies = dir.File("anomalies.json");
    o.orders = dir.File("orders.json");
    o.policies = dir.File("policies.json");
    o.manifest = dir.File("manifest.json");
    o.output = dir.File("report.html");
    return o;
  }
};

TEST(RunReport, ReadsEveryInputKind) {
  Artifacts a;
  RunContext ctx;
  const ReportResult r = RunReport(a.Options(), ctx);
  EXPECT_EQ(r.skus, 3u);
  EXPECT_EQ(r.skus_shown, 3u);  // ordered, anomalous, backtests
  EXPECT_EQ(r.order_lines, 2u);
  EXPECT_EQ(ctx.run.inputs.size(), 7u);  // six artifacts and changes.csv
  const std::string html = ReadFile(a.dir.File("report.html"));
  EXPECT_EQ(r.bytes, html.size());
  EXPECT_NE(html.find("A @ south"), std::string::npos);
  EXPECT_NE(html.find("demand_spike on 2025-02-20 (score 0.7): quantity = 30 (expected 3)"),
            std::string::npos);
  EXPECT_NE(html.find("Data window</dt><dd>2025-02-01 to 2025-02-28 (D)"), std::string::npos);
  EXPECT_NE(html.find("<td>forecast fallback</td><td>too short</td><td class=\"num\">3</td>"),
            std::string::npos);
  EXPECT_NE(html.find("class=\"changed\""), std::string::npos);
  EXPECT_NE(html.find("changed (was 5)"), std::string::npos);
  EXPECT_NE(html.find("Policy of B: order by stock on hand"), std::string::npos);
  EXPECT_NE(html.find("Exactly optimal replenishment policy"), std::string::npos);
  EXPECT_NE(html.find("<td>chosen policy</td><td>12.5</td><td>12.6</td><td>97%</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>best (s,S)</td><td>12.1</td><td>&ndash;</td><td>95%</td>"),
            std::string::npos);
  EXPECT_EQ(html.find("Policy of A"), std::string::npos);  // failed: not shown
  EXPECT_NE(html.find("<td>clean</td><td>up to date</td>"), std::string::npos);
  EXPECT_NE(html.find("MASE ratio to seasonal naive"), std::string::npos);
}

TEST(RunReport, LibraryCallersGetTheChecks) {
  Artifacts a;
  RunContext ctx;
  ReportOptions o = a.Options();
  o.max_skus = -1;
  EXPECT_THROW(RunReport(o, ctx), Error);
  o = a.Options();
  o.output.clear();
  try {
    RunReport(o, ctx);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  }
  o = a.Options();
  o.orders = a.dir.File("forecast.json");  // another format
  try {
    RunReport(o, ctx);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
    EXPECT_NE(std::string(e.what()).find("expected a invplan.orders artifact"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(testing::Exists(a.dir.File("report.html")));
  // A newer forecast schema is refused, naming the file.
  a.dir.Write("new.json",
              "{\"format\": \"invplan.forecast\", \"schema_version\": 99, "
              "\"series\": []}");
  o = a.Options();
  o.forecast = a.dir.File("new.json");
  try {
    RunReport(o, ctx);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
    EXPECT_NE(std::string(e.what()).find("new.json"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace invplan
