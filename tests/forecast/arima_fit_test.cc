// Parameter recovery on simulated series, regression with ARIMA errors,
// forecast variances, unit-root tests and robustness.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "common/random.h"
#include "forecast/arima/arima.h"
#include "forecast/arima/arima_unitroot.h"

namespace invplan::forecast {
namespace {

// ARIMA(1,1,1): (1 - phi B)(1 - B) y = (1 + theta B) e.
std::vector<double> SimulateArima111(int n, double phi, double theta, double sigma,
                                     std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> y(n);
  double w_prev = 0, e_prev = 0, level = 100;
  for (int t = -100; t < n; ++t) {
    const double e = sigma * rng.Normal();
    const double w = phi * w_prev + e + theta * e_prev;
    w_prev = w;
    e_prev = e;
    level += w;
    if (t >= 0) y[t] = level;
  }
  return y;
}

TEST(ArimaFit, RecoversArima111) {
  const auto y = SimulateArima111(600, 0.6, -0.3, 2.0, 11);
  const ArimaModel m = FitArima(y, Eigen::MatrixXd(600, 0), ArimaOrder{1, 1, 1, 0, 0, 0, 1}, false);
  EXPECT_EQ(m.Spec(), "ARIMA(1,1,1)");
  EXPECT_NEAR(m.ar[0], 0.6, 0.1);
  EXPECT_NEAR(m.ma[0], -0.3, 0.1);
  EXPECT_NEAR(m.sigma2, 4.0, 0.5);
  EXPECT_EQ(m.nobs, 599);
  EXPECT_TRUE(std::isfinite(m.aicc));
}

TEST(ArimaFit, RegressionRecoversPromoEffect) {
  Rng rng(5);
  const int n = 300;
  Eigen::MatrixXd x(n, 1);
  std::vector<double> y(n);
  double u = 0;
  for (int t = 0; t < n; ++t) {
    x(t, 0) = rng.Uniform() < 0.2 ? 1.0 : 0.0;
    u = 0.5 * u + rng.Normal();
    y[t] = 50 + 8.0 * x(t, 0) + u;
  }
  const ArimaModel m = AutoArima(y, x, 1);
  ASSERT_EQ(m.xreg_coef.size(), 1u);
  EXPECT_NEAR(m.xreg_coef[0], 8.0, 0.4);
  EXPECT_NE(m.Spec().find("Regression with"), std::string::npos);
  const Json j = m.ToJson({"promo"});
  EXPECT_NEAR(j["coefficients"]["promo"].get<double>(), m.xreg_coef[0], 1e-12);
  // Future promo raises the forecast by about the effect.
  Eigen::MatrixXd fx(2, 1);
  fx << 0, 1;
  const ArimaPrediction f = PredictArima(m, y, x, fx, 2);
  EXPECT_NEAR(f.mean[1] - f.mean[0], 8.0, 1.5);
}

TEST(ArimaFit, RandomWalkStandardErrorsGrowWithSqrtH) {
  const auto y = SimulateArima111(200, 0.0, 0.0, 1.0, 3);
  const ArimaModel m = FitArima(y, Eigen::MatrixXd(200, 0), ArimaOrder{0, 1, 0, 0, 0, 0, 1}, false);
  const ArimaPrediction f = PredictArima(m, y, Eigen::MatrixXd(200, 0), Eigen::MatrixXd(10, 0), 10);
  const double sigma = std::sqrt(m.sigma2);
  for (int h = 1; h <= 10; ++h) {
    EXPECT_NEAR(f.se[h - 1], sigma * std::sqrt(h), 1e-9) << h;
    EXPECT_DOUBLE_EQ(f.mean[h - 1], y.back());
  }
}

TEST(ArimaFit, SeasonalRandomWalkForecastRepeatsLastSeason) {
  std::vector<double> y;
  Rng rng(9);
  for (int t = 0; t < 48; ++t) y.push_back(10 + 5 * std::sin(t * 2 * M_PI / 4) + rng.Normal());
  const ArimaModel m = FitArima(y, Eigen::MatrixXd(48, 0), ArimaOrder{0, 0, 0, 0, 1, 0, 4}, false);
  const ArimaPrediction f = PredictArima(m, y, Eigen::MatrixXd(48, 0), Eigen::MatrixXd(8, 0), 8);
  for (int h = 0; h < 8; ++h) EXPECT_NEAR(f.mean[h], y[44 + h % 4], 1e-9);
  EXPECT_NEAR(f.se[4], f.se[0] * std::sqrt(2.0), 1e-9);
}

TEST(ArimaUnitRoot, KpssSeparatesStationaryFromRandomWalk) {
  Rng rng(21);
  std::vector<double> noise(200), walk(200);
  double level = 0;
  for (int t = 0; t < 200; ++t) {
    noise[t] = rng.Normal();
    level += rng.Normal();
    walk[t] = level;
  }
  EXPECT_LT(detail::KpssStatistic(noise), detail::kKpss5Percent);
  EXPECT_GT(detail::KpssStatistic(walk), detail::kKpss5Percent);
  EXPECT_EQ(NumberOfDiffs(noise, 2), 0);
  EXPECT_EQ(NumberOfDiffs(walk, 2), 1);
}

TEST(ArimaUnitRoot, SeasonalStrengthChoosesD) {
  Rng rng(22);
  std::vector<double> seasonal(120), flat(120);
  for (int t = 0; t < 120; ++t) {
    seasonal[t] = 10 * std::sin(t * 2 * M_PI / 12) + rng.Normal();
    flat[t] = rng.Normal();
  }
  EXPECT_EQ(NumberOfSeasonalDiffs(seasonal, 12, 1), 1);
  EXPECT_EQ(NumberOfSeasonalDiffs(flat, 12, 1), 0);
  EXPECT_EQ(NumberOfSeasonalDiffs(flat, 1, 1), 0);
}

TEST(ArimaRobustness, ConstantSeriesGivesFlatForecast) {
  const std::vector<double> y(30, 7.0);
  const ArimaModel m = AutoArima(y, Eigen::MatrixXd(30, 0), 12);
  const ArimaPrediction f = PredictArima(m, y, Eigen::MatrixXd(30, 0), Eigen::MatrixXd(3, 0), 3);
  for (int h = 0; h < 3; ++h) {
    EXPECT_DOUBLE_EQ(f.mean[h], 7.0);
    EXPECT_DOUBLE_EQ(f.se[h], 0.0);
  }
  const std::string dump = m.ToJson().dump();
  EXPECT_EQ(dump.find("nan"), std::string::npos);
}

TEST(ArimaRobustness, LinearTrendIsDrift) {
  std::vector<double> y;
  for (int t = 0; t < 20; ++t) y.push_back(3.0 + 2.0 * t);
  const ArimaModel m = AutoArima(y, Eigen::MatrixXd(20, 0), 1);
  const ArimaPrediction f = PredictArima(m, y, Eigen::MatrixXd(20, 0), Eigen::MatrixXd(2, 0), 2);
  EXPECT_NEAR(f.mean[0], 43.0, 1e-9);
  EXPECT_NEAR(f.mean[1], 45.0, 1e-9);
}

TEST(ArimaRobustness, VeryShortSeriesThrowsOrFits) {
  EXPECT_THROW(AutoArima({1.0, 2.0}, Eigen::MatrixXd(2, 0), 1), std::runtime_error);
  const std::vector<double> y{3, 5, 4, 6, 5};
  try {
    const ArimaModel m = AutoArima(y, Eigen::MatrixXd(5, 0), 12);
    const ArimaPrediction f = PredictArima(m, y, Eigen::MatrixXd(5, 0), Eigen::MatrixXd(3, 0), 3);
    for (double v : f.mean) EXPECT_TRUE(std::isfinite(v));
    for (double v : f.se) EXPECT_TRUE(std::isfinite(v));
  } catch (const std::runtime_error&) {
    SUCCEED();
  }
}

TEST(ArimaRobustness, HugeValuesStayFinite) {
  auto y = SimulateArima111(120, 0.5, 0.2, 1.0, 8);
  for (double& v : y) v *= 1e12;
  const ArimaModel m = AutoArima(y, Eigen::MatrixXd(120, 0), 1);
  const ArimaPrediction f = PredictArima(m, y, Eigen::MatrixXd(120, 0), Eigen::MatrixXd(4, 0), 4);
  for (int h = 0; h < 4; ++h) {
    EXPECT_TRUE(std::isfinite(f.mean[h]));
    EXPECT_TRUE(std::isfinite(f.se[h]));
    EXPECT_GT(f.se[h], 0);
  }
}

TEST(ArimaRobustness, BadInputsThrow) {
  std::vector<double> y(30, 1.0);
  y[3] = std::nan("");
  EXPECT_THROW(AutoArima(y, Eigen::MatrixXd(30, 0), 1), std::runtime_error);
  EXPECT_THROW(AutoArima(std::vector<double>(30, 1.0), Eigen::MatrixXd(29, 1), 1),
               std::runtime_error);
  EXPECT_THROW(FitArima(std::vector<double>(30, 1.0), Eigen::MatrixXd(30, 0),
                        ArimaOrder{0, 0, 0, 1, 0, 0, 1}, false),
               std::runtime_error);
}

}  // namespace
}  // namespace invplan::forecast
