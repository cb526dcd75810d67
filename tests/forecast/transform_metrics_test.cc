// Transforms (round trip, bias-adjusted means, Guerrero) and accuracy metrics.
#include <gtest/gtest.h>

#include <cmath>

#include "forecast/metrics.h"
#include "forecast/transform.h"

namespace invplan::forecast {
namespace {

TEST(Transform, Parse) {
  TransformSpec s;
  EXPECT_TRUE(ParseTransform("none", &s));
  EXPECT_TRUE(ParseTransform("log", &s));
  EXPECT_EQ(s.kind, TransformSpec::kLog);
  EXPECT_TRUE(ParseTransform("boxcox:0.5", &s));
  EXPECT_TRUE(s.lambda_given);
  EXPECT_DOUBLE_EQ(s.lambda, 0.5);
  EXPECT_TRUE(ParseTransform("boxcox", &s));
  EXPECT_FALSE(s.lambda_given);
  EXPECT_FALSE(ParseTransform("boxcox:x", &s));
  EXPECT_FALSE(ParseTransform("sqrt", &s));
}

TEST(Transform, RoundTrip) {
  const std::vector<double> y = {0, 1, 2.5, 10, 1000};
  for (double lambda : {0.0, 0.5, -0.5, 1.5}) {
    for (double shift : {0.0, 1.0}) {
      Transform t = Transform::BoxCox(lambda, shift);
      for (double v : y) {
        if (v + shift <= 0) continue;
        EXPECT_NEAR(t.Inverse(t.Forward(v)), v, 1e-9 * (1 + v)) << lambda << " " << shift;
      }
    }
  }
}

TEST(Transform, Log1pForZerosAndBiasAdjustedMean) {
  TransformSpec spec;
  ParseTransform("log", &spec);
  std::string note;
  Transform t = Transform::For(spec, {0, 3, 5}, 1, &note);
  EXPECT_NEAR(t.Forward(0), 0.0, 1e-15);  // log1p
  EXPECT_NEAR(t.MeanBack(1.0, 0.2), std::exp(1.0) * 1.1 - 1, 1e-12);
  Transform neg = Transform::For(spec, {-1, 3, 5}, 1, &note);
  EXPECT_TRUE(neg.identity());
  EXPECT_EQ(note, "negative values: not transformed");
  // Box-Cox λ = 0.5 at w = 2, σ² = 0.4: (2)^2 · (1 + 0.4·0.5/(2·4)).
  Transform b = Transform::BoxCox(0.5, 0);
  EXPECT_NEAR(b.MeanBack(2.0, 0.4), 4.0 * (1 + 0.4 * 0.5 / 8), 1e-12);
}

TEST(Transform, GuerreroFindsLogForMultiplicativeSeries) {
  std::vector<double> y;
  for (int t = 0; t < 96; ++t) {
    double level = std::exp(0.03 * t) * 100;
    y.push_back(level * (1 + 0.3 * std::sin(2 * M_PI * t / 12)));
  }
  double lambda = GuerreroLambda(y, 12);
  EXPECT_LT(std::abs(lambda), 0.25);
  // Additive seasonality of constant size: no transform needed (λ near 1).
  std::vector<double> z;
  for (int t = 0; t < 96; ++t) z.push_back(100 + 2 * t + 30 * std::sin(2 * M_PI * t / 12));
  EXPECT_GT(GuerreroLambda(z, 12), 0.7);
}

TEST(Metrics, ByHand) {
  std::vector<double> history = {1, 2, 3, 4, 5, 6};
  Accuracy a = Evaluate(history, 1, {7, 8}, {6, 10}, {{6, 9}}, {{8, 11}});
  EXPECT_NEAR(a.mase, 1.5, 1e-12);
  EXPECT_NEAR(a.rmse, std::sqrt(2.5), 1e-12);
  EXPECT_NEAR(a.bias, 0.5, 1e-12);
  EXPECT_NEAR(a.smape, (200.0 / 13 + 400.0 / 18) / 2, 1e-12);
  EXPECT_NEAR(a.coverage[0], 0.5, 1e-12);
  // Seasonal scaling: lag 2 differences of {1,2,3,4,5,6} are all 2.
  EXPECT_NEAR(Evaluate(history, 2, {7, 8}, {6, 10}, {{6, 9}}, {{8, 11}}).mase, 0.75, 1e-12);
  // A constant history has no scale: MASE undefined, written as null.
  Accuracy c = Evaluate({3, 3, 3}, 1, {3}, {4}, {}, {});
  EXPECT_TRUE(std::isnan(c.mase));
  EXPECT_TRUE(AccuracyToJson(c, {})["mase"].is_null());
}

TEST(Metrics, SummaryPoolsCoverage) {
  AccuracySummary s(1);
  Accuracy a;
  a.mase = 1, a.smape = 10, a.rmse = 2, a.bias = 1, a.coverage = {1.0}, a.points = 3;
  Accuracy b;
  b.mase = NAN, b.smape = 20, b.rmse = 4, b.bias = -1, b.coverage = {0.0}, b.points = 1;
  s.Add(a);
  s.Add(b);
  Accuracy m = s.Mean();
  EXPECT_DOUBLE_EQ(m.mase, 1.0);
  EXPECT_DOUBLE_EQ(m.smape, 15.0);
  EXPECT_DOUBLE_EQ(m.bias, 0.0);
  EXPECT_DOUBLE_EQ(m.coverage[0], 0.75);
}

}  // namespace
}  // namespace invplan::forecast
