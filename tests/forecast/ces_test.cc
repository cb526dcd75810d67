// Complex exponential smoothing (forecast/ces/ces.h): the recursion by hand,
// the admissible region against the published conditions, the AICc choice of
// the seasonal type, the forecast's variances, determinism.
#include "forecast/ces/ces.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ets_test_data.h"
#include "forecast/ces/ces_series.h"

namespace invplan::forecast {
namespace {

CesState HandState(CesType type, int m) {
  CesState s;
  s.type = type;
  s.m = m;
  s.p.a0 = 1.5;
  s.p.a1 = 0.9;
  s.l = 10;
  s.c = 5;
  return s;
}

// y_t = l_{t-1} + e_t, l_t = l - (1 - a1) c + (a0 - a1) e,
// c_t = l + (1 - a0) c + (a0 + a1) e, with a0 = 1.5, a1 = 0.9, l = 10, c = 5.
TEST(Ces, NonSeasonalRecursionByHand) {
  CesState s = HandState(CesType::kNone, 1);
  EXPECT_DOUBLE_EQ(s.Predict(), 10);
  s.Update(12 - s.Predict());                              // e = 2
  EXPECT_NEAR(s.l, 10 - 0.1 * 5 + 0.6 * 2, 1e-12);         // 10.7
  EXPECT_NEAR(s.c, 10 - 0.5 * 5 + 2.4 * 2, 1e-12);         // 12.3
  s.Update(9 - s.Predict());                               // e = -1.7
  EXPECT_NEAR(s.l, 10.7 - 0.1 * 12.3 - 0.6 * 1.7, 1e-12);  // 8.45
  EXPECT_NEAR(s.c, 10.7 - 0.5 * 12.3 - 2.4 * 1.7, 1e-12);  // 0.47
  EXPECT_NEAR(s.Predict(), 8.45, 1e-12);
}

TEST(Ces, SeasonalRecursionsByHand) {
  // S: the pair at lag m = 2, position 0 then 1.
  CesState s = HandState(CesType::kSimple, 2);
  s.sl = {10, 20};
  s.sc = {5, 10};
  EXPECT_DOUBLE_EQ(s.Predict(), 10);
  s.Update(2);
  EXPECT_NEAR(s.sl[0], 10.7, 1e-12);
  EXPECT_NEAR(s.sc[0], 12.3, 1e-12);
  EXPECT_EQ(s.pos, 1);
  EXPECT_DOUBLE_EQ(s.Predict(), 20);  // the other position, untouched
  // P: level pair plus s_t = s_{t-m} + b e.
  CesState p = HandState(CesType::kPartial, 2);
  p.p.b0 = 0.2;
  p.sl = {1, -1};
  EXPECT_DOUBLE_EQ(p.Predict(), 11);
  p.Update(2);
  EXPECT_NEAR(p.l, 10.7, 1e-12);
  EXPECT_NEAR(p.sl[0], 1.4, 1e-12);
  EXPECT_NEAR(p.Predict(), 10.7 - 1, 1e-12);
  // F: level pair plus a second pair at lag m with b0 + i b1 = 1.5 + 0.9i.
  CesState f = HandState(CesType::kFull, 2);
  f.p.b0 = 1.5;
  f.p.b1 = 0.9;
  f.sl = {10, 20};
  f.sc = {5, 10};
  EXPECT_DOUBLE_EQ(f.Predict(), 20);
  f.Update(2);
  EXPECT_NEAR(f.l, 10.7, 1e-12);
  EXPECT_NEAR(f.sl[0], 10.7, 1e-12);
  EXPECT_NEAR(f.sc[0], 12.3, 1e-12);
  EXPECT_NEAR(f.Predict(), 10.7 + 20, 1e-12);
}

// Svetunkov & Kourentzes's admissible region of a0 + i a1 is bounded by three
// circles; the eigenvalue conditions must give the same region.
TEST(Ces, StabilityRegionMatchesThePublishedCircles) {
  int inside = 0;
  for (int i = 0; i <= 100; ++i) {
    for (int j = 0; j <= 100; ++j) {
      const double a0 = -1 + 0.05 * i, a1 = -2 + 0.05 * j;
      const bool circles = (a0 - 2.5) * (a0 - 2.5) + a1 * a1 > 1.25 &&
                           (a0 - 0.5) * (a0 - 0.5) + (a1 - 1) * (a1 - 1) > 0.25 &&
                           (a0 - 1.5) * (a0 - 1.5) + (a1 - 0.5) * (a1 - 0.5) < 1.5;
      const double radius = CesDiscountRadius(CesType::kNone, 1, CesParams{a0, a1, 0, 0});
      if (std::abs(radius - 1) < 1e-6) continue;  // on the boundary
      EXPECT_EQ(CesPairStable(a0, a1), circles) << a0 << " " << a1;
      EXPECT_EQ(CesPairStable(a0, a1), radius < 1) << a0 << " " << a1;
      inside += circles;
    }
  }
  EXPECT_GT(inside, 500);
  // a1 = 1 is SES with alpha = a0 - 1: admissible for 1 < a0 < 2.
  EXPECT_TRUE(CesPairStable(1.99, 1));
  EXPECT_FALSE(CesPairStable(2.01, 1));
  EXPECT_FALSE(CesPairStable(1.0, 1));
  // P's seasonal weight: 0 < b < 2; F's pair as the level's.
  EXPECT_TRUE(CesStable(CesType::kPartial, CesParams{1.3, 1, 0.5, 0}));
  EXPECT_FALSE(CesStable(CesType::kPartial, CesParams{1.3, 1, 2.5, 0}));
  EXPECT_FALSE(CesStable(CesType::kFull, CesParams{1.3, 1, 0.5, 1}));
  // S updates each position's pair once a season: its season-long map is the
  // pair's discount matrix.
  const CesParams p{1.3, 0.95, 0, 0};
  EXPECT_NEAR(CesDiscountRadius(CesType::kSimple, 4, p), CesDiscountRadius(CesType::kNone, 1, p),
              1e-9);
  EXPECT_LT(CesDiscountRadius(CesType::kNone, 1, p), 1);
}

TEST(Ces, FitIsAdmissibleAndForecastVariancesFollowTheImpulseWeights) {
  const std::vector<double>& y = testdata::kNile;
  const CesFit fit = FitCes(y, 1, CesType::kNone);
  EXPECT_TRUE(CesStable(CesType::kNone, fit.final.p));
  EXPECT_EQ(fit.k, 5);  // a0, a1, l0, c0, sigma
  EXPECT_NEAR(fit.sigma2, fit.sse / y.size(), 1e-9 * fit.sigma2);
  const ModelForecast f = CesForecastFrom(fit, 3);
  ASSERT_EQ(f.se.size(), 3u);
  EXPECT_NEAR(f.se[0], std::sqrt(fit.sigma2), 1e-9);
  // psi_1 = w' F g... computed from the recursion: the first impulse weight.
  CesState z = fit.final;
  z.l = z.c = 0;
  z.Update(1);
  const double psi1 = z.Predict();
  EXPECT_NEAR(f.se[1], std::sqrt(fit.sigma2 * (1 + psi1 * psi1)), 1e-9 * f.se[1]);
  EXPECT_NEAR(f.sum_se[1], std::sqrt(fit.sigma2 * (1 + (1 + psi1) * (1 + psi1))),
              1e-9 * f.sum_se[1]);
  // The sum of squares over the data equals the one the fit reports.
  CesState s = fit.initial;
  double sse = 0;
  for (double v : y) {
    const double e = v - s.Predict();
    sse += e * e;
    s.Update(e);
  }
  EXPECT_NEAR(sse, fit.sse, 1e-9 * sse);
  EXPECT_NEAR(s.l, fit.final.l, 1e-9 * std::abs(s.l));
}

TEST(Ces, AiccChoiceIsRecordedAndNonSeasonalDataGetN) {
  const ModelForecast f = CesForecast(testdata::kNile, 1, 5);
  EXPECT_EQ(f.model["type"], "N");
  ASSERT_EQ(f.model["candidates"].size(), 1u);
  EXPECT_DOUBLE_EQ(f.model["candidates"]["N"].get<double>(), f.model["aicc"].get<double>());
  EXPECT_EQ(f.spec, "CES(N)");
}

TEST(Ces, SeasonalSeriesPicksASeasonalTypeOfLeastAicc) {
  const ModelForecast f = CesForecast(testdata::kUSAccDeaths, 12, 12);
  const std::string type = f.model["type"];
  EXPECT_NE(type, "N");
  ASSERT_EQ(f.model["candidates"].size(), 4u);
  double least = INFINITY;
  for (const auto& [letter, aicc] : f.model["candidates"].items()) {
    least = std::min(least, aicc.get<double>());
  }
  EXPECT_DOUBLE_EQ(f.model["candidates"][type].get<double>(), least);
  EXPECT_EQ(f.model["season"], 12);
  // The forecast follows the season: July above February, as the data.
  EXPECT_GT(f.mean[6], f.mean[1] + 1000);
}

TEST(Ces, Deterministic) {
  const ModelForecast a = CesForecast(testdata::kAirPassengers, 12, 12);
  const ModelForecast b = CesForecast(testdata::kAirPassengers, 12, 12);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.se, b.se);
  EXPECT_EQ(a.model.dump(), b.model.dump());
}

TEST(Ces, TooShortForSeasonalTypesFallsBackToN) {
  const std::vector<double> y{5, 7, 6, 8, 7, 9, 8, 10, 9, 11, 10, 12, 11, 13};
  const ModelForecast f = CesForecast(y, 12, 4);  // fewer than two seasons
  EXPECT_EQ(f.model["type"], "N");
  EXPECT_THROW(FitCes(y, 12, CesType::kFull), ModelFitError);
  EXPECT_THROW(FitCes({1, 2, 3, 4}, 1, CesType::kNone), ModelFitError);  // AICc undefined
}

}  // namespace
}  // namespace invplan::forecast
