// End-to-end tests of `invplan run` through the binary: a small plan, the plan
// file given before or after the command, and exit codes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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

// The regular files of `dir` with their contents, and the number of run
// directories under OUT/runs.
std::map<std::string, std::string> Contents(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    files[e.path().filename().string()] = testing::ReadFile(e.path().string());
  }
  return files;
}

std::size_t RunDirectories(const std::string& out) {
  std::size_t runs = 0;
  for (const auto& e : std::filesystem::directory_iterator(out + "/runs")) runs += e.is_directory();
  return runs;
}

// SIGKILL in the middle of the forecast (a network that would train for hours):
// nothing can clean up after it, so what must hold is structural. `latest` still
// names last night's good plan, whose files are untouched, and nothing temporary
// is left beside them; the next run removes the killed run's directory.
TEST(RunCli, ARunKilledMidForecastLeavesTheLastGoodPlan) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  ASSERT_EQ(RunInvplan("run -q --config " + config).exit_code, 0);
  const auto good = std::filesystem::read_symlink(dir.File("out/latest"));
  const auto good_files = Contents(dir.File("out/latest"));
  std::string slow = testing::ReadFile(config);
  const std::string fast_model = "model = \"snaive\"";
  slow.replace(slow.find(fast_model), fast_model.size(),
               "model = \"rnn\"\nepochs = 100000\npatience = 0\nlookback = 14");
  const std::string slow_config = dir.Write("slow.toml", slow);
  const std::string script = dir.Write(
      "kill.sh", "\"$INVPLAN\" run --config " + slow_config + " --threads 1 2>" + dir.File("err") +
                     " & pid=$!\n"
                     "for i in $(seq 1200); do grep -q 'rnn: epoch 1 ' " +
                     dir.File("err") +
                     " && break; sleep 0.1; done\n"
                     "kill -9 $pid; wait $pid; echo $? >" +
                     dir.File("rc") + "\n");
  const std::string cmd =
      "INVPLAN='" + std::string(INVPLAN_BINARY) + "' bash " + script + " </dev/null >/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  ASSERT_EQ(testing::ReadFile(dir.File("rc")), "137\n") << testing::ReadFile(dir.File("err"));
  ASSERT_NE(testing::ReadFile(dir.File("err")).find("rnn: epoch 1 "), std::string::npos);
  EXPECT_EQ(std::filesystem::read_symlink(dir.File("out/latest")), good);
  EXPECT_EQ(Contents(dir.File("out/latest")), good_files);
  EXPECT_EQ(testing::TempFilesUnder(dir.File("out/latest")), std::vector<std::string>{});
  EXPECT_EQ(RunDirectories(dir.File("out")), 2u);  // the good run and the killed one
  // The next night: a fresh plan, the killed run's directory gone, nothing temporary.
  dir.Write("sales.csv", testing::SmallSales() + "2025-03-12,A,12,0\n");
  auto next = RunInvplan("run -q --config " + config);
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_NE(std::filesystem::read_symlink(dir.File("out/latest")), good);
  EXPECT_EQ(RunDirectories(dir.File("out")), 2u);  // the good run and tonight's
  EXPECT_EQ(testing::TempFilesUnder(dir.File("out")), std::vector<std::string>{});
}

// Plan-file keys overridden on the command line: a stage's key (a list value
// with its commas), a [run] key; a malformed or unknown override is exit 2.
TEST(RunCli, SetOverridesPlanFileKeys) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  auto r = RunInvplan("run -q --config " + config + " --set forecast.horizon=7 " +
                      "--set forecast.level=50,90 --set run.out=" + dir.File("other"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto forecast =
      nlohmann::json::parse(testing::ReadFile(dir.File("other/latest/forecast.json")));
  EXPECT_EQ(forecast["config"]["horizon"], "7");
  EXPECT_EQ(forecast["config"]["level"], "50,90");
  EXPECT_FALSE(testing::Exists(dir.File("out")));
  for (const char* bad : {"horizon=7", "forecast.horizn=7", "nowhere.x=1", "run.salez=a.csv"}) {
    r = RunInvplan("run -q --config " + config + " --set " + bad);
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find(std::string(bad).substr(0, 5)), std::string::npos) << r.err;
  }
}

