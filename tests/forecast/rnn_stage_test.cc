// RunForecast with --model rnn on a small daily panel: artifact points and
// fallbacks, the run's training record, determinism across thread counts,
// save/load of the network, backtests and errors.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

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

// Day `n` after 2024-01-01 as YYYY-MM-DD (civil-from-days).
std::string Date(int n) {
  long z = 19723 + n + 719468;  // 19723: days from 1970-01-01 to 2024-01-01
  long era = z / 146097, doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp < 10 ? mp + 3 : mp - 9;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
  return buf;
}

class RnnStage : public ::testing::Test {
 protected:
  static constexpr int kDays = 112;

  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("invplan_rnn_stage_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    std::ofstream sales(Path("sales.csv"));
    sales << "date,sku,quantity,promo\n";
    for (int t = 0; t < kDays; ++t) {
      const int promo = t % 9 == 0;
      const double week = 1.0 + 0.4 * std::sin(2 * M_PI * t / 7);
      for (int k = 0; k < 4; ++k) {
        const double q = std::round((10 + 8 * k) * week * (promo ? 1.5 : 1.0) + (t * 7 + k) % 5);
        sales << Date(t) << ",S" << k << ',' << q << ',' << promo << '\n';
      }
      // A new item with only 10 days of history: shorter than the lookback.
      if (t >= kDays - 10) sales << Date(t) << ",NEW," << 3 + t % 2 << ',' << promo << '\n';
    }
    std::ofstream future(Path("future.csv"));
    future << "date,sku,promo\n";
    for (const char* sku : {"S0", "S1", "S2", "S3", "NEW"}) {
      for (int t = kDays; t < kDays + 7; ++t) future << Date(t) << ',' << sku << ",0\n";
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  ForecastOptions Options() const {
    ForecastOptions o;
    o.ingest.input = Path("sales.csv");
    o.ingest.frequency = "D";
    o.model = "rnn";
    o.horizon = 7;
    o.regressors = {"promo"};
    o.future = Path("future.csv");
    o.output = Path("forecast.json");
    o.rnn.hidden = 8;
    o.rnn.lookback = 14;
    // Little training: enough for the plumbing (the level check below trains more).
    o.rnn.epochs = 3;
    o.rnn.batches_per_epoch = 4;
    o.rnn.batch = 16;
    o.rnn.learning_rate = 0.01;
    return o;
  }

  fs::path dir_;
};

TEST_F(RnnStage, ForecastsEverySkuAndFallsBackForShortOnes) {
  ForecastOptions o = Options();
  o.rnn.epochs = 12;
  o.rnn.batches_per_epoch = 8;
  o.rnn.batch = 32;
  RunContext run;
  ForecastStats stats;
  RunForecast(o, run, &stats);
  EXPECT_EQ(stats.series, 5u);
  EXPECT_EQ(stats.fallbacks, 1u);
  ForecastSet set = ReadForecastArtifact(o.output);
  ASSERT_EQ(set.series.size(), 5u);
  for (const SeriesForecast& s : set.series) {
    ASSERT_EQ(s.points.size(), 7u) << s.sku;
    for (const ForecastPoint& p : s.points) {
      EXPECT_TRUE(std::isfinite(p.mean));
      EXPECT_GE(p.mean, 0.0);
      ASSERT_EQ(p.lo.size(), 2u);
      EXPECT_LE(p.lo[1], p.lo[0]);  // the 95 % interval holds the 80 % one
      EXPECT_LE(p.lo[0], p.hi[0]);
      EXPECT_LE(p.hi[0], p.hi[1]);
      EXPECT_GE(p.lo[1], 0.0);
    }
    if (s.sku == "NEW") {
      EXPECT_EQ(s.status, "fallback");
      EXPECT_NE(s.reason.find("lookback (10 of 14 periods)"), std::string::npos) << s.reason;
      EXPECT_NE(s.model_name, "rnn");
    } else {
      EXPECT_EQ(s.status, "ok") << s.reason;
      EXPECT_EQ(s.model_name, "rnn");
      EXPECT_EQ(s.spec, "GRU(8)x1 lookback 14 negbin");
      EXPECT_EQ(s.demand_class, "smooth");
      EXPECT_TRUE(s.model.contains("valid_loss"));
      EXPECT_FALSE(s.model.contains("curve"));  // written once, at the top
      // The level of the forecast follows the series' level.
      double mean = 0;
      for (const ForecastPoint& p : s.points) mean += p.mean / 7;
      const double level = 10 + 8 * (s.sku[1] - '0') + 2;
      EXPECT_GT(mean, 0.3 * level) << s.sku;
      EXPECT_LT(mean, 3.0 * level) << s.sku;
    }
  }
  Json doc = Json::parse(testing::ReadFile(o.output));
  const Json& t = doc["training"];
  EXPECT_EQ(t["cell"], "gru");
  EXPECT_EQ(t["lookback"], 14);
  EXPECT_EQ(t["train_series"], 4);
  ASSERT_TRUE(t["curve"].is_array());
  EXPECT_GE(t["curve"].size(), 1u);
  EXPECT_LE(t["curve"].size(), 12u);
  EXPECT_TRUE(t["valid_loss"].is_number());
}

TEST_F(RnnStage, NeverSoldSkuGetsAZeroForecastAndEpochsAreLogged) {
  {
    std::ofstream sales(Path("sales.csv"), std::ios::app);
    for (int t = 0; t < kDays; ++t) sales << Date(t) << ",DEAD,0," << (t % 9 == 0) << '\n';
    std::ofstream future(Path("future.csv"), std::ios::app);
    for (int t = kDays; t < kDays + 7; ++t) future << Date(t) << ",DEAD,0\n";
  }
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));
  spdlog::set_level(spdlog::level::info);
  ForecastOptions o = Options();
  RunContext run;
  ForecastSet set = RunForecast(o, run);
  spdlog::set_default_logger(previous);

