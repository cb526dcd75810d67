// Inventory mode: --since/--last score only recent periods, closed periods are
// not flagged, and records carry a note in planner units.
#include <gtest/gtest.h>

#include <string>

#include "common/random.h"
#include "invplan/detect.h"
#include "invplan/error.h"
#include "test_util.h"

namespace invplan::detect {
namespace {

using testing::ReadJson;
using testing::TempDir;

// 25 SKUs x 120 days from 2024-01-01 with on_hand; SKU S3 sells nothing on day 60
// (2024-03-01) with nothing on hand; every SKU has a 0 row on day 100 (closed).
std::string Sales() {
  Rng rng(3);
  std::string text = "date,sku,quantity,on_hand\n";
  for (int d = 0; d < 120; ++d) {
    const std::string date = FormatDay(DaysFromCivil(2024, 1, 1) + d);
    for (int k = 0; k < 25; ++k) {
      const bool out = k == 3 && d == 60;
      const int q = d == 100 || out ? 0 : 30 + k + static_cast<int>(rng.Below(5));
      text += date + ",S" + std::to_string(k) + "," + std::to_string(q) + "," +
              (out ? "0" : "500") + "\n";
    }
  }
  return text;
}

DetectOptions Options(const TempDir& dir) {
  DetectOptions o;
  o.ingest.input = dir.Write("s.csv", Sales());
  o.output = dir.File("a.json");
  o.contamination = "0.01";
  return o;
}

TEST(DetectRecent, SinceAndLastScoreOnlyRecentPeriods) {
  TempDir dir;
  DetectOptions o = Options(dir);
  RunContext run;
  DetectSummary all = RunDetect(o, run);
  const Json full = ReadJson(o.output);
  o.since = "2024-04-20";  // the last 10 days
  RunContext run2;
  DetectSummary recent = RunDetect(o, run2);
  EXPECT_EQ(recent.rows_scored, 25u * 10u);
  EXPECT_EQ(recent.training_rows, all.training_rows);  // trained on everything
  EXPECT_EQ(recent.scored_from, "2024-04-20");
  const Json doc = ReadJson(o.output);
  EXPECT_EQ(doc["summary"]["scored_from"], "2024-04-20");
  for (const auto& r : doc["records"]) EXPECT_GE(r["date"].get<std::string>(), "2024-04-20");
  // The same scores as in the full run: the model does not change.
  std::size_t same = 0;
  for (const auto& r : doc["records"]) {
    for (const auto& f : full["records"]) {
      if (f["row"] == r["row"]) {
        EXPECT_EQ(f["score"], r["score"]);
        ++same;
      }
    }
  }
  EXPECT_EQ(same, doc["records"].size());
  o.since.clear();
  o.last = 10;
  RunContext run3;
  DetectSummary last = RunDetect(o, run3);
  EXPECT_EQ(last.rows_scored, 25u * 10u);
  EXPECT_EQ(last.scored_from, "2024-04-20");
  EXPECT_NE(last.Summary().find("rows scored (from 2024-04-20)"), std::string::npos);
}

TEST(DetectRecent, OptionErrors) {
  TempDir dir;
  DetectOptions o = Options(dir);
  o.since = "20.04.2024";
  RunContext run;
  EXPECT_THROW(RunDetect(o, run), Error);
  o.since = "2024-04-20";
  o.last = 3;
  EXPECT_THROW(RunDetect(o, run), Error);
  o.last = 0;
  o.features = {"quantity"};
  EXPECT_THROW(RunDetect(o, run), Error);
}

TEST(DetectClosed, ClosedDayIsNotScoredAndStockoutHasANote) {
  TempDir dir;
  DetectOptions o = Options(dir);
  RunContext run;
  DetectSummary s = RunDetect(o, run);
  EXPECT_EQ(s.closed_periods, 25u);
  EXPECT_EQ(s.rows_scored, 25u * 119u);
  const Json doc = ReadJson(o.output);
  bool stockout = false;
  for (const auto& r : doc["records"]) {
    EXPECT_NE(r["date"], "2024-04-10") << r.dump();  // day 100: closed
    if (r["sku"] == "S3" && r["date"] == "2024-03-01") {
      stockout = true;
      EXPECT_EQ(r["type"], "stockout");
      // Baseline of S3: about 33 + 2 a day.
      const std::string note = r["note"];
      EXPECT_EQ(note.rfind("sold 0, expected about 3", 0), 0u) << note;
      EXPECT_NE(note.find(", on hand 0"), std::string::npos) << note;
      EXPECT_TRUE(r["explanation"].is_array());  // the model's features stay
    }
  }
  EXPECT_TRUE(stockout);
  // --closures none: the closed day is an ordinary zero again, and scored.
  o.ingest.closures = ClosurePolicy::kNone;
  o.all_rows = true;
  RunContext run2;
  DetectSummary none = RunDetect(o, run2);
  EXPECT_EQ(none.closed_periods, 0u);
  EXPECT_EQ(none.rows_scored, 25u * 120u);
  const Json rows = ReadJson(o.output)["records"];
  ASSERT_EQ(rows.size(), 3000u);
  EXPECT_EQ(rows[100]["date"], "2024-04-10");
  EXPECT_EQ(rows[100]["note"].get<std::string>().rfind("sold 0, expected about 3", 0), 0u);
}

TEST(DetectClosed, DemoChristmasIsNotAnAnomaly) {
  const std::string sales = std::string(INVPLAN_SOURCE_DIR) + "/data/sales.csv";
  if (!testing::Exists(sales)) GTEST_SKIP() << "no demo data";
  TempDir dir;
  DetectOptions o;
  o.ingest.input = sales;
  o.output = dir.File("a.json");
  o.csv_output = dir.File("a.csv");
  RunContext run;
  DetectSummary s = RunDetect(o, run);
  EXPECT_GT(s.anomalies, 0u);
  EXPECT_GT(s.closed_periods, 3u * 100u);  // three Christmas Days
  const auto doc = ReadJson(o.output);     // kept alive for the loop over its records
  for (const auto& r : doc["records"]) {
    EXPECT_NE(r["date"].get<std::string>().substr(5), "12-25") << r.dump();
    EXPECT_TRUE(r.contains("note"));
  }
  const std::string csv = testing::ReadText(o.csv_output);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "row,line,sku,location,date,score,anomaly,type,top_feature,top_value,top_expected,"
            "explanation,note");
  EXPECT_NE(csv.find(",\"sold "), std::string::npos);
}

}  // namespace
}  // namespace invplan::detect
