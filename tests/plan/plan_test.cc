// In-process tests of RunPlan on a small generated plan: the chain, what is up
// to date, dated runs and latest, failures, the lock and the metrics.
#include "invplan/plan.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "invplan/error.h"
#include "plan_fixture.h"
#include "test_util.h"

namespace invplan {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

PlanResult RunSmall(const std::string& config, const std::string& extra_flag = "",
                    const std::string& value = "") {
  PlanOptions o;
  o.config = config;
  if (!extra_flag.empty()) PlanOptionTable().Set(o, extra_flag, value);
  RunContext ctx;
  ctx.threads = 1;
  ctx.progress = false;
  return RunPlan(o, ctx);
}

// The small plan has no network file, so its network stage is always skipped
// and left out here (tests/cli/run_cli_test.cc runs a network night).
std::map<std::string, std::string> Statuses(const PlanResult& r) {
  std::map<std::string, std::string> m;
  for (const auto& s : r.stages) {
    if (s.stage != "network" || s.status != "skipped") m[s.stage] = s.status;
  }
  return m;
}

std::string LatestTarget(const TempDir& dir) {
  return fs::read_symlink(dir.File("out/latest")).string();
}

// Files under `root` whose name says they are temporary.
// Throws and returns the Error's message and kind.
template <class F>
Error Failure(F fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no Error thrown";
  return InternalError("none");
}

TEST(Plan, RunsTheChainIntoADatedRunAndLatest) {
  TempDir dir;
  const PlanResult r = RunSmall(testing::WriteSmallPlan(dir));
  EXPECT_TRUE(r.latest_switched);
  const std::map<std::string, std::string> ran = {{"clean", "ran"},    {"forecast", "ran"},
                                                  {"detect", "ran"},   {"policy", "ran"},
                                                  {"optimize", "ran"}, {"report", "ran"}};
  EXPECT_EQ(Statuses(r), ran);
  EXPECT_EQ(r.skus, 3u);
  const std::string latest = dir.File("out/latest/");
  for (const char* f :
       {"clean.csv", "clean.json", "forecast.json", "anomalies.json", "policies.json",
        "orders.json", "orders.csv", "report.html", "manifest.json"}) {
    EXPECT_TRUE(fs::exists(latest + f)) << f;
  }
  EXPECT_EQ(LatestTarget(dir).rfind("runs/", 0), 0u) << LatestTarget(dir);
  const auto manifest = nlohmann::json::parse(ReadFile(dir.File("out/manifest.json")));
  EXPECT_EQ(manifest["format"], "invplan.run-manifest");
  EXPECT_EQ(manifest["status"], "succeeded");
  EXPECT_EQ(manifest["inputs"].size(), 2u);      // sales and items, each hashed once
  const auto& forecast = manifest["stages"][2];  // clean, detect, forecast, ...
  EXPECT_EQ(forecast["stage"], "forecast");
  EXPECT_EQ(forecast["config"]["model"], "snaive");
  EXPECT_EQ(forecast["inputs"][0]["role"], "sales");
  EXPECT_EQ(forecast["inputs"][0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(forecast["outputs"][0]["path"], "forecast.json");
  EXPECT_GT(forecast["peak_rss_bytes"].get<double>(), 0.0);
  // The orders choose among tonight's policy candidates; without a binding
  // constraint every SKU gets its recommended order.
  const auto orders = nlohmann::json::parse(ReadFile(latest + "orders.json"));
  EXPECT_EQ(orders["mode"], "policies");
  EXPECT_EQ(r.order_lines, orders["lines"].size());
  const auto policies = nlohmann::json::parse(ReadFile(latest + "policies.json"));
  ASSERT_EQ(policies["policies"].size(), 3u);
  std::map<std::string, double> ordered;
  for (const auto& l : orders["lines"]) ordered[l["sku"]] = l["quantity"].get<double>();
  if (orders["binding"].empty()) {
    for (const auto& p : policies["policies"]) {
      const std::string sku = p["sku"];
      EXPECT_EQ(ordered.count(sku) ? ordered[sku] : 0.0, p["today"]["recommended"].get<double>())
          << sku;
    }
  }
  EXPECT_NE(r.Summary().find("6 ran"), std::string::npos) << r.Summary();
}

// (How fast the rerun is belongs to scripts/bench.sh plan; here, that nothing reruns.)
TEST(Plan, SecondRunWithNothingChangedIsUpToDate) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  const PlanResult first = RunSmall(config);
  const PlanResult second = RunSmall(config);
  for (const auto& [stage, status] : Statuses(second)) EXPECT_EQ(status, "up to date") << stage;
  // A complete, new run directory; latest moved to it; the counts are kept.
  EXPECT_NE(first.run_dir, second.run_dir);
  EXPECT_EQ(second.run_dir, dir.File("out/" + LatestTarget(dir)));
  EXPECT_EQ(ReadFile(second.run_dir + "/orders.csv"), ReadFile(first.run_dir + "/orders.csv"));
  EXPECT_EQ(second.order_lines, first.order_lines);
  EXPECT_EQ(second.skus, 3u);
}

TEST(Plan, ChangedItemsRerunOnlyPolicyOptimizeAndReport) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  RunSmall(config);
  dir.Write("items.csv", std::string(testing::kSmallItems) + "D,1,2,0.01,1,1,1,0.1,ACME,0\n");
  const std::map<std::string, std::string> want = {
      {"clean", "up to date"}, {"forecast", "up to date"}, {"detect", "up to date"},
      {"policy", "ran"},       {"optimize", "ran"},        {"report", "ran"}};
  EXPECT_EQ(Statuses(RunSmall(config)), want);
}

TEST(Plan, ChangedForecastKeyRerunsForecastAndWhatReadsIt) {
  TempDir dir;
  RunSmall(testing::WriteSmallPlan(dir));
  const std::string config = testing::WriteSmallPlan(dir, "", "level = \"90\"\n");
  const std::map<std::string, std::string> want = {{"clean", "up to date"},  {"forecast", "ran"},
                                                   {"detect", "up to date"}, {"policy", "ran"},
                                                   {"optimize", "ran"},      {"report", "ran"}};
  EXPECT_EQ(Statuses(RunSmall(config)), want);
  // --from and --only.
  const std::map<std::string, std::string> from = {
      {"clean", "up to date"}, {"forecast", "up to date"}, {"detect", "up to date"},
      {"policy", "ran"},       {"optimize", "ran"},        {"report", "ran"}};
  EXPECT_EQ(Statuses(RunSmall(config, "from", "policy")), from);
  const PlanResult only = RunSmall(config, "only", "optimize");
  const std::map<std::string, std::string> want_only = {
      {"clean", "skipped"},  {"forecast", "skipped"}, {"detect", "skipped"},
      {"policy", "skipped"}, {"optimize", "ran"},     {"report", "skipped"}};
  EXPECT_EQ(Statuses(only), want_only);
  EXPECT_TRUE(only.latest_switched);  // the skipped stages' outputs were linked
  EXPECT_TRUE(fs::exists(only.run_dir + "/clean.csv"));
}

TEST(Plan, PlanFileErrorsNameFileSectionAndKey) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir, "", "horizn = 3\n");
  Error e = Failure([&] { RunSmall(config); });
  EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  EXPECT_EQ(std::string(e.what()), config + ": [forecast] no option 'horizn'");
  e = Failure([&] { RunSmall(testing::WriteSmallPlan(dir, "", "output = \"x.json\"\n")); });
  EXPECT_NE(std::string(e.what()).find("[forecast] 'output' is set by invplan run"),
            std::string::npos)
      << e.what();
  e = Failure([&] { RunSmall(testing::WriteSmallPlan(dir, "", "fill = \"mean\"\n")); });
  EXPECT_NE(std::string(e.what()).find("[forecast] 'fill' is read from [clean]"), std::string::npos)
      << e.what();
  e = Failure([&] { RunSmall(testing::WriteSmallPlan(dir, "", "horizon = 1.5\n")); });
  EXPECT_NE(std::string(e.what()).find("[forecast] horizon: expected a whole number"),
            std::string::npos)
      << e.what();
  e = Failure([&] { RunSmall(testing::WriteSmallPlan(dir, "[optimise]\nbudget = 1\n")); });
  EXPECT_NE(std::string(e.what()).find("no section [optimise]"), std::string::npos) << e.what();
  EXPECT_FALSE(fs::exists(dir.File("out/runs")));  // nothing ran
}

