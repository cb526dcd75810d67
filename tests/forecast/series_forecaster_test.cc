// The per-SKU pipeline: model choice, fallbacks, clipping, intervals.
#include "forecast/series_forecaster.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "forecast/registry.h"

namespace invplan::forecast {
namespace {

SeriesSettings Settings(const std::string& model, int season = 1) {
  SeriesSettings s;
  s.model = model;
  s.season = season;
  return s;
}

SeriesResult Fit(const std::vector<double>& y, int h, const SeriesSettings& s) {
  return ForecastSeries(y, Eigen::MatrixXd(y.size(), 0), Eigen::MatrixXd(h, 0), h, s);
}

std::vector<double> Seasonal(int n, int m) {
  std::vector<double> y;
  for (int t = 0; t < n; ++t) {
    y.push_back(50 + 0.3 * t + 10 * std::sin(2 * M_PI * t / m) + 3 * std::cos(1.7 * t * t));
  }
  return y;
}

TEST(SeriesForecaster, AllZerosGiveAZeroFallback) {
  SeriesResult r = Fit({0, 0, 0, 0}, 3, Settings("auto"));
  EXPECT_EQ(r.status, "fallback");
  EXPECT_EQ(r.reason, "all zeros");
  EXPECT_EQ(r.model_name, "zero");
  EXPECT_EQ(r.demand_class, "none");
  EXPECT_EQ(r.mean, (std::vector<double>{0, 0, 0}));
  r = Fit({NAN, NAN}, 2, Settings("arima"));
  EXPECT_EQ(r.reason, "no observations");
}

TEST(SeriesForecaster, ConstantSeriesFallsBackToNaive) {
  SeriesResult r = Fit(std::vector<double>(30, 7.0), 4, Settings("arima", 7));
  EXPECT_EQ(r.status, "fallback");
  EXPECT_EQ(r.reason, "constant series");
  EXPECT_EQ(r.model_name, "naive");
  EXPECT_DOUBLE_EQ(r.mean[3], 7.0);
  EXPECT_DOUBLE_EQ(r.lo[1][3], 7.0);
  EXPECT_DOUBLE_EQ(r.hi[1][3], 7.0);
}

TEST(SeriesForecaster, NanGapsAreInterpolatedAndRecordedWithoutAFallback) {
  SeriesResult r = Fit({NAN, 1, NAN, 3, 4}, 1, Settings("naive"));
  EXPECT_EQ(r.status, "ok");
  EXPECT_EQ(r.model["missing_interpolated"], 1);
  EXPECT_DOUBLE_EQ(r.mean[0], 4.0);
}

TEST(SeriesForecaster, ClipsMeansAndBoundsAtZero) {
  SeriesResult r = Fit({10, 8, 6, 4, 2}, 6, Settings("drift"));
  ASSERT_EQ(r.mean.size(), 6u);
  for (int i = 0; i < 6; ++i) {
    EXPECT_GE(r.mean[i], 0.0);
    EXPECT_GE(r.lo[0][i], 0.0);
    EXPECT_GE(r.hi[0][i], r.lo[0][i]);
  }
  EXPECT_DOUBLE_EQ(r.mean[5], 0.0);  // 2 − 2·6 < 0
}

TEST(SeriesForecaster, IntervalsNestAndWidenWithLevel) {
  SeriesResult r = Fit({3, 5, 4, 6, 5, 7, 6, 8}, 3, Settings("naive"));
  for (int i = 0; i < 3; ++i) {
    EXPECT_LE(r.lo[1][i], r.lo[0][i]);  // 95 % wider than 80 %
    EXPECT_GE(r.hi[1][i], r.hi[0][i]);
    EXPECT_NEAR(r.hi[0][i] - r.mean[i], r.mean[i] - r.lo[0][i], 1e-9);
  }
}

TEST(SeriesForecaster, TooShortBaselinesFallBack) {
  SeriesResult r = Fit({4, 5, 6}, 2, Settings("snaive", 7));
  EXPECT_EQ(r.status, "fallback");
  EXPECT_EQ(r.model_name, "naive");
  r = Fit({4}, 2, Settings("drift"));
  EXPECT_EQ(r.model_name, "mean");
  r = Fit({4, 6}, 2, Settings("arima"));
  EXPECT_NE(r.reason.find("too short for ARIMA"), std::string::npos);
}

TEST(SeriesForecaster, AutoUsesIntermittentMethodsForSparseDemand) {
  std::vector<double> y = {0, 0, 3, 0, 0, 0, 2, 0, 4, 0, 0, 3, 0, 0, 2, 0};
  SeriesResult r = Fit(y, 2, Settings("auto"));
  EXPECT_EQ(r.demand_class, "intermittent");
  EXPECT_EQ(r.model_name, "croston");
  EXPECT_EQ(r.status, "ok");
  std::vector<double> dying = y;
  dying.insert(dying.end(), 20, 0.0);
  EXPECT_EQ(Fit(dying, 2, Settings("auto")).model_name, "tsb");
}

TEST(SeriesForecaster, HugeValuesSkipArima) {
  std::vector<double> y = Seasonal(40, 4);
  for (double& v : y) v *= 1e12;
  SeriesResult r = Fit(y, 4, Settings("arima", 4));
  EXPECT_EQ(r.status, "fallback");
  EXPECT_NE(r.reason.find("values above 1e12"), std::string::npos);
  EXPECT_EQ(r.model_name, "snaive");
}

TEST(SeriesForecaster, ArimaOnASeasonalSeries) {
  SeriesResult r = Fit(Seasonal(96, 12), 12, Settings("arima", 12));
  EXPECT_EQ(r.model_name, "arima") << r.reason;
  EXPECT_EQ(r.spec.rfind("ARIMA", 0), 0u) << r.spec;
  ASSERT_EQ(r.mean.size(), 12u);
  for (double v : r.mean) EXPECT_TRUE(std::isfinite(v));
  // The forecast follows the seasonal swing of ±10.
  double lo = *std::min_element(r.mean.begin(), r.mean.end());
  double hi = *std::max_element(r.mean.begin(), r.mean.end());
  EXPECT_GT(hi - lo, 10.0);
}

TEST(SeriesForecaster, TooShortForTheSeasonFitsNonSeasonal) {
  SeriesResult r = Fit(Seasonal(20, 12), 3, Settings("arima", 12));
  EXPECT_EQ(r.status, "fallback");
  EXPECT_NE(r.reason.find("too short for season 12"), std::string::npos) << r.reason;
  EXPECT_EQ(r.spec.find("[12]"), std::string::npos) << r.spec;
}

TEST(SeriesForecaster, FixedOrderAndLogTransform) {
  SeriesSettings s = Settings("arima", 12);
  s.fixed_order = true;
  s.order.p = 0, s.order.d = 1, s.order.q = 1, s.order.D = 1, s.order.Q = 1;
  ParseTransform("log", &s.transform);
  SeriesResult r = Fit(Seasonal(96, 12), 6, s);
  EXPECT_EQ(r.spec.rfind("ARIMA(0,1,1)(0,1,1)[12]", 0), 0u) << r.spec << " " << r.reason;
  EXPECT_EQ(r.model["transform"]["name"], "log");
  for (int i = 0; i < 6; ++i) {
    // Back-transformed intervals are asymmetric around the mean.
    EXPECT_GT(r.hi[1][i] - r.mean[i], r.mean[i] - r.lo[1][i]);
  }
}

TEST(SeriesForecaster, ConstantRegressorIsDropped) {
  std::vector<double> y = Seasonal(60, 4);
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(60, 1), fx = Eigen::MatrixXd::Ones(4, 1);
  SeriesSettings s = Settings("arima", 4);
  s.regressor_names = {"promo"};
  SeriesResult r = ForecastSeries(y, x, fx, 4, s);
  ASSERT_TRUE(r.model.contains("regressors_dropped")) << r.model.dump();
  EXPECT_EQ(r.model["regressors_dropped"][0], "promo");
}

TEST(SeriesForecaster, OnlyFitErrorsBecomeFallbacks) {
  // A model the registry does not know is a bug, not a series to fall back on.
  EXPECT_THROW(Fit({1, 2, 3, 4}, 2, Settings("no-such-model")), std::logic_error);
}

TEST(Registry, NamesEveryModelOnce) {
  EXPECT_EQ(ModelNames(), "auto|arima|ets|theta|ces|combo|naive|snaive|mean|drift|croston|tsb|rnn");
  for (const LocalModel& m : LocalModels()) {
    EXPECT_EQ(FindLocalModel(m.name), &m);
    EXPECT_EQ(FindGlobalModel(m.name), nullptr);
    SeriesResult r = Fit({3, 0, 5, 4, 0, 6, 5, 7, 0, 8}, 3, Settings(m.name));
    EXPECT_EQ(r.mean.size(), 3u) << m.name;
    EXPECT_EQ(r.distribution.size(), 3u) << m.name;
  }
  ASSERT_NE(FindGlobalModel("rnn"), nullptr);
  EXPECT_NE(FindGlobalModel("rnn")->make(), nullptr);
}

}  // namespace
}  // namespace invplan::forecast
