// Croston, SBA and TSB on a hand-worked example; Syntetos–Boylan classes.
#include "forecast/local/intermittent.h"

#include <gtest/gtest.h>

#include <cmath>

#include "forecast/fit_error.h"

namespace invplan::forecast {
namespace {

const std::vector<double> kIntermittentY = {0, 3, 0, 0, 2, 0, 4};

TEST(Croston, HandExample) {
  // alpha 0.5: sizes 3 → 2.5 → 3.25, intervals 2 → 2.5 → 2.25.
  ModelForecast f = CrostonForecast(kIntermittentY, 2, CrostonVariant::kClassic, 0.5);
  EXPECT_NEAR(f.mean[0], 3.25 / 2.25, 1e-12);
  EXPECT_NEAR(f.mean[1], 3.25 / 2.25, 1e-12);
  // One-step errors −1.5, −1.5, 0.5, −1, 3: σ² = 14.75/5.
  EXPECT_NEAR(f.model["sigma2"].get<double>(), 2.95, 1e-12);
  EXPECT_NEAR(f.se[0], std::sqrt(2.95), 1e-12);
  EXPECT_NEAR(f.se[1], std::sqrt(2.95 * 1.25), 1e-12);
  EXPECT_EQ(f.spec, "Croston(alpha=0.5)");
}

TEST(Croston, Sba) {
  ModelForecast f = CrostonForecast(kIntermittentY, 1, CrostonVariant::kSba, 0.5);
  EXPECT_NEAR(f.mean[0], 0.75 * 3.25 / 2.25, 1e-12);
  // Errors against the corrected forecasts: −1.125, −1.125, 0.875, −0.75, 3.25.
  EXPECT_NEAR(f.model["sigma2"].get<double>(), 14.421875 / 5, 1e-12);
}

TEST(Croston, OptimisedAlphaIsOnTheGridAndNoDemandThrows) {
  ModelForecast f = CrostonForecast(kIntermittentY, 1, CrostonVariant::kSba);
  double a = f.model["alpha"].get<double>();
  EXPECT_GE(a, 0.05);
  EXPECT_LE(a, 0.3);
  EXPECT_THROW(CrostonForecast({0, 0, 0}, 1, CrostonVariant::kSba), ModelFitError);
}

TEST(Tsb, HandExample) {
  // prob 0.5 → .25 → .125 → .5625 → .28125 → .640625; sizes 3 → 2.5 → 3.25.
  ModelForecast f = TsbForecast(kIntermittentY, 3, 0.5, 0.5);
  EXPECT_NEAR(f.mean[0], 0.640625 * 3.25, 1e-12);
  EXPECT_NEAR(f.mean[2], 0.640625 * 3.25, 1e-12);
  double sse = 1.5 * 1.5 + 0.75 * 0.75 + 1.625 * 1.625 + 1.40625 * 1.40625 + 3.296875 * 3.296875;
  EXPECT_NEAR(f.model["sigma2"].get<double>(), sse / 5, 1e-12);
}

TEST(Tsb, DecaysThroughZeros) {
  std::vector<double> y = {5, 0, 4, 6, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  ModelForecast tsb = TsbForecast(y, 1, 0.2, 0.2);
  ModelForecast cro = CrostonForecast(y, 1, CrostonVariant::kClassic, 0.2);
  EXPECT_LT(tsb.mean[0], cro.mean[0]);
}

TEST(Classify, FourClasses) {
  EXPECT_EQ(ClassifyDemand({5, 6, 5, 6, 5, 6}).name, "smooth");
  EXPECT_EQ(ClassifyDemand({1, 10, 1, 10}).name, "erratic");
  DemandClass c = ClassifyDemand(kIntermittentY);
  EXPECT_EQ(c.name, "intermittent");
  EXPECT_NEAR(c.adi, 7.0 / 3, 1e-12);
  EXPECT_NEAR(c.cv2, 1.0 / 9, 1e-12);
  EXPECT_EQ(ClassifyDemand({0, 1, 0, 0, 10, 0, 0, 1}).name, "lumpy");
  EXPECT_EQ(ClassifyDemand({0, 0, 0}).name, "none");
  // Cut-offs: ADI exactly 1.32 is not "frequent".
  std::vector<double> y(132, 0.0);
  for (int i = 0; i < 100; ++i) y[i] = 1;
  EXPECT_EQ(ClassifyDemand(y).name, "intermittent");
}

}  // namespace
}  // namespace invplan::forecast
