// invplan merge and --shard on the command line: exit codes and messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;

TEST(MergeCli, MissingShardIsExitFourAndShardOptionsAreChecked) {
  testing::TempDir dir;
  std::string csv = "date,sku,quantity\n";
  for (int d = 1; d <= 28; ++d) {
    for (int s = 0; s < 6; ++s) {
      csv += "2024-02-" + std::string(d < 10 ? "0" : "") + std::to_string(d) + ",S" +
             std::to_string(s) + "," + std::to_string((d + s) % 5) + "\n";
    }
  }
  const std::string sales = dir.Write("sales.csv", csv);
  for (int k = 0; k < 2; ++k) {
    auto r = RunInvplan("--quiet forecast -m naive -i " + sales + " --shard " + std::to_string(k) +
                        "/2 -o " + dir.File("f" + std::to_string(k) + ".json"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  auto missing = RunInvplan("merge -o " + dir.File("m.json") + " " + dir.File("f1.json"));
  EXPECT_EQ(missing.exit_code, 4);
  EXPECT_NE(missing.err.find("shard 0/2 missing"), std::string::npos) << missing.err;
  EXPECT_FALSE(testing::Exists(dir.File("m.json")));
  auto both = RunInvplan("merge -o " + dir.File("m.json") + " " + dir.File("f1.json") + " " +
                         dir.File("f0.json"));
  EXPECT_EQ(both.exit_code, 0) << both.err;

  auto bad = RunInvplan("forecast -m naive -i " + sales + " --shard 2/2 -o " + dir.File("x.json"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("below N"), std::string::npos) << bad.err;
  auto env =
      RunInvplan("forecast -m naive -i " + sales +
                 " --shards 2 --shard-from-env INVPLAN_NO_SUCH_VARIABLE -o " + dir.File("x.json"));
  EXPECT_EQ(env.exit_code, 2);
  EXPECT_NE(env.err.find("INVPLAN_NO_SUCH_VARIABLE"), std::string::npos) << env.err;
  auto rnn = RunInvplan("forecast -m rnn -i " + sales + " --shard 0/2 -o " + dir.File("x.json"));
  EXPECT_EQ(rnn.exit_code, 2);
  EXPECT_NE(rnn.err.find("--load-model"), std::string::npos) << rnn.err;
  auto det = RunInvplan("detect -i " + sales + " --shard 0/2 -o " + dir.File("x.json"));
  EXPECT_EQ(det.exit_code, 2);
  EXPECT_NE(det.err.find("--model"), std::string::npos) << det.err;
}

// Policies of a forecast by store: one per SKU and location, sharded like the
// series (on SKU and location). The pieces merge into the unsharded policies, and
// a piece that gets no series writes an empty artifact (exit 0).
TEST(MergeCli, PoliciesByLocationShardAndMergeIntoTheUnshardedOnes) {
  testing::TempDir dir;
  const std::string forecast = dir.File("forecast.json");
  auto f = RunInvplan("forecast -q --threads 1 -i " + testing::RepoPath("data/network_sales.csv") +
                      " --location-col location -m snaive -o " + forecast);
  ASSERT_EQ(f.exit_code, 0) << f.err;
  const std::string rl = "train-rl -q --threads 1 --forecast " + forecast +
                         " --method base-stock --eval-periods 1000 --warmup 100";
  auto whole = RunInvplan(rl + " -o " + dir.File("whole.json"));
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  std::string parts;
  for (int k = 0; k < 3; ++k) {
    const std::string part = dir.File("part-" + std::to_string(k) + ".json");
    auto r = RunInvplan(rl + " --shard " + std::to_string(k) + "/3 -o " + part);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    parts += " " + part;
  }
  auto m = RunInvplan("merge -q -o " + dir.File("merged.json") + parts);
  ASSERT_EQ(m.exit_code, 0) << m.err;
  auto policies = [&](const std::string& name) {
    auto doc = nlohmann::json::parse(testing::ReadFile(dir.File(name)));
    for (auto& p : doc["policies"]) p.erase("cpu_seconds");
    return doc["policies"];
  };
  const auto merged = policies("merged.json"), unsharded = policies("whole.json");
  ASSERT_EQ(merged.size(), 40u);  // 4 SKUs x 10 stores
  EXPECT_TRUE(merged == unsharded);
  std::set<std::pair<std::string, std::string>> keys;
  for (const auto& p : merged) {
    keys.insert({p["sku"].get<std::string>(), p["location"].get<std::string>()});
  }
  EXPECT_EQ(keys.size(), 40u);
  // Many more pieces than SKUs: some get no series at all.
  auto empty = RunInvplan(rl + " --shard 0/64 -o " + dir.File("empty.json"));
  EXPECT_EQ(empty.exit_code, 0) << empty.err;
}

}  // namespace
}  // namespace invplan