  bool found = false;
  for (const SeriesForecast& s : set.series) {
    if (s.sku != "DEAD") continue;
    found = true;
    EXPECT_EQ(s.model_name, "zero");
    EXPECT_EQ(s.status, "fallback");
    EXPECT_EQ(s.reason, "all zeros");
    ASSERT_EQ(s.points.size(), 7u);
    for (const ForecastPoint& p : s.points) {
      EXPECT_EQ(p.mean, 0.0);
      EXPECT_EQ(p.lo, std::vector<double>(2, 0.0));
      EXPECT_EQ(p.hi, std::vector<double>(2, 0.0));
    }
  }
  EXPECT_TRUE(found);
  // One info line per epoch with its validation loss.
  int epochs = 0;
  for (const std::string& line : sink->last_formatted()) {
    if (line.find("rnn: epoch") != std::string::npos &&
        line.find("validation loss") != std::string::npos) {
      ++epochs;
    }
  }
  EXPECT_EQ(epochs, o.rnn.epochs);
}

TEST_F(RnnStage, ResultsDoNotDependOnThreads) {
  ForecastOptions o = Options();
  RunContext run;
  run.threads = 1;
  ForecastSet one = RunForecast(o, run);
  run.threads = 2;
  ForecastSet two = RunForecast(o, run);
  ASSERT_EQ(one.series.size(), two.series.size());
  for (std::size_t i = 0; i < one.series.size(); ++i) {
    for (std::size_t h = 0; h < one.series[i].points.size(); ++h) {
      const ForecastPoint &a = one.series[i].points[h], &b = two.series[i].points[h];
      EXPECT_EQ(a.mean, b.mean);
      EXPECT_EQ(a.lo, b.lo);
      EXPECT_EQ(a.hi, b.hi);
    }
  }
}

