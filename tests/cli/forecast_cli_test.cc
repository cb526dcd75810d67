// End-to-end tests of `invplan forecast`: artifact fields, CSV output, stdout,
// and the exit codes of its error cases.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace invplan {
namespace {

using testing::RunInvplan;
using testing::TempDir;

// Monthly: A smooth and seasonal with promo effects, B intermittent, C zeros.
std::string MonthlyPromoSales() {
  std::string s = "date,sku,quantity,promo\n";
  for (int t = 0; t < 48; ++t) {
    char date[48];
    std::snprintf(date, sizeof date, "%04d-%02d-01", 2020 + t / 12, t % 12 + 1);
    int promo = t % 5 == 0;
    double a = 100 + t + 20 * std::sin(2 * M_PI * t / 12) + 7 * std::cos(1.3 * t * t) + 15 * promo;
    s += std::string(date) + ",A," + std::to_string(a) + "," + std::to_string(promo) + "\n";
    s += std::string(date) + ",B," + std::to_string(t % 4 == 1 ? 2 + t % 3 : 0) + "," +
         std::to_string(promo) + "\n";
    s += std::string(date) + ",C,0," + std::to_string(promo) + "\n";
  }
  return s;
}

std::string Future(int months) {
  std::string s = "date,sku,promo\n";
  for (const char* sku : {"A", "B", "C"}) {
    for (int m = 1; m <= months; ++m) {
      s += "2024-" + std::string(m < 10 ? "0" : "") + std::to_string(m) + "-01," + sku + "," +
           (m == 3 ? "1" : "0") + "\n";
    }
  }
  return s;
}

TEST(ForecastCli, ArtifactFields) {
  TempDir dir;
  std::string in = dir.Write("sales.csv", MonthlyPromoSales());
  std::string out = dir.File("forecast.json");
  // --select arima: the ARIMA fields of auto's smooth SKU (the default is the combination).
  auto r = RunInvplan("forecast -i " + in + " --freq M -H 6 --holdout 6 --select arima -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("forecast: 3 SKUs"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("backtest MASE"), std::string::npos) << r.err;
  auto doc = nlohmann::ordered_json::parse(testing::ReadFile(out));
  EXPECT_EQ(doc["format"], "invplan.forecast");
  EXPECT_EQ(doc["schema_version"], 3);
  EXPECT_EQ(doc["frequency"], "M");
  EXPECT_EQ(doc["horizon"], 6);
  EXPECT_EQ(doc["levels"], nlohmann::ordered_json::parse("[80.0, 95.0]"));
  EXPECT_EQ(doc["clipped_at_zero"], true);
  EXPECT_EQ(doc["config"]["model"], "auto");
  EXPECT_EQ(doc["inputs"][0]["bytes"], MonthlyPromoSales().size());
  ASSERT_EQ(doc["series"].size(), 3u);
  const auto& a = doc["series"][0];
  EXPECT_EQ(a["sku"], "A");
  EXPECT_EQ(a["demand_class"], "smooth");
  EXPECT_EQ(a["status"], "ok");
  EXPECT_EQ(a["history_end"], "2023-12-01");
  EXPECT_EQ(a["model"]["name"], "arima");
  EXPECT_EQ(a["model"]["spec"].get<std::string>().rfind("ARIMA", 0), 0u);
  for (const char* key : {"coefficients", "sigma2", "aicc", "loglik"}) {
    EXPECT_TRUE(a["model"].contains(key)) << key;
  }
  ASSERT_EQ(a["forecast"].size(), 6u);
  const auto& p = a["forecast"][0];
  EXPECT_EQ(p["date"], "2024-01-01");
  for (const char* key : {"mean", "lo80", "hi80", "lo95", "hi95"}) {
    EXPECT_TRUE(p[key].is_number()) << key;
  }
  EXPECT_LE(p["lo95"].get<double>(), p["lo80"].get<double>());
  EXPECT_LE(p["lo80"].get<double>(), p["mean"].get<double>());
  EXPECT_LE(p["mean"].get<double>(), p["hi80"].get<double>());
  EXPECT_TRUE(a["backtest"]["model"]["mase"].is_number());
  EXPECT_TRUE(a["backtest"]["snaive"]["coverage95"].is_number());
  EXPECT_EQ(doc["series"][1]["model"]["name"], "croston");
  EXPECT_EQ(doc["series"][2]["status"], "fallback");
  EXPECT_EQ(doc["series"][2]["reason"], "all zeros");
  EXPECT_TRUE(doc["backtest"]["model"]["mase"].is_number());
  EXPECT_EQ(doc["summary"]["series"], 3);
}

TEST(ForecastCli, CsvAndStdout) {
  TempDir dir;
  std::string in = dir.Write("sales.csv", MonthlyPromoSales());
  // --csv writes the points beside the artifact; --format csv writes them instead.
  auto r = RunInvplan("forecast -m snaive -H 4 --level 90 -i " + in + " --freq M -o " +
                      dir.File("f.json") + " --csv " + dir.File("f.csv") + " --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(testing::Exists(dir.File("f.json")));
  auto only = RunInvplan("forecast -m snaive -H 4 --level 90 -i " + in +
                         " --freq M --format csv -o " + dir.File("g.csv") + " --quiet");
  ASSERT_EQ(only.exit_code, 0) << only.err;
  EXPECT_EQ(testing::ReadFile(dir.File("g.csv")), testing::ReadFile(dir.File("f.csv")));
  EXPECT_EQ(
      RunInvplan("forecast -m snaive -i " + in + " --format csv -o x.csv --csv y.csv").exit_code,
      2);
  std::string csv = testing::ReadFile(dir.File("f.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "sku,date,mean,lo90,hi90,model,status");
  EXPECT_NE(csv.find("\nA,2024-04-01,"), std::string::npos);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 3 * 4);
  // The artifact on stdout for pipelines.
  auto s = RunInvplan("forecast -i - --freq M -m naive -H 2 -q -o -", MonthlyPromoSales());
  ASSERT_EQ(s.exit_code, 0) << s.err;
  auto doc = nlohmann::ordered_json::parse(s.out);
  EXPECT_EQ(doc["series"][0]["forecast"].size(), 2u);
  EXPECT_EQ(doc["series"][0]["model"]["name"], "naive");
}

TEST(ForecastCli, RegressorsAndMissingFutureValues) {
  TempDir dir;
  std::string in = dir.Write("sales.csv", MonthlyPromoSales());
  std::string future = dir.Write("future.csv", Future(6));
  std::string out = dir.File("f.json");
  auto ok =
      RunInvplan("forecast -i " + in + " --freq M -H 6 -m arima --regressors promo --future " +
                 future + " -o " + out + " -q");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  auto doc = nlohmann::ordered_json::parse(testing::ReadFile(out));
  EXPECT_TRUE(doc["series"][0]["model"]["coefficients"].contains("promo"));
  EXPECT_EQ(doc["inputs"].size(), 2u);

  std::string short_future = dir.Write("short.csv", Future(4));
  std::string out2 = dir.File("g.json");
  auto bad =
      RunInvplan("forecast -i " + in + " --freq M -H 6 -m arima --regressors promo --future " +
                 short_future + " -o " + out2);
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_NE(bad.err.find("no value of 'promo' for SKU 'A' on 2024-05-01"), std::string::npos)
      << bad.err;
  EXPECT_FALSE(testing::Exists(out2));
}

// ETS, Theta and their combination with ARIMA through the command line: a
// backtest, a transform, a fixed ETS model, and the fallbacks of B and C.
TEST(ForecastCli, EtsThetaCombo) {
  TempDir dir;
  std::string in = dir.Write("sales.csv", MonthlyPromoSales());
  for (const std::string model : {"ets", "theta", "combo"}) {
    SCOPED_TRACE(model);
    std::string out = dir.File(model + ".json");
    auto r = RunInvplan("forecast -i " + in + " --freq M -H 6 --holdout 6 -m " + model +
                        " --transform log -o " + out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto doc = nlohmann::ordered_json::parse(testing::ReadFile(out));
    const auto& a = doc["series"][0];
    EXPECT_EQ(a["status"], "ok") << a["reason"];
    EXPECT_EQ(a["model"]["name"], model);
    EXPECT_TRUE(a["model"].contains("transform"));
    EXPECT_TRUE(a["backtest"]["model"]["mase"].is_number());
    ASSERT_EQ(a["forecast"].size(), 6u);
    EXPECT_LE(a["forecast"][5]["lo95"].get<double>(), a["forecast"][5]["mean"].get<double>());
    EXPECT_EQ(doc["series"][2]["status"], "fallback");
  }
  std::string out = dir.File("aadn.json");
  auto r = RunInvplan("forecast -i " + in + " --freq M -H 6 -m ets --ets-model AAdN -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::ordered_json::parse(testing::ReadFile(out));
  EXPECT_EQ(doc["series"][0]["model"]["spec"], "ETS(A,Ad,N)");
  EXPECT_TRUE(doc["series"][0]["model"]["phi"].is_number());
  EXPECT_TRUE(doc["series"][0]["model"]["final_states"]["trend"].is_number());
}

TEST(ForecastCli, UsageErrorsExit2) {
  TempDir dir;
  std::string in = dir.Write("sales.csv", MonthlyPromoSales());
  std::string base = "forecast -i " + in + " --freq M -o " + dir.File("f.json") + " ";
  auto unknown = RunInvplan(base + "--model prophet");
  EXPECT_EQ(unknown.exit_code, 2);
  auto order = RunInvplan(base + "--order 1,1");
  EXPECT_EQ(order.exit_code, 2);
  EXPECT_NE(order.err.find("--order"), std::string::npos) << order.err;
  EXPECT_EQ(RunInvplan(base + "--order 1,x,1").exit_code, 2);
  EXPECT_EQ(RunInvplan(base + "--model naive --order 1,1,1").exit_code, 2);
  EXPECT_EQ(RunInvplan(base + "--transform sqrt").exit_code, 2);
  EXPECT_EQ(RunInvplan(base + "--level 120").exit_code, 2);
  EXPECT_EQ(RunInvplan(base + "--regressors promo").exit_code, 2);
  EXPECT_EQ(RunInvplan(base + "--model ets --ets-model ANM").exit_code, 2);
  EXPECT_EQ(RunInvplan(base + "--model ets --ets-model XYZ").exit_code, 2);
  EXPECT_EQ(RunInvplan(base + "--model arima --ets-model AAN").exit_code, 2);
  EXPECT_FALSE(testing::Exists(dir.File("f.json")));
  EXPECT_EQ(
      RunInvplan("forecast -i " + dir.File("missing.csv") + " -o " + dir.File("f.json")).exit_code,
      3);
}

TEST(ForecastCli, FixedOrderWithSeasonalPart) {
  TempDir dir;
  std::string in = dir.Write("sales.csv", MonthlyPromoSales());
  auto r =
      RunInvplan("forecast -i " + in +
                 " --freq M -H 3 --order 0,1,1 --seasonal-order 0,1,1 --transform log -o - -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::ordered_json::parse(r.out);
  EXPECT_EQ(
      doc["series"][0]["model"]["spec"].get<std::string>().rfind("ARIMA(0,1,1)(0,1,1)[12]", 0), 0u)
      << doc["series"][0]["model"]["spec"];
  EXPECT_EQ(doc["series"][0]["model"]["transform"]["name"], "log");
}

}  // namespace
}  // namespace invplan

namespace invplan {
namespace {

TEST(ForecastCli, ConfigFileWithFlagOverride) {
  TempDir dir;
  std::string in = dir.Write("sales.csv", MonthlyPromoSales());
  std::string cfg = dir.Write("forecast.ini", "model = \"snaive\"\nhorizon = 4\n");
  auto r = RunInvplan("forecast --config " + cfg + " -i " + in + " --freq M -H 2 -o - -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::ordered_json::parse(r.out);
  EXPECT_EQ(doc["series"][0]["model"]["name"], "snaive");  // from the file
  EXPECT_EQ(doc["horizon"], 2);                            // the flag wins
}

}  // namespace
}  // namespace invplan
