// Baselines against values computed by hand from the textbook formulas.
#include "forecast/local/baselines.h"

#include <gtest/gtest.h>

#include <cmath>

#include "forecast/fit_error.h"
#include "forecast/model_forecast.h"

namespace invplan::forecast {
namespace {

const std::vector<double> kY = {1, 3, 2, 5, 4};

TEST(Baselines, Mean) {
  ModelForecast f = MeanForecast(kY, 3);
  ASSERT_EQ(f.mean.size(), 3u);
  EXPECT_DOUBLE_EQ(f.mean[2], 3.0);
  // s² = (4+0+1+4+1)/4 = 2.5; se = s·√(1 + 1/5) = √3.
  EXPECT_NEAR(f.se[0], std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(f.se[2], std::sqrt(3.0), 1e-12);
}

TEST(Baselines, Naive) {
  ModelForecast f = NaiveForecast(kY, 3);
  EXPECT_DOUBLE_EQ(f.mean[0], 4.0);
  // σ² = (4+1+9+1)/4 = 3.75; se_h = σ√h.
  EXPECT_NEAR(f.se[0], std::sqrt(3.75), 1e-12);
  EXPECT_NEAR(f.se[2], std::sqrt(3.75 * 3), 1e-12);
}

TEST(Baselines, SeasonalNaive) {
  ModelForecast f = SeasonalNaiveForecast(kY, 2, 3);
  EXPECT_EQ(f.mean, (std::vector<double>{5, 4, 5}));
  // Residuals 1, 2, 2: σ² = 3; k = ⌊(h−1)/2⌋.
  EXPECT_NEAR(f.se[0], std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(f.se[1], std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(f.se[2], std::sqrt(6.0), 1e-12);
  EXPECT_EQ(f.spec, "Seasonal naive[2]");
  EXPECT_THROW(SeasonalNaiveForecast({1, 2}, 2, 1), ModelFitError);
}

TEST(Baselines, Drift) {
  ModelForecast f = DriftForecast(kY, 3);
  // b = (4 − 1)/4 = 0.75; residuals 1.25, −1.75, 2.25, −1.75: σ² = 12.75/3.
  for (int h = 1; h <= 3; ++h) {
    EXPECT_NEAR(f.mean[h - 1], 4 + 0.75 * h, 1e-12);
    EXPECT_NEAR(f.se[h - 1], std::sqrt(4.25 * h * (1 + h / 5.0)), 1e-12);
  }
  EXPECT_THROW(DriftForecast({1, 2}, 1), ModelFitError);
}

TEST(Normal, Quantiles) {
  EXPECT_NEAR(LevelZ(95), 1.959963984540054, 1e-12);
  EXPECT_NEAR(LevelZ(80), 1.2815515655446004, 1e-12);
  EXPECT_NEAR(NormalQuantile(0.001), -3.090232306167813, 1e-11);
  EXPECT_NEAR(NormalQuantile(0.5), 0.0, 1e-15);
}

}  // namespace
}  // namespace invplan::forecast