TEST_F(RnnStage, SavedNetworkForecastsIdenticallyWithoutTraining) {
  ForecastOptions o = Options();
  o.rnn.save_model = Path("net.json");
  RunContext run;
  ForecastSet trained = RunForecast(o, run);
  ASSERT_TRUE(fs::exists(o.rnn.save_model));

  ForecastOptions l = Options();
  l.rnn = RnnOptions{};  // the loaded file's settings apply, not these
  l.horizon = 0;         // taken from the network
  l.rnn.load_model = Path("net.json");
  l.output = Path("loaded.json");
  RunContext run2;
  run2.threads = 2;
  ForecastSet loaded = RunForecast(l, run2);
  ASSERT_EQ(trained.series.size(), loaded.series.size());
  for (std::size_t i = 0; i < trained.series.size(); ++i) {
    EXPECT_EQ(trained.series[i].spec, loaded.series[i].spec);
    ASSERT_EQ(loaded.series[i].points.size(), 7u);
    for (std::size_t h = 0; h < 7; ++h) {
      EXPECT_EQ(trained.series[i].points[h].mean, loaded.series[i].points[h].mean);
      EXPECT_EQ(trained.series[i].points[h].hi, loaded.series[i].points[h].hi);
    }
  }
  Json doc = Json::parse(testing::ReadFile(l.output));
  EXPECT_EQ(doc["training"]["loaded_from"], l.rnn.load_model);

  // A different horizon than the network's, or other regressors, are refused.
  l.horizon = 5;
  try {
    RunForecast(l, run2);
    FAIL() << "expected a usage error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("forecasts 7 periods"), std::string::npos) << e.what();
  }
  l.horizon = 0;
  l.regressors.clear();
  try {
    RunForecast(l, run2);
    FAIL() << "expected a usage error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("--regressors promo"), std::string::npos) << e.what();
  }
}

TEST_F(RnnStage, HoldoutBacktestTrainsWithoutTheHeldOutPeriods) {
  ForecastOptions o = Options();
  o.holdout = 7;
  RunContext run;
  ForecastStats stats;
  ForecastSet set = RunForecast(o, run, &stats);
  ASSERT_EQ(set.series.size(), 5u);
  ASSERT_EQ(set.series[0].sku, "NEW");  // panel order: by SKU
  const Json& bt = set.series[1].backtest;
  ASSERT_TRUE(bt.is_object());
  EXPECT_EQ(bt["spec"], "GRU(8)x1 lookback 14 negbin");
  EXPECT_TRUE(bt["model"]["mase"].is_number());
  EXPECT_TRUE(bt["snaive"]["mase"].is_number());
  ASSERT_TRUE(stats.backtest.is_object());
  EXPECT_EQ(stats.backtest["training"]["horizon"], 7);
  EXPECT_EQ(stats.backtest["series"], 5);
  // NEW keeps 3 periods before the holdout: seasonal-naive fallback there too.
  EXPECT_NE(set.series[0].backtest["reason"].get<std::string>().find("lookback"),
            std::string::npos);

  o.rnn.load_model = Path("net.json");
  EXPECT_THROW(RunForecast(o, run), Error);
}

TEST_F(RnnStage, BadModelFileAndTooLongLookback) {
  ForecastOptions o = Options();
  {
    std::ofstream bad(Path("bad.json"));
    bad << R"({"format": "invplan.forecast", "schema_version": 1})";
  }
  o.rnn.load_model = Path("bad.json");
  RunContext run;
  try {
    RunForecast(o, run);
    FAIL() << "expected an artifact error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
  }
  EXPECT_FALSE(fs::exists(o.output));

  o = Options();
  o.rnn.lookback = 500;
  try {
    RunForecast(o, run);
    FAIL() << "expected a usage error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("lookback 500"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(o.output));

  o = Options();
  o.rnn.save_model = Path("net.json");
  o.model = "arima";
  EXPECT_THROW(RunForecast(o, run), Error);
}

}  // namespace
}  // namespace invplan
