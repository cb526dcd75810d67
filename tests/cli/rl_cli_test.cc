// End-to-end tests of train-rl and simulate through the command-line entry point.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "invplan/artifact.h"

namespace invplan::cli {
namespace {

namespace fs = std::filesystem;

int RunRl(std::vector<std::string> args) {
  args.insert(args.begin(), "invplan");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  return Main(static_cast<int>(argv.size()), argv.data());
}

Json Load(const fs::path& p) {
  std::ifstream in(p);
  return Json::parse(in);
}

class RlCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("invplan_rl_cli_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

const std::vector<std::string> kQuick = {"--episodes",     "20",     "--steps", "10000",
                                         "--eval-periods", "100000", "-q"};

std::vector<std::string> With(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_F(RlCli, TrainsNearTheOptimumAndWritesTheArtifact) {
  const std::string out = Path("policy.json");
  ASSERT_EQ(RunRl(With({"train-rl", "--demand", "poisson:5", "--lead-time", "1",
                        "--lost-sale-penalty", "9", "-o", out},
                       kQuick)),
            0);
  const Json doc = Load(out);
  EXPECT_EQ(doc["format"], "invplan.rl-policy");
  EXPECT_EQ(doc["environment"]["lead_time"], 1);
  EXPECT_GT(doc["policy"]["table"].size(), 3u);
  const Json& row = doc["policy"]["table"][0];
  // [on_hand, order, pipeline...]: lead time 1 has no pipeline.
  ASSERT_TRUE(row.is_array()) << row.dump();
  EXPECT_EQ(row.size(), 2u) << row.dump();
  EXPECT_EQ(doc["schema_version"], 2);
  const Json& e = doc["evaluation"];
  EXPECT_LT(e["gaps"]["to_exact_optimum"].get<double>(), 0.01);
  EXPECT_NEAR(e["optimal"]["exact_average_reward"].get<double>(),
              e["optimal"]["average_reward"].get<double>(), 0.05);
  EXPECT_GE(e["base_stock"]["S"].get<int>(), 1);
  EXPECT_EQ(doc["learning_curve"].size(), 40u);
}

TEST_F(RlCli, SameSeedSameOutputWhateverTheThreads) {
  const std::string a = Path("a.json"), b = Path("b.json");
  const std::vector<std::string> base = {
      "train-rl", "--demand", "poisson:4",      "--lead-time", "2",  "--episodes", "5",
      "--steps",  "4000",     "--eval-periods", "20000",       "-q", "--no-search"};
  ASSERT_EQ(RunRl(With(base, {"-o", a, "--threads", "1"})), 0);
  ASSERT_EQ(RunRl(With(base, {"-o", b, "--threads", "2"})), 0);
  Json ja = Load(a), jb = Load(b);
  for (Json* j : {&ja, &jb}) {
    j->erase("created_at");
    j->erase("command");
    j->erase("config");
    j->erase("cpu_seconds");
    for (const char* timing :
         {"seconds", "periods_per_second", "cpu_seconds", "periods_per_cpu_second"}) {
      (*j)["training"].erase(timing);
    }
  }
  EXPECT_EQ(ja, jb);
}

TEST_F(RlCli, SimulateEvaluatesPolicyFileAndParametricPolicies) {
  const std::string policy = Path("policy.json"), sim = Path("sim.json");
  ASSERT_EQ(RunRl(With({"train-rl", "--demand", "poisson:5", "--lost-sale-penalty", "9", "-o",
                        policy, "--no-search"},
                       kQuick)),
            0);
  ASSERT_EQ(RunRl({"simulate", "--policy", policy, "--periods", "5000", "--replications", "8", "-o",
                   sim, "-q"}),
            0);
  const Json s = Load(sim);
  EXPECT_EQ(s["format"], "invplan.simulation");
  const Json& r = s["results"];
  EXPECT_LE(r["average_reward"]["ci95_low"].get<double>(),
            r["average_reward"]["mean"].get<double>());
  EXPECT_GT(r["fill_rate"]["mean"].get<double>(), 0.8);
  EXPECT_EQ(s["share_outside_table"].get<double>(), 0.0);
  // The learned policy for L=0 is order-up-to the critical fractile (S = 8).
  ASSERT_EQ(RunRl({"simulate", "--base-stock", "8", "--demand", "poisson:5", "--lost-sale-penalty",
                   "9", "--periods", "5000", "--replications", "8", "-o", Path("bs.json"), "-q"}),
            0);
  EXPECT_NEAR(Load(Path("bs.json"))["results"]["average_reward"]["mean"].get<double>(),
              r["average_reward"]["mean"].get<double>(), 0.05);
  // Overriding the environment: a higher penalty lowers the reward.
  ASSERT_EQ(RunRl({"simulate", "--policy", policy, "--lost-sale-penalty", "30", "--periods", "5000",
                   "--replications", "8", "-o", Path("hi.json"), "-q"}),
            0);
  EXPECT_LT(Load(Path("hi.json"))["results"]["average_reward"]["mean"].get<double>(),
            r["average_reward"]["mean"].get<double>());
  ASSERT_EQ(RunRl({"simulate", "--s-S", "4,10", "--demand", "poisson:6", "--unmet", "backorder",
                   "--fixed-order-cost", "5", "--periods", "20000", "--replications", "10", "-o",
                   Path("ss.json"), "-q"}),
            0);
  EXPECT_NEAR(Load(Path("ss.json"))["results"]["average_reward"]["mean"].get<double>(), -8.034,
              0.1);
}

TEST_F(RlCli, BadParametersExitTwo) {
  const std::string out = Path("x.json");
  EXPECT_EQ(RunRl({"train-rl", "--demand", "poisson:5", "--holding-cost", "-1", "-o", out, "-q"}),
            2);
  EXPECT_EQ(RunRl({"train-rl", "--demand", "poisson:5", "--max-order", "0", "-o", out, "-q"}), 2);
  EXPECT_EQ(RunRl({"train-rl", "--demand", "gamma:5", "-o", out, "-q"}), 2);
  EXPECT_EQ(RunRl({"train-rl", "--demand", "poisson:abc", "-o", out, "-q"}), 2);
  EXPECT_EQ(RunRl({"train-rl", "-o", out, "-q"}), 2);
  // Sizes at the top of the options' ranges are refused before anything is
  // allocated, and without signed overflow on the way.
  for (const std::vector<std::string>& extreme :
       {std::vector<std::string>{"--max-order", "2147483647"},
        std::vector<std::string>{"--order-step", "2147483647"},
        std::vector<std::string>{"--min-order", "2147483647"},
        std::vector<std::string>{"--max-inventory", "2147483647", "--unmet", "backorder",
                                 "--max-backlog", "2147483647"}}) {
    EXPECT_EQ(
        RunRl(With({"train-rl", "--demand", "poisson:5", "--no-search", "-o", out, "-q"}, extreme)),
        2)
        << extreme[0];
  }
  EXPECT_EQ(RunRl({"simulate", "--s-S", "10,4", "--demand", "poisson:5", "-q"}), 2);
  EXPECT_EQ(RunRl({"simulate", "--demand", "poisson:5", "-q"}), 2);
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(RlCli, RejectsOtherArtifacts) {
  const std::string bad = Path("other.json");
  std::ofstream(bad) << R"({"format":"invplan.forecast","schema_version":1})";
  EXPECT_EQ(RunRl({"simulate", "--policy", bad, "-q"}), 4);
  std::ofstream(Path("newer.json")) << R"({"format":"invplan.rl-policy","schema_version":99})";
  EXPECT_EQ(RunRl({"simulate", "--policy", Path("newer.json"), "-q"}), 4);
}

// A policy table's quantities are range-checked: an on_hand of 2^32 + 1 is
// refused with exit 4 instead of being read as 1.
TEST_F(RlCli, PolicyTableQuantitiesAreRangeChecked) {
  const std::string policy = Path("policy.json"), bad = Path("bad.json");
  ASSERT_EQ(RunRl(With({"train-rl", "--demand", "poisson:5", "--lost-sale-penalty", "9", "-o",
                        policy, "--no-search"},
                       kQuick)),
            0);
  Json doc = Load(policy);
  Json* table = nullptr;
  if (doc.contains("policy")) table = &doc["policy"]["table"];
  if (!table && doc.contains("policies")) table = &doc["policies"][0]["policy"]["table"];
  ASSERT_TRUE(table && table->is_array() && !table->empty()) << doc.dump().substr(0, 300);
  // Schema 1 wrote rows as objects; they are still read, to the same result.
  Json old_doc = doc;
  Json& old_table = old_doc.contains("policy") ? old_doc["policy"]["table"]
                                               : old_doc["policies"][0]["policy"]["table"];
  for (Json& r : old_table) {
    Json pipe = Json::array();
    for (std::size_t i = 2; i < r.size(); ++i) pipe.push_back(r[i]);
    r = Json{{"on_hand", r[0]}, {"pipeline", pipe}, {"order", r[1]}};
  }
  old_doc["schema_version"] = 1;
  std::ofstream(Path("old.json")) << old_doc.dump();
  ASSERT_EQ(
      RunRl({"simulate", "--policy", policy, "--periods", "500", "-o", Path("new_sim.json"), "-q"}),
      0);
  ASSERT_EQ(RunRl({"simulate", "--policy", Path("old.json"), "--periods", "500", "-o",
                   Path("old_sim.json"), "-q"}),
            0);
  EXPECT_EQ(Load(Path("old_sim.json"))["results"], Load(Path("new_sim.json"))["results"]);

  (*table)[0][0] = 4294967297LL;
  std::ofstream(bad) << doc.dump();
  EXPECT_EQ(RunRl({"simulate", "--policy", bad, "--periods", "100", "-o", Path("s.json"), "-q"}),
            4);
  EXPECT_FALSE(fs::exists(Path("s.json")));
}

// An order-up-to level at the top of the int range orders the largest quantity
// every time (the table of shortfalls stops one past the largest order instead
// of holding two billion entries; the shortfall is computed in 64 bits).
TEST_F(RlCli, HugeOrderUpToLevelsSimulate) {
  for (const char* unmet : {"lost", "backorder"}) {
    ASSERT_EQ(RunRl({"simulate", "--demand", "poisson:5", "--s-S", "1,2147483647", "--unmet", unmet,
                     "--periods", "1000", "--replications", "2", "-o", Path("s.json"), "-q"}),
              0)
        << unmet;
    EXPECT_GT(Load(Path("s.json"))["results"]["fill_rate"]["mean"].get<double>(), 0.5) << unmet;
  }
}

}  // namespace
}  // namespace invplan::cli
