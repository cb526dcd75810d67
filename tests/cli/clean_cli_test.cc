// End-to-end tests of `invplan clean` and of the CLI conventions every command
// shares (help, version, exit codes, --config, stdin/stdout, atomic outputs).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

const char* kCleanSales =
    "date,sku,quantity,promo\n"
    "2024-01-01,A,5,0\n"
    "2024-01-03,A,7,1\n"
    "2024-01-01,B,2,0\n"
    "2024-01-02,B,-1,0\n"
    "2024-01-03,B,4,0\n";

TEST(Cli, HelpVersionAndCommandTable) {
  auto help = RunInvplan("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* cmd : {"clean", "forecast", "detect", "train-rl", "optimize"}) {
    EXPECT_NE(help.out.find(cmd), std::string::npos) << cmd;
  }
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
  auto version = RunInvplan("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, std::string("invplan ") + INVPLAN_VERSION + "\n");
  auto sub = RunInvplan("clean --help");
  EXPECT_EQ(sub.exit_code, 0);
  EXPECT_NE(sub.out.find("--outlier-z"), std::string::npos);
  EXPECT_NE(sub.out.find("--config"), std::string::npos);
}

TEST(Cli, UsageErrorsExit2) {
  EXPECT_EQ(RunInvplan("").exit_code, 2);
  EXPECT_EQ(RunInvplan("frobnicate").exit_code, 2);
  EXPECT_EQ(RunInvplan("clean --input x.csv --output y.csv --fill sideways").exit_code, 2);
  EXPECT_EQ(RunInvplan("clean --input x.csv --output y.csv --threads -3").exit_code, 2);
  EXPECT_EQ(RunInvplan("--log-level loud clean -i x.csv -o y.csv").exit_code, 2);
  auto none = RunInvplan("clean --input x.csv");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("nothing to write"), std::string::npos);
}

