// RunForecast end to end on small CSVs: artifact fields, regressors and the
// future file, holdout backtests, determinism across thread counts.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "invplan/error.h"
#include "invplan/forecast.h"
#include "test_util.h"

namespace invplan {
namespace {

namespace fs = std::filesystem;

class ForecastStage : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("invplan_forecast_stage_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    std::ofstream sales(Path("sales.csv"));
    sales << "date,sku,quantity,promo\n";
    for (int t = 0; t < 48; ++t) {
      char date[32];
      std::snprintf(date, sizeof date, "%04d-%02d-01", 2020 + t / 12, t % 12 + 1);
      int promo = t % 5 == 0;
      double a =
          100 + t + 20 * std::sin(2 * M_PI * t / 12) + 7 * std::cos(1.3 * t * t) + 15 * promo;
      double b = (t % 4 == 1) ? 3 + t % 3 : 0;  // intermittent
      sales << date << ",A," << a << ',' << promo << '\n';
      sales << date << ",B," << b << ',' << promo << '\n';
      sales << date << ",C,0," << promo << '\n';
      sales << date << ",D,5," << promo << '\n';
    }
    std::ofstream future(Path("future.csv"));
    future << "date,sku,promo\n";
    for (const char* sku : {"A", "B", "C", "D"}) {
      for (int m = 1; m <= 6; ++m)
        future << "2024-0" << m << "-01," << sku << ',' << (m == 2) << '\n';
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  ForecastOptions Options() const {
    ForecastOptions o;
    o.ingest.input = Path("sales.csv");
    o.ingest.frequency = "M";
    o.horizon = 6;
    o.output = Path("forecast.json");
    return o;
  }

  fs::path dir_;
};

TEST_F(ForecastStage, WritesAReadableArtifactWithEverySku) {
  ForecastOptions o = Options();
  RunContext run;
  ForecastStats stats;
  ForecastSet set = RunForecast(o, run, &stats);
  ASSERT_EQ(set.series.size(), 4u);
  EXPECT_EQ(stats.series, 4u);
  ForecastSet back = ReadForecastArtifact(o.output);
  ASSERT_EQ(back.series.size(), 4u);
  EXPECT_EQ(back.frequency, Frequency::kMonth);
  EXPECT_EQ(back.horizon, 6);
  EXPECT_TRUE(back.clipped_at_zero);
  const auto& a = back.series[0];
  EXPECT_EQ(a.sku, "A");
  EXPECT_EQ(a.demand_class, "smooth");
  // auto's default for a smooth SKU: the combination (--select combo).
  EXPECT_EQ(a.model_name, "combo");
  EXPECT_EQ(FormatPeriod(a.history_end, Frequency::kMonth), "2023-12-01");
  ASSERT_EQ(a.points.size(), 6u);
  EXPECT_EQ(FormatPeriod(a.points[0].period, Frequency::kMonth), "2024-01-01");
  EXPECT_LE(a.points[0].lo[1], a.points[0].lo[0]);
  EXPECT_EQ(back.series[1].demand_class, "intermittent");
  EXPECT_EQ(back.series[1].model_name, "croston");
  EXPECT_EQ(back.series[2].status, "fallback");
  EXPECT_EQ(back.series[2].reason, "all zeros");
  EXPECT_EQ(back.series[3].reason, "constant series");
  Json doc = Json::parse(testing::ReadFile(o.output));
  EXPECT_EQ(doc["format"], "invplan.forecast");
  EXPECT_EQ(doc["summary"]["fallbacks"], 2);
  EXPECT_EQ(doc["series"][0]["model"]["members"].size(), 3u);
  EXPECT_EQ(doc["series"][0]["model"]["selection"]["selected"], "combo");
}

TEST_F(ForecastStage, ResultsDoNotDependOnThreads) {
  ForecastOptions o = Options();
  o.holdout = 6;
  RunContext run;
  run.threads = 1;
  RunForecast(o, run);
  std::string one = testing::ReadFile(o.output);
  run.threads = 3;
  o.output = Path("forecast3.json");
  RunForecast(o, run);
  Json a = Json::parse(one), b = Json::parse(testing::ReadFile(o.output));
  EXPECT_EQ(a["series"], b["series"]);
  EXPECT_EQ(a["backtest"], b["backtest"]);
}

TEST_F(ForecastStage, HoldoutBacktestPerSkuAndOverall) {
  ForecastOptions o = Options();
  o.holdout = 6;
  RunContext run;
  ForecastStats stats;
  ForecastSet set = RunForecast(o, run, &stats);
  const Json& bt = set.series[0].backtest;
  ASSERT_TRUE(bt.is_object());
  EXPECT_EQ(bt["holdout"], 6);
  EXPECT_TRUE(bt["model"]["mase"].is_number());
  EXPECT_TRUE(bt["snaive"]["mase"].is_number());
  EXPECT_TRUE(bt["model"].contains("coverage95"));
  ASSERT_TRUE(stats.backtest.is_object());
  EXPECT_EQ(stats.backtest["series"], 4);
  EXPECT_TRUE(stats.backtest["model"]["smape"].is_number());
  // All-zero SKU: MASE has no scale.
  EXPECT_TRUE(set.series[2].backtest["model"]["mase"].is_null());
}

TEST_F(ForecastStage, RegressorsFromTheFutureFile) {
  ForecastOptions o = Options();
  o.model = "arima";
  o.regressors = {"promo"};
  o.future = Path("future.csv");
  RunContext run;
  ForecastSet set = RunForecast(o, run);
  const Json& coef = set.series[0].model["coefficients"];
  ASSERT_TRUE(coef.contains("promo")) << set.series[0].model.dump();
  EXPECT_NEAR(coef["promo"].get<double>(), 15.0, 6.0);
  // The promo month is forecast higher than the months around it.
  EXPECT_GT(set.series[0].points[1].mean, set.series[0].points[0].mean);
  EXPECT_EQ(run.run.inputs.size(), 2u);
}

TEST_F(ForecastStage, MissingFutureValuesAreAnInputError) {
  std::ofstream(Path("short.csv")) << "date,sku,promo\n2024-01-01,A,0\n";
  ForecastOptions o = Options();
  o.model = "arima";
  o.regressors = {"promo"};
  o.future = Path("short.csv");
  RunContext run;
  try {
    RunForecast(o, run);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("no value of 'promo' for SKU 'A'"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(o.output));
}

TEST_F(ForecastStage, BadOptionsAreUsageErrors) {
  RunContext run;
  auto kind_of = [&](ForecastOptions o) {
    try {
      RunForecast(o, run);
    } catch (const Error& e) {
      return e.kind();
    }
    return ErrorKind::kInternal;
  };
  ForecastOptions o = Options();
  o.model = "prophet";
  EXPECT_EQ(kind_of(o), ErrorKind::kUsage);
  o = Options();
  o.order = "1,1";
  EXPECT_EQ(kind_of(o), ErrorKind::kUsage);
  o = Options();
  o.transform = "sqrt";
  EXPECT_EQ(kind_of(o), ErrorKind::kUsage);
  o = Options();
  o.regressors = {"promo"};
  EXPECT_EQ(kind_of(o), ErrorKind::kUsage);  // no --future
  o = Options();
  o.regressors = {"price"};
  o.future = Path("future.csv");
  EXPECT_EQ(kind_of(o), ErrorKind::kBadInput);  // no such column
}

TEST_F(ForecastStage, FlatCsvBesideTheArtifact) {
  ForecastOptions o = Options();
  o.csv_path = o.output.substr(0, o.output.size() - 4) + "csv";
  o.model = "snaive";
  RunContext run;
  RunForecast(o, run);
  std::string csv = testing::ReadFile(Path("forecast.csv"));
  std::istringstream in(csv);
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  EXPECT_EQ(header, "sku,date,mean,lo80,hi80,lo95,hi95,model,status");
  EXPECT_EQ(first.rfind("A,2024-01-01,", 0), 0u) << first;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 4 * 6);
}

}  // namespace
}  // namespace invplan