// One piece of a job array: `invplan run --shard K/N` runs clean, detect and
// forecast on the shard's SKUs and skips the rest; the pieces' forecasts merge
// into the unsharded night's forecast.
TEST(RunCli, ShardedRunsMergeIntoTheWholeNight) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  // Detect's forest is trained once on every SKU and shared by the pieces.
  const std::string forest = dir.File("forest.json");
  ASSERT_EQ(RunInvplan("detect -q -i " + dir.File("sales.csv") + " --save-model " + forest +
                       " -o " + dir.File("a.json"))
                .exit_code,
            0);
  const std::string shared = " --set detect.model=" + forest;
  ASSERT_EQ(
      RunInvplan("run -q --config " + config + shared + " --out " + dir.File("whole")).exit_code,
      0);
  std::map<std::string, std::string> parts;  // merged file → its pieces
  for (int k = 0; k < 2; ++k) {
    const std::string out = dir.File("shard-" + std::to_string(k));
    auto r = RunInvplan("run --config " + config + shared + " --shard " + std::to_string(k) +
                        "/2 --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("3 ran, 4 skipped"), std::string::npos) << r.err;
    EXPECT_TRUE(testing::Exists(out + "/latest/forecast.json"));
    EXPECT_FALSE(testing::Exists(out + "/latest/orders.json"));
    for (const char* name : {"clean.json", "anomalies.json", "forecast.json"}) {
      parts[name] += " " + out + "/latest/" + name;
    }
  }
  const std::string merged = dir.File("merged");
  std::filesystem::create_directories(merged);
  for (const auto& [name, pieces] : parts) {
    auto m = RunInvplan("merge -q -o " + merged + "/" + name + pieces);
    ASSERT_EQ(m.exit_code, 0) << m.err;
  }
  const auto whole =
      nlohmann::json::parse(testing::ReadFile(dir.File("whole/latest/forecast.json")));
  const auto joined = nlohmann::json::parse(testing::ReadFile(merged + "/forecast.json"));
  EXPECT_EQ(joined["series"], whole["series"]);
  EXPECT_EQ(joined["series"].size(), 3u);

  // The once-only stages on the merged artifacts: the stages before --from are
  // imported from the directory, the rest run; the night equals the whole one.
  const std::string finish = dir.File("finish");
  auto r = RunInvplan("run --config " + config + shared + " --from policy --inputs-from " + merged +
                      " --out " + finish);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("3 imported, 3 ran, 1 skipped"), std::string::npos) << r.err;
  // The closing line counts the imported anomalies as the whole night's does.
  auto counts = [](const std::string& err) {
    const auto at = err.find(" anomalies, ");
    return at == std::string::npos
               ? "none"
               : err.substr(err.rfind(", ", at - 1), at - err.rfind(", ", at - 1));
  };
  auto again = RunInvplan("run --config " + config + shared + " --out " + dir.File("whole"));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(counts(r.err), counts(again.err)) << r.err << again.err;
  EXPECT_NE(counts(r.err), ", 0") << r.err;
  for (const char* name : {"policies.json", "orders.json"}) {
    const auto a = nlohmann::json::parse(testing::ReadFile(finish + "/latest/" + name));
    const auto b = nlohmann::json::parse(testing::ReadFile(dir.File("whole/latest/") + name));
    const char* key = std::string(name) == "orders.json" ? "lines" : "policies";
    ASSERT_EQ(a[key].size(), b[key].size()) << name;
    for (std::size_t i = 0; i < a[key].size(); ++i) {
      // Apart from the CPU time and the path of the forecast each run read.
      auto x = a[key][i], y = b[key][i];
      for (auto* e : {&x, &y}) {
        e->erase("cpu_seconds");
        if (e->contains("demand")) (*e)["demand"].erase("spec");
      }
      EXPECT_TRUE(x == y) << name << " " << i;
    }
  }
  EXPECT_TRUE(testing::Exists(finish + "/latest/report.html"));
  const std::string manifest = testing::ReadFile(finish + "/latest/manifest.json");
  EXPECT_NE(manifest.find("\"imported\""), std::string::npos);

  // --inputs-from needs --from, a directory, and an output of every imported stage.
  for (const std::string& bad :
       {" --inputs-from " + merged, " --from policy --inputs-from " + dir.File("nowhere"),
        " --from policy --inputs-from " + dir.File("shard-0"),
        " --from policy --inputs-from " + merged + " --shard 0/2"}) {
    r = RunInvplan("run -q --config " + config + shared + bad + " --out " + dir.File("bad"));
    EXPECT_EQ(r.exit_code, 2) << bad << "\n" << r.err;
    EXPECT_NE(r.err.find("inputs-from"), std::string::npos) << r.err;
  }
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
