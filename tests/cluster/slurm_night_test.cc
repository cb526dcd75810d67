// The Slurm job file of scripts/cluster/night.sbatch on a one-node cluster
// brought up for the test (tests/cluster/one_node_slurm.sh: munged, slurmctld
// and slurmd in a temporary directory): the night's chain with N = 4 on the demo
// data, and its merged artifacts equal to the unsharded commands' (envelope
// apart). Where Slurm cannot be started the test says why and is skipped, except
// in CI (CI=true), where it must run.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "invplan/artifact.h"
#include "test_util.h"

namespace invplan {
namespace {

struct Shell {
  int code;
  std::string out;
};

Shell Sh(const std::string& command) {
  testing::TempDir tmp;
  const std::string out = tmp.File("out");
  const int status = std::system((command + " >'" + out + "' 2>&1").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, testing::ReadFile(out)};
}

// The artifact without what differs between two runs of the same work: the
// envelope's time and command, where it was written, and each policy's CPU time.
Json Comparable(const std::string& path) {
  Json doc = Json::parse(testing::ReadFile(path));
  doc.erase("created_at");
  doc.erase("command");
  for (const char* k : {"output", "report", "quiet", "threads", "log-level"}) {
    doc["config"].erase(k);
  }
  if (doc.contains("policies")) {
    for (Json& p : doc["policies"]) p.erase("cpu_seconds");
  }
  return doc;
}

TEST(SlurmNight, MergedArtifactsEqualTheUnshardedRun) {
  const char* ci_env = std::getenv("CI");
  const bool ci = ci_env != nullptr && std::string(ci_env) == "true";
  testing::TempDir dir;
  const std::string cluster = dir.File("slurm");
  const std::string script = testing::RepoPath("tests/cluster/one_node_slurm.sh");
  const Shell start = Sh("bash '" + script + "' start '" + cluster + "'");
  if (start.code != 0) {
    if (ci) FAIL() << "Slurm could not be started in CI:\n" << start.out;
    GTEST_SKIP() << "Slurm could not be started here (install the Debian packages munge, "
                    "slurmctld, slurmd and slurm-client; scripts/deps.sh does in CI):\n"
                 << start.out;
  }
  struct Stop {
    std::string command;
    ~Stop() { std::system(command.c_str()); }
  } stop{"bash '" + script + "' stop '" + cluster + "' >/dev/null 2>&1"};

  const std::string out = dir.File("night");
  const std::string sales = testing::RepoPath("data/sales.csv");
  const std::string items = testing::RepoPath("data/items.csv");
  const std::string bin = INVPLAN_BINARY;
  const std::string forecast_args = "-m snaive --holdout 14";
  const std::string detect_args = "--trees 50 --train-rows 20000 --contamination 0.005";
  const std::string policy_args =
      "--method base-stock --eval-periods 1000 --warmup 100 --max-states 5000";
  const std::string env = "SLURM_CONF='" + cluster + "/slurm.conf' N=4 THREADS=1 SALES='" + sales +
                          "' ITEMS='" + items + "' OUT='" + out + "' INVPLAN='" + bin +
                          "' FORECAST_ARGS='" + forecast_args + "' DETECT_ARGS='" + detect_args +
                          "' POLICY_ARGS='" + policy_args + "' ";
  const Shell submit = Sh(env + "bash '" + testing::RepoPath("scripts/cluster/night.sbatch") + "'");
  ASSERT_EQ(submit.code, 0) << submit.out;

  // Done when the report is written; failed when no job is left without it. About
  // 30 s on an idle 2-core machine; the bound leaves room for a loaded one.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  const auto bound = std::chrono::seconds(300);  // the stages run instrumented
#else
  const auto bound = std::chrono::seconds(120);
#endif
  const auto deadline = std::chrono::steady_clock::now() + bound;
  bool done = false;
  while (std::chrono::steady_clock::now() < deadline) {
    if (testing::Exists(out + "/report.html")) {
      done = true;
      break;
    }
    const Shell queue = Sh("SLURM_CONF='" + cluster + "/slurm.conf' squeue -h -o %i");
    if (queue.code == 0 && queue.out.empty() && !testing::Exists(out + "/report.html")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  ASSERT_TRUE(done) << "the night did not finish; jobs: " << submit.out << "\nlogs:\n"
                    << Sh("tail -n 5 '" + out + "'/invplan-*.log").out;

  // The same work without shards (the policies from the same forecast file, whose
  // merge is compared with the unsharded forecast below).
  const std::string ref = dir.File("ref");
  const std::string q = "'" + bin + "' --quiet --threads 1 ";
  ASSERT_EQ(Sh("mkdir -p '" + ref + "'").code, 0);
  for (const std::string& c :
       {q + "clean -i '" + sales + "' --report '" + ref + "/clean.json'",
        q + "detect -i '" + sales + "' " + detect_args + " --model '" + out +
            "/detect-model.json' -o '" + ref + "/anomalies.json'",
        q + "forecast -i '" + sales + "' " + forecast_args + " -o '" + ref + "/forecast.json'",
        q + "train-rl --forecast '" + out + "/forecast.json' --items '" + items + "' " +
            policy_args + " -o '" + ref + "/policies.json'"}) {
    const Shell r = Sh(c);
    ASSERT_EQ(r.code, 0) << c << "\n" << r.out;
  }
  for (const char* name : {"clean.json", "anomalies.json", "forecast.json", "policies.json"}) {
    const Json merged = Comparable(out + "/" + name);
    const Json unsharded = Comparable(ref + "/" + name);
    EXPECT_EQ(merged["config"], unsharded["config"]) << name;
    EXPECT_EQ(merged.dump(), unsharded.dump()) << name;
  }
  EXPECT_TRUE(testing::Exists(out + "/orders.json"));
}

}  // namespace
}  // namespace invplan