TEST(Plan, EnabledStagesAndOnlyNeedTheirInputs) {
  TempDir dir;
  // policy reads tonight's forecast: it cannot run without the forecast stage.
  std::string config = testing::WriteSmallPlan(dir);
  const std::string text = ReadFile(config);
  config = dir.Write("plan.toml", "[run]\nstages = \"clean,policy\"\n" + text.substr(6));
  Error e = Failure([&] { RunSmall(config); });
  EXPECT_NE(std::string(e.what()).find("[run] stages: policy reads the forecast stage's output"),
            std::string::npos)
      << e.what();
  // --only on a fresh directory: forecast.json was never produced.
  e = Failure([&] { RunSmall(testing::WriteSmallPlan(dir), "only", "policy"); });
  EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  EXPECT_NE(std::string(e.what()).find("which no earlier run produced; run forecast first"),
            std::string::npos)
      << e.what();
  EXPECT_FALSE(fs::exists(dir.File("out/latest")));
  // Only clean and forecast: the later stages are skipped, the plan is complete.
  config = dir.Write("plan.toml", "[run]\nstages = [\"clean\", \"forecast\"]\n" + text.substr(6));
  const PlanResult r = RunSmall(config);
  const std::map<std::string, std::string> want = {{"clean", "ran"},        {"forecast", "ran"},
                                                   {"detect", "skipped"},   {"policy", "skipped"},
                                                   {"optimize", "skipped"}, {"report", "skipped"}};
  EXPECT_EQ(Statuses(r), want);
  EXPECT_TRUE(r.latest_switched);
}

