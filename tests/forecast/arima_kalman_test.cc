// Exact likelihood pieces against closed forms, and the fast recursions
// against the full Kalman filter.
#include "forecast/arima/arima_kalman.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/random.h"
#include "forecast/arima/arima_poly.h"

namespace invplan::forecast::detail {
namespace {

std::vector<double> Noise(int n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> x(n);
  for (double& v : x) v = rng.Normal();
  return x;
}

TEST(ArimaKalman, ArOneMatchesClosedForm) {
  const double phi = 0.7;
  const std::vector<double> x = Noise(50, 1);
  double ssq = (1 - phi * phi) * x[0] * x[0];
  for (size_t t = 1; t < x.size(); ++t) ssq += (x[t] - phi * x[t - 1]) * (x[t] - phi * x[t - 1]);
  ArmaKalman k;
  for (bool fast : {false, true}) {
    const KalmanSums s = fast ? k.RunFast(x.data(), 50, {phi}, {}) : k.Run(x.data(), 50, {phi}, {});
    ASSERT_TRUE(s.ok);
    EXPECT_NEAR(s.ssq, ssq, 1e-10);
    EXPECT_NEAR(s.sumlog, -std::log(1 - phi * phi), 1e-12);
    EXPECT_EQ(s.nu, 50);
  }
}

TEST(ArimaKalman, MaOneMatchesInnovationsAlgorithm) {
  const double theta = -0.6;
  const std::vector<double> x = Noise(40, 2);
  double r = 1 + theta * theta, xhat = 0, ssq = 0, sumlog = 0;
  for (size_t t = 0; t < x.size(); ++t) {
    const double v = x[t] - xhat;
    ssq += v * v / r;
    sumlog += std::log(r);
    xhat = theta * v / r;
    r = 1 + theta * theta - theta * theta / r;
  }
  ArmaKalman k;
  for (bool fast : {false, true}) {
    const KalmanSums s =
        fast ? k.RunFast(x.data(), 40, {}, {theta}) : k.Run(x.data(), 40, {}, {theta});
    EXPECT_NEAR(s.ssq, ssq, 1e-9);
    EXPECT_NEAR(s.sumlog, sumlog, 1e-9);
  }
}

TEST(ArimaKalman, StationaryCovarianceSolvesLyapunov) {
  std::vector<double> phi, theta;
  const double ar[] = {0.5, -0.2}, ma[] = {0.3}, sar[] = {0.4}, sma[] = {-0.5};
  ExpandArma(ar, 2, sar, 1, ma, 1, sma, 1, 4, &phi, &theta);
  const int r = std::max<int>(phi.size(), theta.size() + 1);
  ArmaKalman k;
  std::vector<double> P(r * r);
  ASSERT_TRUE(k.StationaryCovariance(phi, theta, r, P.data()));
  // P = T P T' + R R'.
  auto T = [&](int i, int j) {
    return (j == 0 && i < static_cast<int>(phi.size()) ? phi[i] : 0.0) + (j == i + 1 ? 1.0 : 0.0);
  };
  auto R = [&](int i) {
    return i == 0 ? 1.0 : (i - 1 < static_cast<int>(theta.size()) ? theta[i - 1] : 0.0);
  };
  for (int i = 0; i < r; ++i)
    for (int j = 0; j < r; ++j) {
      double v = R(i) * R(j);
      for (int a = 0; a < r; ++a)
        for (int b = 0; b < r; ++b) v += T(i, a) * P[a * r + b] * T(j, b);
      EXPECT_NEAR(P[i * r + j], v, 1e-10) << i << "," << j;
    }
}

TEST(ArimaKalman, FastRecursionsEqualFullFilter) {
  const std::vector<double> x = Noise(120, 3);
  std::vector<double> phi, theta;
  const double ar[] = {0.6, 0.25}, ma[] = {-0.9}, sar[] = {0.3}, sma[] = {-0.7};
  ExpandArma(ar, 2, sar, 1, ma, 1, sma, 1, 12, &phi, &theta);
  ArmaKalman k;
  const KalmanSums a = k.Run(x.data(), 120, phi, theta);
  const KalmanSums b = k.RunFast(x.data(), 120, phi, theta);
  ASSERT_TRUE(a.ok && b.ok);
  EXPECT_NEAR(a.ssq, b.ssq, 1e-8 * a.ssq);
  EXPECT_NEAR(a.sumlog, b.sumlog, 1e-8);
}

TEST(ArimaKalman, NonStationaryArIsRejected) {
  const std::vector<double> x = Noise(20, 4);
  ArmaKalman k;
  EXPECT_FALSE(k.Run(x.data(), 20, {1.0}, {}).ok);
  EXPECT_FALSE(k.RunFast(x.data(), 20, {1.0}, {}).ok);
}

TEST(ArimaPoly, PacfTransformRoundTripsAndIsStationary) {
  double x[3] = {2.5, -1.0, 0.7};
  PacfToAr(x, 3);
  EXPECT_TRUE(IsStationary({x[0], x[1], x[2]}));
  double y[3] = {x[0], x[1], x[2]};
  ArToPacf(y, 3);
  EXPECT_NEAR(y[0], 2.5, 1e-6);
  EXPECT_NEAR(y[1], -1.0, 1e-6);
  EXPECT_NEAR(y[2], 0.7, 1e-6);
}

TEST(ArimaPoly, InvertMaReflectsRoots) {
  std::vector<double> ma{2.0};
  InvertMa(&ma);
  EXPECT_NEAR(ma[0], 0.5, 1e-12);
  std::vector<double> ma2{-2.5, 1.0};  // roots 0.5 and 2
  InvertMa(&ma2);
  EXPECT_GT(MinRootModulus(ma2, +1), 1.0);
}

TEST(ArimaPoly, DifferencingMatchesPolynomial) {
  const std::vector<double> x{1, 4, 9, 16, 25, 36, 49, 64};
  const auto d2 = Difference(x, 2, 0, 1);
  ASSERT_EQ(d2.size(), 6u);
  for (double v : d2) EXPECT_DOUBLE_EQ(v, 2.0);
  const auto delta = DifferencingPolynomial(1, 1, 4);  // (1-B)(1-B^4)
  ASSERT_EQ(delta.size(), 5u);
  EXPECT_DOUBLE_EQ(delta[0], 1);
  EXPECT_DOUBLE_EQ(delta[3], 1);
  EXPECT_DOUBLE_EQ(delta[4], -1);
}

}  // namespace
}  // namespace invplan::forecast::detail
