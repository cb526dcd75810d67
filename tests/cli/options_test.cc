// The option tables (invplan/options.h) as the single declaration of every
// option: the command line, library callers and the README all get the same
// options, checks and messages; and --threads 1 means one thread everywhere.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/command.h"
#include "common/parallel.h"
#include "invplan/detect.h"
#include "invplan/error.h"
#include "invplan/forecast.h"
#include "invplan/ingest.h"
#include "invplan/optimize.h"
#include "invplan/rl.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

int RunMain(std::vector<std::string> args) {
  args.insert(args.begin(), "invplan");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  return cli::Main(static_cast<int>(argv.size()), argv.data());
}

// 40 daily SKUs over 60 days: enough series for several parallel chunks.
std::string FortySkuSales() {
  std::string csv = "date,sku,quantity,on_hand\n";
  for (int sku = 0; sku < 40; ++sku) {
    for (int d = 0; d < 60; ++d) {
      const int day = 1 + d % 28;
      const int month = 1 + d / 28;
      char line[96];
      std::snprintf(line, sizeof line, "2024-%02d-%02d,S%02d,%d,%d\n", month, day, sku,
                    (sku + d * 7) % 11, 20 + (d * 3 + sku) % 9);
      csv += line;
    }
  }
  return csv;
}

TEST(Threads, OneThreadMeansNoWorkerThreadAnywhere) {
  TempDir dir;
  const std::string sales = dir.Write("sales.csv", FortySkuSales());
  const std::string fc = dir.File("f.json");
  const std::vector<std::vector<std::string>> runs = {
      {"clean", "-i", sales, "-o", dir.File("c.csv"), "--report", dir.File("c.json")},
      {"forecast", "-i", sales, "-m", "snaive", "--holdout", "7", "-o", fc},
      {"detect", "-i", sales, "-o", dir.File("a.json")},
      {"train-rl", "--demand", "empirical:" + sales, "--sku", "S01", "--episodes", "2", "--steps",
       "500", "--eval-periods", "2000", "--no-search", "-o", dir.File("p.json")},
  };
  for (const auto& args : runs) {
    std::vector<std::string> one = args;
    one.insert(one.end(), {"--threads", "1", "-q"});
    const std::size_t before = WorkerThreadsStarted();
    ASSERT_EQ(RunMain(one), 0) << args[0];
    EXPECT_EQ(WorkerThreadsStarted(), before) << args[0] << " started threads with --threads 1";
  }
  // The counter does see threads: the same forecast on two threads starts some.
  const std::size_t before = WorkerThreadsStarted();
  ASSERT_EQ(RunMain({"forecast", "-i", sales, "-m", "snaive", "-o", fc, "--threads", "2", "-q"}),
            0);
  EXPECT_GT(WorkerThreadsStarted(), before);
}

// A library caller gets exactly the command line's checks and messages.
TEST(OptionTables, LibraryCallersGetTheCommandLineChecks) {
  CleanStageOptions o;
  o.ingest.input = "x.csv";
  o.output = "y.csv";
  o.clean.outlier_z = -1;
  RunContext ctx;
  try {
    RunClean(o, ctx);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_STREQ(e.what(), "--outlier-z: must be > 0, got -1");
  }
  auto r = testing::RunInvplan("clean -i x.csv -o y.csv --outlier-z -1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--outlier-z: must be > 0, got -1"), std::string::npos) << r.err;

  OptimizeOptions opt;
  opt.candidates_path = "c.csv";
  opt.budget = -5;
  EXPECT_THROW(OptimizeOptionTable().Validate(opt), Error);
  opt.budget.reset();
  OptimizeOptionTable().Validate(opt);  // no budget: fine
}

TEST(OptionTables, SetByNameParsesStrictlyAndRejectsUnknownKeys) {
  ForecastOptions o;
  const auto& t = ForecastOptionTable();
  t.Set(o, "horizon", "14");
  t.Set(o, "level", "50,90");
  t.Set(o, "freq", "w");
  t.Set(o, "hidden", "8");
  EXPECT_EQ(o.horizon, 14);
  EXPECT_EQ(o.levels, (std::vector<double>{50, 90}));
  EXPECT_EQ(o.ingest.frequency, "W");
  EXPECT_EQ(o.rnn.hidden, 8);
  EXPECT_THROW(t.Set(o, "horizon", "1.5"), Error);
  EXPECT_THROW(t.Set(o, "horizon", "12x"), Error);
  EXPECT_THROW(t.Set(o, "horizon", "99999999999"), Error);  // refused, not wrapped
  EXPECT_THROW(t.Set(o, "model", "prophet"), Error);
  EXPECT_THROW(t.Set(o, "no-such-option", "1"), Error);
  const Json resolved = t.Resolved(o);
  EXPECT_EQ(resolved["horizon"], "14");
  EXPECT_EQ(resolved["level"], "50,90");
  EXPECT_EQ(resolved["model"], "auto");
}

