// End-to-end tests of `invplan run` through the binary: a small plan, the plan
// file given before or after the command, and exit codes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>

#include "plan_fixture.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

TEST(RunCli, RunsThePlanAndReusesWhatIsUpToDate) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  auto r = RunInvplan("run --config " + config + " --threads 1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("6 ran"), std::string::npos) << r.err;
  EXPECT_TRUE(testing::Exists(dir.File("out/latest/orders.csv")));
  // The plan file as a global option; --out on the command line wins over [run] out.
  r = RunInvplan("--config " + config + " run --out " + dir.File("other") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(testing::Exists(dir.File("other/latest/forecast.json")));
  r = RunInvplan("run --config " + config);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("6 up to date"), std::string::npos) << r.err;
}

TEST(RunCli, PlanFileAndStageErrorsHaveTheirExitCodes) {
  TempDir dir;
  auto r = RunInvplan("run --config " + testing::WriteSmallPlan(dir, "", "horizn = 3\n"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("plan.toml: [forecast] no option 'horizn'"), std::string::npos) << r.err;
  r = RunInvplan("run");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--config is required"), std::string::npos) << r.err;
  const std::string config = testing::WriteSmallPlan(dir);
  dir.Write("sales.csv", testing::SmallSales() + "2025-03-12,A,twelve,0\n");
  r = RunInvplan("run --config " + config);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.File("out/latest")));
}

TEST(RunCli, AConcurrentRunIsRefused) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  std::filesystem::create_directories(dir.File("out"));
  const int fd = ::open(dir.File("out/.lock").c_str(), O_RDWR | O_CREAT, 0666);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  const std::string pid = std::to_string(::getpid());
  ASSERT_EQ(::write(fd, pid.data(), pid.size()), static_cast<ssize_t>(pid.size()));
  auto r = RunInvplan("run --config " + config);
  ::close(fd);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is locked by another invplan run (pid " + pid + ")"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.File("out/runs")));
}

// A network night: the stores' sales (with a location), detect, forecast and
// the network stage, whose plan lands in the run directory and the manifest.
TEST(RunCli, NetworkNightRunsTheNetworkStage) {
  TempDir dir;
  const std::string data = std::string(INVPLAN_SOURCE_DIR) + "/data/";
  const std::string config = dir.Write("network.toml",
                                       "[run]\n"
                                       "sales = \"" +
                                           data +
                                           "network_sales.csv\"\n"
                                           "network = \"" +
                                           data +
                                           "network.csv\"\n"
                                           "network-stock = \"" +
                                           data +
                                           "network_stock.csv\"\n"
                                           "out = \"" +
                                           dir.File("out") +
                                           "\"\n"
                                           "stages = [\"clean\", \"detect\", \"forecast\", "
                                           "\"network\"]\n"
                                           "[clean]\nlocation-col = \"location\"\n"
                                           "[forecast]\nhorizon = 7\n"
                                           "[network]\ntransfers = true\n");
  auto r = RunInvplan("run --config " + config + " --threads 1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("4 ran"), std::string::npos) << r.err;
  const std::string plan = testing::ReadFile(dir.File("out/latest/network_plan.json"));
  EXPECT_NE(plan.find("\"kind\": \"shipment\""), std::string::npos);
  EXPECT_NE(plan.find("\"actions\""), std::string::npos);  // detect ran: its records were read
  EXPECT_NE(testing::ReadFile(dir.File("out/latest/manifest.json")).find("network_plan.json"),
            std::string::npos);
  // [network] keys the run chains are refused.
  const std::string bad = dir.Write(
      "bad.toml", "[run]\nsales = \"" + data + "network_sales.csv\"\nnetwork = \"" + data +
                      "network.csv\"\nstages = [\"forecast\", \"network\"]\n"
                      "[network]\nforecast = "
                      "\"x.json\"\n");
  r = RunInvplan("run --config " + bad + " --out " + dir.File("bad"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("[network] 'forecast' is set by invplan run"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace invplan
