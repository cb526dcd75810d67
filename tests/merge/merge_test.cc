// invplan merge in-process: the merged forecast of three shards equals the
// unsharded artifact (envelope apart, summaries and backtest included), and
// every check refuses what is not the N shards of one run with Error(kArtifact).
#include "invplan/merge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "invplan/error.h"
#include "invplan/forecast.h"
#include "test_util.h"

namespace invplan {
namespace {

std::string SalesCsv() {
  std::string csv = "date,sku,quantity\n";
  for (int d = 0; d < 50; ++d) {
    char date[32];  // room for any int (-Wformat-truncation)
    std::snprintf(date, sizeof date, "2024-%02d-%02d", 1 + d / 31, 1 + d % 31);
    for (int s = 0; s < 24; ++s) {
      csv += std::string(date) + ",P" + std::to_string(s) + "," +
             std::to_string((s * 5 + d * 3) % (4 + s % 7)) + "\n";
    }
  }
  return csv;
}

class MergeTest : public ::testing::Test {
 protected:
  void SetUp() override { sales_ = dir_.Write("sales.csv", SalesCsv()); }

  // Runs the forecast stage as the command line would (the resolved
  // configuration recorded) into `name`.
  std::string Forecast(const std::string& name, const std::string& shard, int horizon = 7) {
    ForecastOptions o;
    o.ingest.input = sales_;
    o.model = "naive";
    o.horizon = horizon;
    o.holdout = 5;
    o.output = dir_.File(name);
    if (!shard.empty()) ShardOptionTable().Set(o.ingest.shard, "shard", shard);
    RunContext ctx;
    ctx.threads = 1;
    ctx.progress = false;
    ctx.run.config = ForecastOptionTable().Resolved(o);
    RunForecast(o, ctx);
    return o.output;
  }

  Json Load(const std::string& path) { return Json::parse(testing::ReadFile(path)); }

  ErrorKind MergeKind(const std::vector<std::string>& parts, std::string* message) {
    MergeOptions o;
    o.output = dir_.File("merged.json");
    o.parts = parts;
    RunContext ctx;
    try {
      RunMerge(o, ctx);
    } catch (const Error& e) {
      *message = e.what();
      return e.kind();
    }
    return ErrorKind::kInternal;
  }

  testing::TempDir dir_;
  std::string sales_;
};

TEST_F(MergeTest, ThreeShardsGiveTheUnshardedForecast) {
  const std::string whole = Forecast("whole.json", "");
  std::vector<std::string> parts = {Forecast("p2.json", "2/3"), Forecast("p0.json", "0/3"),
                                    Forecast("p1.json", "1/3")};
  MergeOptions o;
  o.output = dir_.File("merged.json");
  o.parts = parts;
  RunContext ctx;
  const MergeResult r = RunMerge(o, ctx);
  EXPECT_EQ(r.entries, 24u);
  Json a = Load(whole), b = Load(o.output);
  for (const char* k : {"created_at", "command", "config"}) {
    a.erase(k);
    b.erase(k);
  }
  EXPECT_EQ(a["series"].dump(), b["series"].dump());
  EXPECT_EQ(a["summary"], b["summary"]);
  EXPECT_EQ(a["backtest"].dump(), b["backtest"].dump());
  EXPECT_EQ(a, b);
  // Each part held only some of the series.
  EXPECT_LT(Load(parts[0])["series"].size(), 24u);
}

TEST_F(MergeTest, RefusesWhatIsNotEveryShardOfOneRun) {
  const std::string p0 = Forecast("p0.json", "0/3"), p1 = Forecast("p1.json", "1/3"),
                    p2 = Forecast("p2.json", "2/3");
  std::string why;
  EXPECT_EQ(MergeKind({p0, p2}, &why), ErrorKind::kArtifact);
  EXPECT_NE(why.find("shard 1/3 missing"), std::string::npos) << why;

  EXPECT_EQ(MergeKind({p0, p1, p1, p2}, &why), ErrorKind::kArtifact);
  EXPECT_NE(why.find("shard 1/3 is given twice"), std::string::npos) << why;

  const std::string other = Forecast("other.json", "1/3", /*horizon=*/9);
  EXPECT_EQ(MergeKind({p0, other, p2}, &why), ErrorKind::kArtifact);
  EXPECT_NE(why.find("'horizon'"), std::string::npos) << why;

  const std::string four = Forecast("four.json", "1/4");
  EXPECT_EQ(MergeKind({p0, four, p2}, &why), ErrorKind::kArtifact);
  EXPECT_NE(why.find("share N"), std::string::npos) << why;

  // A SKU twice: shard 0's first series copied into shard 2's part.
  Json doc = Load(p2), first = Load(p0)["series"][0];
  doc["series"].push_back(first);
  const std::string twice = dir_.Write("twice.json", doc.dump());
  EXPECT_EQ(MergeKind({p0, p1, twice}, &why), ErrorKind::kArtifact);
  EXPECT_NE(why.find("SKU '" + first["sku"].get<std::string>() + "'"), std::string::npos) << why;

  // An unsharded artifact is no part.
  const std::string whole = Forecast("whole.json", "");
  EXPECT_EQ(MergeKind({whole}, &why), ErrorKind::kArtifact);
  EXPECT_NE(why.find("not the artifact of a shard"), std::string::npos) << why;
  EXPECT_FALSE(testing::Exists(dir_.File("merged.json")));
}

}  // namespace
}  // namespace invplan