TEST(Plan, FailedStageLeavesLatestOnTheLastGoodRun) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  const std::string metrics = dir.File("invplan.prom");
  const PlanResult good = RunSmall(config, "metrics", metrics);
  const std::string latest = LatestTarget(dir);
  const std::string last_success = ReadFile(metrics).substr(
      ReadFile(metrics).find("invplan_run_last_success_timestamp_seconds "));
  dir.Write("sales.csv", testing::SmallSales() + "2025-03-12,A,twelve,0\n");
  const Error e = Failure([&] { RunSmall(config, "metrics", metrics); });
  EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
  EXPECT_NE(std::string(e.what()).find("stage clean failed"), std::string::npos) << e.what();
  EXPECT_EQ(LatestTarget(dir), latest);
  EXPECT_EQ(testing::TempFilesUnder(dir.File("out")), std::vector<std::string>{});
  const auto manifest = nlohmann::json::parse(ReadFile(dir.File("out/manifest.json")));
  EXPECT_EQ(manifest["status"], "failed");
  EXPECT_EQ(manifest["stages"][0]["status"], "failed");
  // The metrics say so and keep the time of the last success.
  const std::string prom = ReadFile(metrics);
  EXPECT_NE(prom.find("invplan_run_success 0\n"), std::string::npos) << prom;
  EXPECT_NE(prom.find(last_success.substr(0, last_success.find('\n'))), std::string::npos);
  // Fixed data: the next run reruns and moves latest.
  dir.Write("sales.csv", testing::SmallSales());
  const PlanResult fixed = RunSmall(config);
  EXPECT_EQ(Statuses(fixed)["clean"], "ran");  // the failed run's record is not reused
  EXPECT_NE(LatestTarget(dir), latest);
  (void)good;
}

