// `invplan forecast --fourier` and `--decompose mstl` end to end: what the
// artifact records per SKU, exit codes of bad values, nightly updates and
// determinism across threads.
#include <gtest/gtest.h>

#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

// Daily sales from 2022-01-01 for `days` days: A and B smooth with a weekly
// and a yearly cycle, C intermittent.
std::string TwoCycleSales(int days) {
  std::string s = "date,sku,quantity\n";
  std::tm start{};
  start.tm_year = 122;
  start.tm_mday = 1;
  const std::time_t t0 = timegm(&start);
  for (int t = 0; t < days; ++t) {
    const std::time_t when = t0 + static_cast<std::time_t>(t) * 86400;
    std::tm d{};
    gmtime_r(&when, &d);
    char date[40];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", d.tm_year + 1900, d.tm_mon + 1, d.tm_mday);
    const double year = std::cos(2 * M_PI * t / 365.25), week = std::sin(2 * M_PI * t / 7);
    const double a = 120 + 30 * year + 15 * week + 4 * std::cos(1.7 * t * t);
    const double b = 60 - 12 * year + 6 * week + 3 * std::sin(1.1 * t * t);
    s += std::string(date) + ",A," + std::to_string(a) + "\n";
    s += std::string(date) + ",B," + std::to_string(b) + "\n";
    s += std::string(date) + ",C," + std::to_string(t % 6 == 1 ? 2 : 0) + "\n";
  }
  return s;
}

struct SeasonalRun {
  int exit_code;
  std::string err;
  nlohmann::json doc;
};

SeasonalRun SeasonalForecast(const TempDir& dir, const std::string& options, int days = 800) {
  const std::string in = dir.Write("sales" + std::to_string(days) + ".csv", TwoCycleSales(days));
  const std::string out = dir.File("fc.json");
  std::remove(out.c_str());
  auto r = RunInvplan("forecast -i " + in + " --freq D -H 14 -q " + options + " -o " + out);
  SeasonalRun run{r.exit_code, r.err, nlohmann::json()};
  if (r.exit_code == 0) run.doc = nlohmann::json::parse(testing::ReadFile(out));
  return run;
}

TEST(SeasonalCli, FourierTermsAreRecordedPerSku) {
  TempDir dir;
  const SeasonalRun r = SeasonalForecast(dir, "--fourier 365.25:2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.doc["fourier"], "365.25:2");
  EXPECT_EQ(r.doc["config"]["fourier"], "365.25:2");
  EXPECT_EQ(r.doc["fit_config"]["fourier"], "365.25:2");
  const auto& a = r.doc["series"][0]["model"];
  EXPECT_EQ(a["name"], "arima");
  EXPECT_EQ(a["fourier"], "365.25:2");
  ASSERT_TRUE(a["coefficients"].contains("C1-365.25")) << a.dump();
  // The yearly cosine of A has amplitude 30: its coefficient finds it.
  EXPECT_NEAR(a["coefficients"]["C1-365.25"].get<double>(), 30.0, 6.0) << a.dump();
  // ETS cannot take regressors: the terms are regressed out first.
  const SeasonalRun e = SeasonalForecast(dir, "--fourier 365.25:2 --model ets");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const auto& d = e.doc["series"][1]["model"]["decomposition"];
  EXPECT_EQ(d["method"], "fourier_regression");
  EXPECT_NEAR(d["coefficients"]["C1-365.25"].get<double>(), -12.0, 3.0) << d.dump();
}

TEST(SeasonalCli, MstlIsRecordedPerSkuWithTheDefaultPeriods) {
  TempDir dir;
  const SeasonalRun r = SeasonalForecast(dir, "--decompose mstl --holdout 14");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.doc["decomposition"]["periods"], nlohmann::json::array({7, 365}));
  const auto& a = r.doc["series"][0];
  EXPECT_EQ(a["model"]["decomposition"]["method"], "mstl");
  // 800 days hold two years: both periods.
  EXPECT_EQ(a["model"]["decomposition"]["periods"], nlohmann::json::array({7, 365}));
  EXPECT_EQ(a["model"]["spec"].get<std::string>().rfind("MSTL(7,365) + ARIMA", 0), 0u);
  EXPECT_TRUE(a["backtest"]["model"]["mase"].is_number());
  // The intermittent SKU keeps Croston, not decomposed.
  EXPECT_EQ(r.doc["series"][2]["model"]["name"], "croston");
  EXPECT_FALSE(r.doc["series"][2]["model"].contains("decomposition"));
  // 600 days: the week only.
  const SeasonalRun shorter = SeasonalForecast(dir, "--decompose mstl", 600);
  ASSERT_EQ(shorter.exit_code, 0) << shorter.err;
  EXPECT_EQ(shorter.doc["series"][0]["model"]["decomposition"]["periods"],
            nlohmann::json::array({7}));
  const SeasonalRun chosen =
      SeasonalForecast(dir, "--decompose mstl --seasonal-periods 7 --model theta", 600);
  ASSERT_EQ(chosen.exit_code, 0) << chosen.err;
  EXPECT_EQ(chosen.doc["series"][0]["model"]["spec"].get<std::string>().rfind("MSTL(7) + ", 0), 0u);
}