TEST(Clean, WritesPanelAndReport) {
  TempDir dir;
  std::string in = dir.Write("sales.csv", kCleanSales);
  auto r = RunInvplan("clean -i " + in + " -o " + dir.File("clean.csv") + " --report " +
                      dir.File("report.json") + " --threads 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(testing::ReadFile(dir.File("clean.csv")),
            "date,sku,quantity,promo\n"
            "2024-01-01,A,5,0\n"
            "2024-01-02,A,0,0\n"
            "2024-01-03,A,7,1\n"
            "2024-01-01,B,2,0\n"
            "2024-01-02,B,0,0\n"
            "2024-01-03,B,4,0\n");
  auto rep = nlohmann::json::parse(testing::ReadFile(dir.File("report.json")));
  EXPECT_EQ(rep["format"], "invplan.clean-report");
  EXPECT_EQ(rep["schema_version"], 1);
  EXPECT_EQ(rep["frequency"], "D");
  EXPECT_EQ(rep["totals"]["series"], 2);
  EXPECT_EQ(rep["totals"]["filled"], 1);
  EXPECT_EQ(rep["totals"]["negatives"], 1);
  EXPECT_EQ(rep["series"][1]["sku"], "B");
  EXPECT_EQ(rep["series"][1]["negatives"], 1);
  EXPECT_EQ(rep["config"]["fill"], "zero");
  EXPECT_EQ(rep["config"]["threads"], 2);
  EXPECT_EQ(rep["inputs"][0]["bytes"], std::string(kCleanSales).size());
  EXPECT_EQ(rep["inputs"][0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_NE(r.err.find("clean: 2 series"), std::string::npos);
}

TEST(Clean, StdinToStdoutAndQuiet) {
  auto r = RunInvplan("clean -q -i - -o - --freq W", kCleanSales);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "date,sku,quantity,promo\n2024-01-01,A,12,0.5\n2024-01-01,B,6,0\n");
  EXPECT_EQ(r.err, "");
}

TEST(Clean, BadDataExit3AndNoOutputFile) {
  TempDir dir;
  std::string in = dir.Write("bad.csv", "date,sku,quantity\n2024-01-01,A,1\n2024-01-02,A,12;5\n");
  std::string out = dir.File("out.csv"), rep = dir.File("rep.json");
  auto r = RunInvplan("clean -i " + in + " -o " + out + " --report " + rep);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(in + ":3: column 'quantity': expected a number, got \"12;5\""),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(testing::Exists(out));
  EXPECT_FALSE(testing::Exists(rep));
  EXPECT_EQ(RunInvplan("clean -i " + dir.File("missing.csv") + " -o " + out).exit_code, 3);
  auto skip =
      RunInvplan("clean -i " + in + " -o " + out + " --report " + rep + " --on-bad-row skip");
  EXPECT_EQ(skip.exit_code, 0);
  auto j = nlohmann::json::parse(testing::ReadFile(rep));
  EXPECT_EQ(j["rows"]["skipped"], 1);
  EXPECT_EQ(j["rows"]["skipped_examples"].size(), 1u);
}

TEST(Clean, ConfigFileAndCommandLineOverride) {
  TempDir dir;
  std::string in = dir.Write("s.csv", kCleanSales);
  std::string cfg =
      dir.Write("clean.toml", "input = \"" + in + "\"\nfill = \"interpolate\"\n" +
                                  "freq = \"D\"\nreport = \"" + dir.File("r.json") + "\"\n");
  auto r = RunInvplan("clean --config " + cfg + " -o " + dir.File("a.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(testing::ReadFile(dir.File("a.csv")).find("2024-01-02,A,6,"), std::string::npos);
  auto j = nlohmann::json::parse(testing::ReadFile(dir.File("r.json")));
  EXPECT_EQ(j["config"]["fill"], "interpolate");
  // A flag on the command line wins over the file.
  r = RunInvplan("clean --config " + cfg + " -o " + dir.File("b.csv") + " --fill zero");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(testing::ReadFile(dir.File("b.csv")).find("2024-01-02,A,0,"), std::string::npos);
  EXPECT_EQ(RunInvplan("clean --config " + dir.File("nope.toml")).exit_code, 2);
}

TEST(Clean, SameOutputWhateverTheThreads) {
  TempDir dir;
  std::string in = testing::RepoPath("data/sales.csv");
  auto a =
      RunInvplan("clean -q -i " + in + " -o " + dir.File("a.csv") + " --outliers clip --threads 1");
  auto b =
      RunInvplan("clean -q -i " + in + " -o " + dir.File("b.csv") + " --outliers clip --threads 3");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(testing::ReadFile(dir.File("a.csv")), testing::ReadFile(dir.File("b.csv")));
}

}  // namespace
}  // namespace invplan

namespace invplan {
namespace {

// Summary lines carry the time and the run id, as log lines do, so one grep
// finds a night's lines in a shared log.
TEST(Clean, SummaryAndLogLinesCarryTimeAndRunId) {
  const auto ok = testing::RunInvplan("clean -i - -o - --freq W", kCleanSales);
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  const std::size_t at = ok.err.find(" [summary] run=");
  ASSERT_NE(at, std::string::npos) << ok.err;
  EXPECT_EQ(at, 19u) << ok.err;  // after "YYYY-MM-DD HH:MM:SS"
  EXPECT_EQ(ok.err[4], '-');
  EXPECT_NE(ok.err.find("clean: 2 series"), std::string::npos);
  const auto bad = testing::RunInvplan("clean -i /nonexistent/sales.csv -o -");
  EXPECT_EQ(bad.exit_code, 3);
  const std::size_t run = bad.err.find(" run=");
  ASSERT_NE(run, std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("[error] run="), std::string::npos) << bad.err;
  // The id is the UTC start time and the pid.
  const std::string id = bad.err.substr(run + 5, bad.err.find(' ', run + 5) - run - 5);
  EXPECT_EQ(id.size() > 17 && id[8] == 'T' && id[15] == 'Z' && id[16] == '-', true) << id;
}

}  // namespace
}  // namespace invplan
