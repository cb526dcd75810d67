// Anomalies excluded from the fitted history: the points are replaced as gaps
// are, listed in the artifact, and a backtest still scores against what was
// recorded.
#include "forecast/exclusions.h"

#include <gtest/gtest.h>

#include <cmath>

#include "invplan/detect.h"
#include "invplan/error.h"
#include "invplan/forecast.h"
#include "test_util.h"

namespace invplan {
namespace {

using invplan::testing::ReadFile;
using invplan::testing::TempDir;

// 59 days of a flat 10 for SKU A with a recording error of 5000 on day 30.
std::string Sales() {
  std::string csv = "date,sku,quantity\n";
  for (int d = 0; d < 59; ++d) {
    char date[32];  // room for any int (-Wformat-truncation)
    std::snprintf(date, sizeof date, "2025-%02d-%02d", d < 31 ? 1 : 2, d < 31 ? d + 1 : d - 30);
    csv += std::string(date) + ",A," + (d == 30 ? "5000" : std::to_string(10 + d % 3)) + "\n";
  }
  return csv;
}

std::string Anomalies(const TempDir& dir, const std::string& type) {
  RunInfo run;
  Json doc = MakeEnvelope(kAnomaliesFormat, kAnomaliesSchema, run);
  doc["records"] =
      Json::array({{{"sku", "A"}, {"date", "2025-01-31"}, {"anomaly", true}, {"type", type}},
                   {{"sku", "Z"}, {"date", "2025-01-31"}, {"anomaly", true}, {"type", type}}});
  const std::string path = dir.File("anomalies.json");
  WriteJsonArtifact(path, doc);
  return path;
}

ForecastSet RunWith(const TempDir& dir, const std::string& anomalies,
                    std::vector<std::string> types = {"data_error"}) {
  ForecastOptions o;
  o.ingest.input = dir.Write("sales.csv", Sales());
  o.model = "mean";
  o.horizon = 7;
  o.holdout = 35;  // the backtest window holds the error
  o.anomalies = anomalies;
  o.exclude_anomalies = std::move(types);
  o.output = dir.File("forecast.json");
  RunContext ctx;
  ctx.threads = 1;
  return RunForecast(o, ctx);
}

TEST(ExcludeAnomalies, DataErrorsAreMissingInTheFittedHistory) {
  TempDir dir;
  const ForecastSet with = RunWith(dir, Anomalies(dir, "data_error"));
  const auto doc = nlohmann::json::parse(ReadFile(dir.File("forecast.json")));
  const auto& series = doc["series"][0];
  ASSERT_TRUE(series.contains("excluded"));
  EXPECT_EQ(series["excluded"][0]["date"], "2025-01-31");
  EXPECT_EQ(series["excluded"][0]["type"], "data_error");
  EXPECT_EQ(series["excluded"][0]["value"], 5000);
  EXPECT_LT(with.series[0].points[0].mean, 12.0);  // the mean of the kept values
  EXPECT_EQ(series["status"], "ok");               // not a fallback
  // Without the exclusion the error drags the mean up.
  const ForecastSet without = RunWith(dir, "");
  EXPECT_GT(without.series[0].points[0].mean, 90.0);
}

TEST(ExcludeAnomalies, OnlyTheNamedTypesAreExcluded) {
  TempDir dir;
  const ForecastSet r = RunWith(dir, Anomalies(dir, "demand_spike"));
  EXPECT_GT(r.series[0].points[0].mean, 90.0);
  const ForecastSet s =
      RunWith(dir, Anomalies(dir, "demand_spike"), {"data_error", "demand_spike"});
  EXPECT_LT(s.series[0].points[0].mean, 12.0);
}

TEST(ExcludeAnomalies, BacktestsScoreAgainstTheRecordedValues) {
  forecast::Excluded e{2, "data_error", 99.0};
  const std::vector<double> window =
      forecast::WithRecorded({1.0, 2.0, 3.0, 4.0}, 1, std::vector<forecast::Excluded>{e});
  EXPECT_EQ(window, (std::vector<double>{1.0, 99.0, 3.0, 4.0}));
}

TEST(ExcludeAnomalies, UnknownTypeIsAUsageError) {
  TempDir dir;
  try {
    RunWith(dir, Anomalies(dir, "data_error"), {"typo"});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("typo"), std::string::npos);
  }
}

}  // namespace
}  // namespace invplan
