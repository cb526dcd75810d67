// invplan merge and --shard on the command line: exit codes and messages.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace invplan
