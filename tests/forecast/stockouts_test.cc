// Stock-outs in the fitted history (src/forecast/stockouts.h): detection from
// the stock column or an anomalies artifact, the modes keep / missing / censor,
// and what the artifact records.
#include "forecast/stockouts.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "invplan/detect.h"
#include "invplan/error.h"
#include "invplan/forecast.h"
#include "test_util.h"

namespace invplan {
namespace {

using invplan::testing::ReadFile;
using invplan::testing::TempDir;

std::string Day(int d) {
  char date[32];  // room for any int (-Wformat-truncation)
  std::snprintf(date, sizeof date, "2025-%02d-%02d", d < 31 ? 1 : (d < 59 ? 2 : 3),
                d < 31 ? d + 1 : (d < 59 ? d - 30 : d - 58));
  return date;
}

// 70 days of SKU A selling about 20 a day; the shelf runs empty on days 40..44
// (sales 6, 0, 0, 0, 3 with on_hand 0) and 60 (sales 9). SKU B never runs out.
constexpr int kStockoutDays[] = {40, 41, 42, 43, 44, 60};
std::string StockoutSales(bool with_stock) {
  std::string csv = with_stock ? "date,sku,quantity,on_hand\n" : "date,sku,quantity\n";
  for (int d = 0; d < 70; ++d) {
    int a = 18 + (d * 7) % 5, stock = 100;
    if (d >= 40 && d <= 44) a = d == 40 ? 6 : (d == 44 ? 3 : 0), stock = 0;
    if (d == 60) a = 9, stock = 0;
    csv +=
        Day(d) + ",A," + std::to_string(a) + (with_stock ? "," + std::to_string(stock) : "") + "\n";
    csv += Day(d) + ",B," + std::to_string(5 + d % 2) + (with_stock ? ",50" : "") + "\n";
  }
  return csv;
}

// The stock-out days of SKU A as detect's records of `type`.
std::string StockoutAnomalies(const TempDir& dir, const std::string& type) {
  RunInfo run;
  Json doc = MakeEnvelope(kAnomaliesFormat, kAnomaliesSchema, run);
  doc["records"] = Json::array();
  for (int d : kStockoutDays) {
    doc["records"].push_back({{"sku", "A"}, {"date", Day(d)}, {"anomaly", true}, {"type", type}});
  }
  const std::string path = dir.File("anomalies.json");
  WriteJsonArtifact(path, doc);
  return path;
}

ForecastOptions Options(const TempDir& dir, bool with_stock, const std::string& model) {
  ForecastOptions o;
  o.ingest.input = dir.Write("sales.csv", StockoutSales(with_stock));
  o.model = model;
  o.horizon = 7;
  o.output = dir.File("forecast.json");
  return o;
}

ForecastSet Forecast(const ForecastOptions& o) {
  RunContext ctx;
  ctx.threads = 1;
  return RunForecast(o, ctx);
}

TEST(Stockouts, MissingEqualsExcludingThePeriodsAsAnomalies) {
  TempDir dir;
  for (const char* model : {"arima", "ets", "theta", "croston"}) {
    ForecastOptions o = Options(dir, true, model);
    o.stockouts = "missing";
    const ForecastSet missing = Forecast(o);
    o.stockouts = "keep";
    o.anomalies = StockoutAnomalies(dir, "stockout");
    o.exclude_anomalies = {"stockout"};
    const ForecastSet excluded = Forecast(o);
    ASSERT_EQ(missing.series.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
      ASSERT_EQ(missing.series[i].points.size(), excluded.series[i].points.size());
      for (std::size_t h = 0; h < missing.series[i].points.size(); ++h) {
        EXPECT_DOUBLE_EQ(missing.series[i].points[h].mean, excluded.series[i].points[h].mean)
            << model << " series " << i << " step " << h;
      }
    }
  }
}

TEST(Stockouts, CensorLiftsTheFitAboveTheSales) {
  TempDir dir;
  ForecastOptions o = Options(dir, true, "mean");
  std::map<std::string, double> level;
  for (const char* mode : {"keep", "missing", "censor", "auto"}) {
    o.stockouts = mode;
    level[mode] = Forecast(o).series[0].points[0].mean;
  }
  EXPECT_LT(level["keep"], level["missing"]);
  EXPECT_LT(level["missing"], level["censor"]);
  EXPECT_DOUBLE_EQ(level["auto"], level["censor"]);  // a stock column: censor
  const auto doc = nlohmann::json::parse(ReadFile(o.output));
  EXPECT_EQ(doc["stockouts"]["mode"], "censor");
  EXPECT_EQ(doc["stockouts"]["source"], "column on_hand");
  EXPECT_EQ(doc["series"][0]["censored_periods"], 6);
  EXPECT_EQ(doc["series"][1]["censored_periods"], 0);
  // Read back by the consumers.
  const ForecastSet back = ReadForecastArtifact(o.output);
  EXPECT_EQ(back.series[0].censored_periods, 6);
}

TEST(Stockouts, CensoredValueIsTheExpectedDemandAboveTheSales) {
  // Level 20, Poisson: a day that sold 6 before the shelf emptied keeps about 20.
  EXPECT_NEAR(forecast::CensoredValue(6.0, 20.0, 0.0), 20.0, 0.01);
  // Sales at the level: the expected demand above them is higher still.
  EXPECT_GT(forecast::CensoredValue(20.0, 20.0, 0.0), 22.0);
  EXPECT_GT(forecast::CensoredValue(20.0, 20.0, 0.5), forecast::CensoredValue(20.0, 20.0, 0.0));
  // Never below the sales, also without a level.
  EXPECT_EQ(forecast::CensoredValue(7.0, 0.0, 0.0), 7.0);
}

TEST(Stockouts, WithoutAStockColumnAutoKeepsAndExplicitModesNeedASignal) {
  TempDir dir;
  ForecastOptions o = Options(dir, false, "mean");
  const ForecastSet kept = Forecast(o);
  EXPECT_EQ(kept.series[0].censored_periods, -1);
  const auto doc = nlohmann::json::parse(ReadFile(o.output));
  EXPECT_FALSE(doc.contains("stockouts"));
  EXPECT_FALSE(doc["series"][0].contains("censored_periods"));
  o.stockouts = "censor";
  try {
    Forecast(o);
    FAIL() << "censor without a stock column";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("--stock-col"), std::string::npos);
  }
}

TEST(Stockouts, StockoutRecordsOfAnAnomaliesArtifactAreTheSignal) {
  TempDir dir;
  ForecastOptions o = Options(dir, false, "mean");
  o.stockouts_from = StockoutAnomalies(dir, "stockout");
  const ForecastSet from = Forecast(o);
  EXPECT_EQ(from.series[0].censored_periods, 6);
  EXPECT_EQ(from.series[1].censored_periods, 0);
  const auto doc = nlohmann::json::parse(ReadFile(o.output));
  EXPECT_EQ(doc["stockouts"]["mode"], "censor");
  // The same periods as the stock column gives.
  ForecastOptions c = Options(dir, true, "mean");
  EXPECT_DOUBLE_EQ(from.series[0].points[0].mean, Forecast(c).series[0].points[0].mean);
  // Records of other types are not stock-outs.
  o.stockouts_from = StockoutAnomalies(dir, "demand_drop");
  EXPECT_EQ(Forecast(o).series[0].censored_periods, 0);
}

// The network is trained on the recorded sales with the stock-outs as lower
// bounds: censoring raises its level above the one fitted on the sales.
TEST(Stockouts, NetworkTrainsWithTheCensoredLikelihood) {
  TempDir dir;
  ForecastOptions o = Options(dir, true, "rnn");
  o.rnn.hidden = 6;
  o.rnn.epochs = 8;
  o.rnn.batches_per_epoch = 10;
  o.rnn.batch = 16;
  o.rnn.patience = 0;
  o.rnn.lookback = 14;
  o.stockouts = "keep";
  const ForecastSet keep = Forecast(o);
  o.stockouts = "censor";
  const ForecastSet censor = Forecast(o);
  EXPECT_EQ(censor.series[0].censored_periods, 6);
  double sum_keep = 0.0, sum_censor = 0.0;
  for (const auto& p : keep.series[0].points) sum_keep += p.mean;
  for (const auto& p : censor.series[0].points) sum_censor += p.mean;
  EXPECT_TRUE(std::isfinite(sum_censor));
  EXPECT_GT(sum_censor, sum_keep);
}

TEST(Stockouts, StockColumnByName) {
  TempDir dir;
  ForecastOptions o = Options(dir, true, "mean");
  o.stock_col = "missing_column";
  try {
    Forecast(o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("on_hand"), std::string::npos);  // names the columns
  }
  o.stock_col = "on_hand";
  EXPECT_EQ(Forecast(o).series[0].censored_periods, 6);
}

}  // namespace
}  // namespace invplan