TEST(OptionTables, EnvironmentOptionsGivenAreRecorded) {
  TrainRlOptions o;
  TrainRlOptionTable().Set(o, "lead-time", "2");
  TrainRlOptionTable().Set(o, "episodes", "3");
  EXPECT_EQ(o.env.lead_time, 2);
  EXPECT_EQ(o.env_given, (std::set<std::string>{"lead_time"}));
}

// Every option of a command is in its table, and --help shows each one.
TEST(OptionTables, HelpListsEveryTableOption) {
  for (const auto& spec : cli::Commands()) {
    auto help = testing::RunInvplan(std::string(spec.name) + " --help");
    ASSERT_EQ(help.exit_code, 0) << spec.name;
    std::istringstream md(spec.options_markdown());
    std::string line;
    int rows = 0;
    while (std::getline(md, line)) {
      // A row names its option as `--name` in the first cell.
      const std::size_t at = line.find("`--");
      if (at == std::string::npos) continue;
      const std::size_t end = line.find('`', at + 1);
      ++rows;
      const std::string name = line.substr(at + 1, end - at - 1);
      EXPECT_NE(help.out.find(name), std::string::npos) << spec.name << " " << name;
    }
    // merge has one option (its parts are positional); every stage has many.
    EXPECT_GT(rows, spec.name == std::string("merge") ? 0 : 5) << spec.name;
  }
}

// The README's option tables are generated from the tables. Run the test with
// INVPLAN_UPDATE_README=1 to rewrite them after changing an option.
TEST(OptionTables, ReadmeTablesMatchTheDeclarations) {
  const std::string path = testing::RepoPath("README.md");
  std::string readme = testing::ReadFile(path);
  const bool update = std::getenv("INVPLAN_UPDATE_README") != nullptr;
  for (const auto& spec : cli::Commands()) {
    const std::string open = "<!-- options:" + std::string(spec.name) + " -->\n";
    const std::string close = "<!-- /options:" + std::string(spec.name) + " -->";
    const std::size_t a = readme.find(open);
    const std::size_t b = readme.find(close);
    ASSERT_NE(a, std::string::npos) << "README.md has no " << open;
    ASSERT_NE(b, std::string::npos) << "README.md has no " << close;
    const std::size_t from = a + open.size();
    const std::string want = spec.options_markdown();
    if (update) {
      readme.replace(from, b - from, want);
    } else {
      EXPECT_EQ(readme.substr(from, b - from), want)
          << "the README's option table of " << spec.name
          << " differs from its declaration; run the test with INVPLAN_UPDATE_README=1";
    }
  }
  if (update) std::ofstream(path, std::ios::binary) << readme;
}

}  // namespace
}  // namespace invplan

namespace invplan {
namespace {

TEST(Cli, UnknownCommandSuggestsTheNearestOne) {
  auto r = testing::RunInvplan("--threads 2 forcast -i x.csv");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command 'forcast'; did you mean 'forecast'?"), std::string::npos)
      << r.err;
  auto far = testing::RunInvplan("frobnicate");
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
  EXPECT_NE(far.err.find("commands: clean, forecast"), std::string::npos) << far.err;
}

}  // namespace
}  // namespace invplan

namespace invplan {
namespace {

TEST(Cli, LogLevelWarnSilencesTheSummary) {
  TempDir dir;
  const std::string in = dir.Write("s.csv", "date,sku,quantity\n2024-01-01,A,5\n2024-01-02,A,7\n");
  auto info = testing::RunInvplan("clean -i " + in + " --report " + dir.File("r.json"));
  EXPECT_NE(info.err.find("clean: 1 series"), std::string::npos) << info.err;
  auto warn =
      testing::RunInvplan("--log-level warn clean -i " + in + " --report " + dir.File("r.json"));
  EXPECT_EQ(warn.exit_code, 0);
  EXPECT_EQ(warn.err, "");
}

}  // namespace
}  // namespace invplan

namespace invplan {
namespace {

// A cancelled stage stops with an error and commits no output.
TEST(RunContextTest, CancelledStageWritesNothing) {
  TempDir dir;
  CleanStageOptions o;
  o.ingest.input = dir.Write("sales.csv", FortySkuSales());
  o.output = dir.File("clean.csv");
  o.report_path = dir.File("clean.json");
  std::atomic<bool> cancel{true};
  RunContext ctx;
  ctx.cancel = &cancel;
  EXPECT_THROW(RunClean(o, ctx), Error);
  EXPECT_FALSE(testing::Exists(o.output));
  EXPECT_FALSE(testing::Exists(o.report_path));
  ForecastOptions f;
  f.ingest.input = o.ingest.input;
  f.model = "snaive";
  f.output = dir.File("f.json");
  EXPECT_THROW(RunForecast(f, ctx), Error);
  EXPECT_FALSE(testing::Exists(f.output));
  cancel = false;
  RunForecast(f, ctx);
  EXPECT_TRUE(testing::Exists(f.output));
}

}  // namespace
}  // namespace invplan
