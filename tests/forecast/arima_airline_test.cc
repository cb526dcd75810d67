// Textbook answers on the airline passengers series, against the values R
// 4.x with forecast 8.20 prints for the same calls.
#include <gtest/gtest.h>

#include <cmath>

#include "forecast/arima/arima.h"
#include "forecast/arima_test_data.h"

namespace invplan::forecast {
namespace {

std::vector<double> LogAir() {
  std::vector<double> y = testdata::AirPassengers();
  for (double& v : y) v = std::log(v);
  return y;
}

TEST(ArimaAirline, LogSeriesSelectsAirlineModel) {
  const ArimaModel m = AutoArima(LogAir(), Eigen::MatrixXd(144, 0), 12);
  EXPECT_EQ(m.Spec(), "ARIMA(0,1,1)(0,1,1)[12]");
  ASSERT_EQ(m.ma.size(), 1u);
  ASSERT_EQ(m.sma.size(), 1u);
  EXPECT_NEAR(m.ma[0], -0.4018280168, 2e-3);
  EXPECT_NEAR(m.sma[0], -0.5569448384, 2e-3);
  // R adds the residuals of the diffuse start-up period (about 0.2% here).
  EXPECT_NEAR(m.sigma2, 0.0013712600, 4e-6);
  EXPECT_NEAR(m.loglik, 244.6995305968, 1e-2);
  EXPECT_NEAR(m.aicc, -483.2100848156, 2e-2);
  EXPECT_EQ(m.nobs, 131);
}

TEST(ArimaAirline, LevelsSelectR) {
  const ArimaModel m = AutoArima(testdata::AirPassengers(), Eigen::MatrixXd(144, 0), 12);
  EXPECT_EQ(m.Spec(), "ARIMA(2,1,1)(0,1,0)[12]");
  ASSERT_EQ(m.ar.size(), 2u);
  ASSERT_EQ(m.ma.size(), 1u);
  EXPECT_NEAR(m.ar[0], 0.5959807066, 5e-3);
  EXPECT_NEAR(m.ar[1], 0.2142745536, 5e-3);
  EXPECT_NEAR(m.ma[0], -0.9818771697, 5e-3);
  EXPECT_NEAR(m.sigma2, 132.3447494038, 0.5);
  EXPECT_NEAR(m.loglik, -504.9238525612, 2e-2);
  EXPECT_NEAR(m.aicc, 1018.1651654398, 5e-2);
}

TEST(ArimaAirline, FixedOrderForecastsMatchR) {
  const ArimaModel m =
      FitArima(LogAir(), Eigen::MatrixXd(144, 0), ArimaOrder{0, 1, 1, 0, 1, 1, 12}, false);
  const ArimaPrediction f =
      PredictArima(m, LogAir(), Eigen::MatrixXd(144, 0), Eigen::MatrixXd(5, 0), 5);
  const double mean[] = {6.110186, 6.053775, 6.171715, 6.199300, 6.232556};
  const double se[] = {0.03703056, 0.04314989, 0.04850323, 0.05332179, 0.05773962};
  for (int h = 0; h < 5; ++h) {
    EXPECT_NEAR(f.mean[h], mean[h], 1e-3) << h;
    EXPECT_NEAR(f.se[h], se[h], 2e-4) << h;
  }
}

TEST(ArimaAirline, ArOneWithMeanMatchesR) {
  const ArimaModel m =
      FitArima(LogAir(), Eigen::MatrixXd(144, 0), ArimaOrder{1, 0, 0, 0, 0, 0, 1}, true);
  EXPECT_EQ(m.Spec(), "ARIMA(1,0,0) with non-zero mean");
  EXPECT_NEAR(m.ar[0], 0.9780618540, 2e-3);
  EXPECT_NEAR(m.constant, 5.4853870601, 2e-2);
  EXPECT_NEAR(m.sigma2, 0.0114291570, 1e-4);
  EXPECT_NEAR(m.loglik, 117.0654593478, 2e-2);
}

TEST(ArimaAirline, DriftModelMatchesR) {
  const ArimaModel m = FitArima(testdata::AirPassengers(), Eigen::MatrixXd(144, 0),
                                ArimaOrder{1, 1, 1, 0, 0, 0, 1}, true);
  EXPECT_EQ(m.Spec(), "ARIMA(1,1,1) with drift");
  EXPECT_NEAR(m.ar[0], -0.4767337488, 5e-3);
  EXPECT_NEAR(m.ma[0], 0.8645275085, 5e-3);
  EXPECT_NEAR(m.constant, 2.4508523397, 2e-2);
  EXPECT_NEAR(m.sigma2, 978.9439631828, 1.0);
  EXPECT_NEAR(m.loglik, -694.0607888458, 2e-2);
  const Json j = m.ToJson();
  EXPECT_TRUE(j["coefficients"].contains("drift"));
  EXPECT_EQ(j["spec"], "ARIMA(1,1,1) with drift");
}

TEST(ArimaAirline, LevelsForecastMatchesR) {
  const auto& y = testdata::AirPassengers();
  const ArimaModel m =
      FitArima(y, Eigen::MatrixXd(144, 0), ArimaOrder{2, 1, 1, 0, 1, 0, 12}, false);
  const ArimaPrediction f = PredictArima(m, y, Eigen::MatrixXd(144, 0), Eigen::MatrixXd(5, 0), 5);
  const double mean[] = {445.6349, 420.3950, 449.1983, 491.8399, 503.3945};
  const double se[] = {11.50524, 13.50261, 15.15799, 16.24046, 17.04072};
  for (int h = 0; h < 5; ++h) {
    EXPECT_NEAR(f.mean[h], mean[h], 0.3) << h;
    EXPECT_NEAR(f.se[h], se[h], 0.05) << h;
  }
}

TEST(ArimaAirline, UnitRootTestsAgreeWithR) {
  // R: ndiffs(AirPassengers) = 1, nsdiffs(AirPassengers) = 1,
  // ndiffs(diff(log(AirPassengers), 12)) = 1.
  EXPECT_EQ(NumberOfDiffs(testdata::AirPassengers(), 2), 1);
  EXPECT_EQ(NumberOfSeasonalDiffs(testdata::AirPassengers(), 12, 1), 1);
}

}  // namespace
}  // namespace invplan::forecast