TEST(Plan, ASecondRunIsRefusedWhileTheLockIsHeld) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  fs::create_directories(dir.File("out"));
  const int fd = ::open(dir.File("out/.lock").c_str(), O_RDWR | O_CREAT, 0666);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  ASSERT_EQ(::write(fd, "4242\n", 5), 5);
  const Error e = Failure([&] { RunSmall(config); });
  EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  EXPECT_EQ(std::string(e.what()),
            dir.File("out") + " is locked by another invplan run (pid 4242)");
  ::close(fd);
  EXPECT_TRUE(RunSmall(config).latest_switched);  // released: runs
}

TEST(Plan, AKilledRunsDirectoryIsRemovedByTheNextRun) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  const PlanResult good = RunSmall(config);
  // What a run killed during forecast leaves: no manifest, a temporary file.
  fs::create_directories(dir.File("out/runs/20991231T235959Z"));
  dir.Write("out/runs/20991231T235959Z/.forecast.json.tmp.AbCdEf", "{");
  const PlanResult next = RunSmall(config);
  EXPECT_FALSE(fs::exists(dir.File("out/runs/20991231T235959Z")));
  EXPECT_TRUE(fs::exists(good.run_dir));
  EXPECT_EQ(testing::TempFilesUnder(dir.File("out")), std::vector<std::string>{});
  EXPECT_TRUE(next.latest_switched);
}

TEST(Plan, MetricsAndPruning) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  const std::string metrics = dir.File("invplan.prom");
  for (int i = 0; i < 3; ++i) RunSmall(config, "keep", "2");
  int runs = 0;
  for (const auto& e : fs::directory_iterator(dir.File("out/runs"))) runs += e.is_directory();
  EXPECT_EQ(runs, 2);
  EXPECT_TRUE(fs::exists(dir.File("out/latest/orders.json")));
  const PlanResult r = RunSmall(config, "metrics", metrics);
  const std::string prom = ReadFile(metrics);
  for (const char* want :
       {"# TYPE invplan_run_duration_seconds gauge\n",
        "invplan_run_last_success_timestamp_seconds ",
        "invplan_stage_duration_seconds{stage=\"forecast\"} ", "invplan_skus 3\n",
        "invplan_forecast_fallbacks ", "invplan_order_lines ", "invplan_order_spend "}) {
    EXPECT_NE(prom.find(want), std::string::npos) << want << "\n" << prom;
  }
  EXPECT_EQ(r.skus, 3u);
}

}  // namespace
}  // namespace invplan

namespace invplan {
namespace {

TEST(Plan, ChangesSinceTheLastGoodPlanAreListed) {
  TempDir dir;
  const std::string config = testing::WriteSmallPlan(dir);
  RunSmall(config);
  const std::string first = ReadFile(dir.File("out/latest/changes.csv"));
  EXPECT_EQ(first.rfind("sku,last_quantity,quantity,change,reason\n", 0), 0u) << first;
  EXPECT_NE(first.find(",new SKU\n"), std::string::npos) << first;  // no earlier plan
  // C loses its stock: its position changes, and so does its order.
  std::string items = testing::kSmallItems;
  items.replace(items.find("BOLT,0"), 6, "BOLT,500");
  dir.Write("items.csv", items);
  RunSmall(config);
  const std::string second = ReadFile(dir.File("out/latest/changes.csv"));
  EXPECT_NE(second.find("\nC,"), std::string::npos) << second;
  EXPECT_NE(second.find("position changed from 0 to"), std::string::npos) << second;
  const auto manifest = nlohmann::json::parse(ReadFile(dir.File("out/manifest.json")));
  EXPECT_GE(manifest["changes"]["by_reason"]["position"].get<int>(), 1) << manifest["changes"];
}

}  // namespace
}  // namespace invplan
