// The Slurm job file of scripts/cluster/night.sbatch on a one-node cluster
// brought up for the test (tests/cluster/one_node_slurm.sh: munged, slurmctld
// and slurmd in a temporary directory): a plan's night with N = 4 pieces on the
// demo data (`invplan run --shards 4`, merge, `invplan run --from policy
// --inputs-from`), and its artifacts equal to the unsharded `invplan run`'s
// (envelope apart). Where Slurm cannot be started the test says why and is skipped, except
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
// envelope's time and command, each policy's CPU time, the optimizer's timings,
// and the inputs that are files of a run directory (another path, and a checksum over another
// envelope).
Json Comparable(const std::string& path) {
  Json doc = Json::parse(testing::ReadFile(path));
  doc.erase("created_at");
  doc.erase("command");
  for (const char* k : {"quiet", "threads", "log-level"}) doc["config"].erase(k);
  if (doc.contains("policies")) {
    for (Json& p : doc["policies"]) {
      p.erase("cpu_seconds");
      p["demand"].erase("spec");  // "forecast:PATH", the forecast of each run directory
    }
  }
  // The optimizer's timings (orders.json).
  doc.erase("solve_seconds");
  if (doc.contains("solver_stats")) {
    Json stats = Json::object();
    for (const auto& [k, v] : doc["solver_stats"].items()) {
      if (k.find("second") == std::string::npos) stats[k] = v;
    }
    doc["solver_stats"] = stats;
  }
  Json inputs = Json::array();
  for (const Json& in : doc["inputs"]) {
    if (in.value("path", "").find("/runs/") == std::string::npos) inputs.push_back(in);
  }
  doc["inputs"] = inputs;
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
  const std::string bin = INVPLAN_BINARY;
  const std::string plan = dir.Write(
      "plan.toml", "[run]\nsales = \"" + testing::RepoPath("data/sales.csv") + "\"\nitems = \"" +
                       testing::RepoPath("data/items.csv") +
                       "\"\n"
                       "stages = [\"clean\", \"detect\", \"forecast\", \"policy\", \"optimize\", "
                       "\"report\"]\n"
                       "[forecast]\nmodel = \"snaive\"\nholdout = 14\n"
                       "[detect]\ntrees = 50\ntrain-rows = 20000\ncontamination = 0.005\n"
                       "[policy]\nmethod = \"base-stock\"\neval-periods = 1000\nwarmup = 100\n"
                       "max-states = 5000\n"
                       "[optimize]\nbudget = 3000\n");
  const std::string env = "SLURM_CONF='" + cluster + "/slurm.conf' N=4 THREADS=1 PLAN='" + plan +
                          "' OUT='" + out + "' INVPLAN='" + bin + "' ";
  const Shell submit = Sh(env + "bash '" + testing::RepoPath("scripts/cluster/night.sbatch") + "'");
  ASSERT_EQ(submit.code, 0) << submit.out;
  const std::string night = out + "/night/latest";

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
    if (testing::Exists(night + "/report.html")) {
      done = true;
      break;
    }
    const Shell queue = Sh("SLURM_CONF='" + cluster + "/slurm.conf' squeue -h -o %i");
    if (queue.code == 0 && queue.out.empty() && !testing::Exists(night + "/report.html")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  ASSERT_TRUE(done) << "the night did not finish; jobs: " << submit.out << "\nlogs:\n"
                    << Sh("tail -n 5 '" + out + "'/invplan-*.log").out;

  // The same plan without shards, with the forest the night trained.
  const std::string ref = dir.File("ref");
  const Shell whole =
      Sh("'" + bin + "' --quiet --threads 1 run --config '" + plan + "' --set detect.model='" +
         out + "/models/forest.json' --out '" + ref + "'");
  ASSERT_EQ(whole.code, 0) << whole.out;
  for (const char* name :
       {"clean.json", "anomalies.json", "forecast.json", "policies.json", "orders.json"}) {
    const Json sharded = Comparable(night + "/" + name);
    const Json unsharded = Comparable(ref + "/latest/" + name);
    EXPECT_EQ(sharded.size(), unsharded.size()) << name;
    for (const auto& [key, value] : sharded.items()) {
      EXPECT_TRUE(unsharded.contains(key) && unsharded[key] == value)
          << name << ": '" << key << "' differs: " << value.dump().substr(0, 300) << " vs "
          << (unsharded.contains(key) ? unsharded[key].dump().substr(0, 300) : "none");
    }
  }
  // The pieces ran the per-SKU stages only; the night imported their merge.
  const std::string manifest = testing::ReadFile(night + "/manifest.json");
  EXPECT_NE(manifest.find("\"imported\""), std::string::npos);
  EXPECT_TRUE(testing::Exists(out + "/shard-3/latest/forecast.json"));
  EXPECT_FALSE(testing::Exists(out + "/shard-3/latest/policies.json"));
}

}  // namespace
}  // namespace invplan
