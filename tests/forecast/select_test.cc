// Auto's model for smooth/erratic SKUs (--select) and the combination rules.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "forecast/combo/combo_series.h"
#include "forecast/select/select_series.h"
#include "forecast/series_forecaster.h"

namespace invplan::forecast {
namespace {

SeriesSettings SelectSettings(const std::string& select, int season = 1) {
  SeriesSettings s;
  s.model = "auto";
  s.select = select;
  s.season = season;
  return s;
}

SeriesResult FitAuto(const std::vector<double>& y, int h, const SeriesSettings& s) {
  return ForecastSeries(y, Eigen::MatrixXd(y.size(), 0), Eigen::MatrixXd(h, 0), h, s);
}

BacktestSelection Backtest(const std::vector<double>& y, int h, const SeriesSettings& s) {
  const Eigen::MatrixXd none(y.size(), 0), fnone(h, 0);
  const DemandClass dc = ClassifyDemand(y);
  return SelectByBacktest(SeriesInput{y, none, fnone, h, s, dc});
}

// Smooth, seasonal (period 12), trending, with deterministic wiggles.
std::vector<double> SeasonalSeries(int n) {
  std::vector<double> y;
  for (int t = 0; t < n; ++t) {
    y.push_back(200 + 1.5 * t + 40 * std::sin(2 * M_PI * t / 12) + 4 * std::cos(1.7 * t * t));
  }
  return y;
}

ModelForecast Member(const char* spec, std::vector<double> mean, std::vector<double> se) {
  ModelForecast f;
  f.name = spec;
  f.spec = spec;
  f.mean = std::move(mean);
  f.se = std::move(se);
  return f;
}

TEST(Select, ComboIsTheDefaultAndIsRecorded) {
  EXPECT_EQ(SeriesSettings{}.select, "combo");
  const SeriesResult r = FitAuto(SeasonalSeries(60), 6, SelectSettings("combo", 12));
  EXPECT_EQ(r.model_name, "combo");
  EXPECT_EQ(r.model["selection"]["method"], "combo");
  EXPECT_EQ(r.model["selection"]["selected"], "combo");
  EXPECT_EQ(r.model["members"].size(), 3u);
}

TEST(Select, AiccMeansEtsByItsOwnCriterion) {
  const SeriesResult r = FitAuto(SeasonalSeries(60), 6, SelectSettings("aicc", 12));
  EXPECT_EQ(r.model_name, "ets");
  EXPECT_EQ(r.model["selection"]["selected"], "ets");
  EXPECT_TRUE(r.model.contains("aicc"));
}

TEST(Select, ArimaIsTheFormerAuto) {
  const SeriesResult r = FitAuto(SeasonalSeries(60), 6, SelectSettings("arima", 12));
  EXPECT_EQ(r.model_name, "arima");
  EXPECT_EQ(r.model["selection"]["selected"], "arima");
}

TEST(Select, RegressorsKeepArimaWhateverTheSelection) {
  std::vector<double> y = SeasonalSeries(48);
  Eigen::MatrixXd x(48, 1), fx(4, 1);
  for (int t = 0; t < 48; ++t) {
    x(t, 0) = t % 5 == 0;
    y[t] += 30 * x(t, 0);
  }
  fx << 1, 0, 0, 0;
  for (const char* select : {"combo", "aicc", "backtest"}) {
    SeriesSettings s = SelectSettings(select, 12);
    s.regressor_names = {"promo"};
    const SeriesResult r = ForecastSeries(y, x, fx, 4, s);
    EXPECT_EQ(r.model_name, "arima") << select;
    EXPECT_EQ(r.model["selection"]["selected"], "arima") << select;
  }
}

TEST(Select, BacktestPicksTheClearWinner) {
  // An accelerating trend: ETS's trend keeps up, ARIMA's less, Theta's half
  // slope and so the combination fall behind.
  std::vector<double> y;
  for (int t = 0; t < 40; ++t) y.push_back(50 + 0.05 * t * t + std::cos(1.7 * t * t));
  const BacktestSelection b = Backtest(y, 4, SelectSettings("backtest"));
  EXPECT_EQ(b.selected, "ets");
  EXPECT_EQ(b.origins, 3);
  EXPECT_EQ(b.holdout, 4);
  for (std::size_t c : {0, 2, 3}) EXPECT_LT(b.scores[1], 0.8 * b.scores[c]) << c;
}

TEST(Select, BacktestRecordsTheScoresOfTheSelectedModel) {
  const std::vector<double> y = SeasonalSeries(72);
  const SeriesSettings s = SelectSettings("backtest", 12);
  const BacktestSelection b = Backtest(y, 6, s);
  EXPECT_EQ(b.origins, 3);
  EXPECT_EQ(b.holdout, 6);
  ASSERT_EQ(b.scores.size(), 4u);
  std::size_t best = 3;
  for (std::size_t c = 0; c < 3; ++c) {
    if (b.scores[c] < b.scores[best] * (1 - 1e-9)) best = c;
  }
  EXPECT_EQ(b.selected, SelectionCandidates()[best]);
  const SeriesResult r = FitAuto(y, 6, s);
  EXPECT_EQ(r.model["selection"]["selected"], b.selected);
  EXPECT_EQ(r.model["selection"]["origins"], 3);
  EXPECT_DOUBLE_EQ(r.model["selection"]["scores"][b.selected].get<double>(), b.scores[best]);
  EXPECT_EQ(r.model_name, b.selected);
}

TEST(Select, BacktestTiesGoToTheCombination) {
  // Every candidate forecasts a constant history exactly: all scores 0.
  const BacktestSelection b = Backtest(std::vector<double>(40, 5.0), 4, SelectSettings("backtest"));
  EXPECT_EQ(b.origins, 3);
  for (double score : b.scores) EXPECT_EQ(score, 0.0);
  EXPECT_EQ(b.selected, "combo");
}

TEST(Select, ShortHistoriesSkipTheBacktest) {
  const std::vector<double> y{10, 12, 11, 13, 12, 14, 13};
  const BacktestSelection b = Backtest(y, 4, SelectSettings("backtest"));
  EXPECT_EQ(b.origins, 0);
  EXPECT_EQ(b.selected, "combo");
  const SeriesResult r = FitAuto(y, 4, SelectSettings("backtest"));
  EXPECT_EQ(r.model["selection"]["why"], "history too short for a backtest");
  EXPECT_FALSE(r.model["selection"].contains("scores"));
  // Nine points: one origin holding out min(h, n / 5) = 1 period.
  const std::vector<double> nine{10, 12, 11, 13, 12, 14, 13, 15, 14};
  const BacktestSelection one = Backtest(nine, 4, SelectSettings("backtest"));
  EXPECT_EQ(one.origins, 1);
  EXPECT_EQ(one.holdout, 1);
}

TEST(Combine, MedianTakesTheMiddleMemberPerPeriod) {
  const std::vector<ModelForecast> members = {
      Member("A", {1, 9}, {1, 3}), Member("B", {5, 2}, {2, 2}), Member("C", {3, 4}, {9, 1})};
  const ModelForecast med = CombineForecasts(members, 2, true);
  EXPECT_EQ(med.mean, (std::vector<double>{3, 4}));
  EXPECT_EQ(med.se, (std::vector<double>{2, 2}));
  EXPECT_EQ(med.spec, "Median of A + B + C");
  const ModelForecast mean = CombineForecasts(members, 2, false);
  EXPECT_DOUBLE_EQ(mean.mean[0], 3.0);
  EXPECT_DOUBLE_EQ(mean.mean[1], 5.0);
  EXPECT_DOUBLE_EQ(mean.se[0], 4.0);
  // Two members left: the median is their mean.
  const ModelForecast two = CombineForecasts({members[0], members[1]}, 2, true);
  EXPECT_DOUBLE_EQ(two.mean[1], 5.5);
}

TEST(Combine, MedianComboThroughTheModel) {
  SeriesSettings s = SelectSettings("combo", 12);
  s.median = true;
  const SeriesResult r = FitAuto(SeasonalSeries(60), 6, s);
  EXPECT_EQ(r.model["combination"], "median of means and of standard errors");
  EXPECT_EQ(r.spec.rfind("Median of ", 0), 0u);
}

}  // namespace
}  // namespace invplan::forecast