TEST(SeasonalCli, BadValuesAreUsageErrors) {
  TempDir dir;
  const std::string in = dir.Write("s.csv", TwoCycleSales(30));
  auto run = [&](const std::string& options) {
    return RunInvplan("forecast -i " + in + " --freq D -q " + options + " -o " + dir.File("o"));
  };
  const struct {
    const char* options;
    const char* message;
  } cases[] = {
      {"--fourier 365.25", "--fourier: expected PERIOD:K (e.g. 365.25:4), got \"365.25\""},
      {"--fourier 0:4", "--fourier 0:4: the period must be a number above 1"},
      {"--fourier 7:4", "--fourier 7:4: K must be at most P/2 = 3.5"},
      {"--fourier 365.25:2 --decompose mstl", "choose one way to model the long seasons"},
      {"--seasonal-periods 7", "--seasonal-periods applies to --decompose mstl"},
      {"--decompose mstl --seasonal-periods 1", "--seasonal-periods: expected whole periods"},
      {"--decompose mstl --model croston", "not croston"},
      {"--decompose stl", "--decompose"},
  };
  for (const auto& c : cases) {
    const auto r = run(c.options);
    EXPECT_EQ(r.exit_code, 2) << c.options << ": " << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.options << ": " << r.err;
    EXPECT_FALSE(testing::Exists(dir.File("o"))) << c.options;
  }
}

TEST(SeasonalCli, SameResultWhateverTheThreads) {
  TempDir dir;
  for (const char* options : {"--fourier 365.25:2,7:1 --model ets", "--decompose mstl"}) {
    const SeasonalRun one = SeasonalForecast(dir, std::string(options) + " --threads 1");
    const SeasonalRun two = SeasonalForecast(dir, std::string(options) + " --threads 3");
    ASSERT_EQ(one.exit_code, 0) << one.err;
    ASSERT_EQ(two.exit_code, 0) << two.err;
    EXPECT_EQ(one.doc["series"].dump(), two.doc["series"].dump()) << options;
  }
}

// A nightly rerun continues ARIMA with the Fourier terms of the new dates (the
// same terms a full run computes); MSTL's SKUs refit.
TEST(SeasonalCli, NightlyUpdates) {
  TempDir dir;
  const std::string s0 = dir.Write("s0.csv", TwoCycleSales(760));
  const std::string s1 = dir.Write("s1.csv", TwoCycleSales(762));
  for (const char* options : {"--fourier 365.25:2", "--decompose mstl"}) {
    const std::string base = std::string("forecast --freq D -H 14 -q ") + options;
    auto r0 = RunInvplan(base + " -i " + s0 + " -o " + dir.File("n0.json"));
    ASSERT_EQ(r0.exit_code, 0) << r0.err;
    auto r1 = RunInvplan(base + " -i " + s1 + " --update-from " + dir.File("n0.json") + " -o " +
                         dir.File("n1.json"));
    ASSERT_EQ(r1.exit_code, 0) << r1.err;
    const auto doc = nlohmann::json::parse(testing::ReadFile(dir.File("n1.json")));
    const auto& a = doc["series"][0];
    if (std::string(options).find("fourier") != std::string::npos) {
      EXPECT_EQ(a["fit"], "updated") << a["fit_reason"];
      EXPECT_TRUE(a["model"]["coefficients"].contains("S1-365.25"));
    } else {
      EXPECT_EQ(a["fit"], "refit");
      EXPECT_EQ(a["fit_reason"], "no_state");
    }
  }
}

}  // namespace
}  // namespace invplan
