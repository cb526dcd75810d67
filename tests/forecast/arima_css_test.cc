// The conditional-sum-of-squares fit and the approximate order search used
// for long or long-season series.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "common/random.h"
#include "forecast/arima/arima.h"
#include "forecast/arima/arima_fit.h"

namespace invplan::forecast {
namespace {

// A daily series with weekly AR/MA structure, a promotion effect and noise.
std::vector<double> WeeklySeries(int n, std::uint64_t seed, Eigen::MatrixXd* promo) {
  Rng rng(seed);
  promo->resize(n, 1);
  std::vector<double> y(n), e(n + 8, 0.0), w(n + 8, 0.0);
  for (int t = 0; t < n; ++t) {
    const int i = t + 8;
    e[i] = rng.Normal();
    w[i] = 0.5 * w[i - 1] + 0.3 * w[i - 7] - 0.15 * w[i - 8] + e[i] + 0.4 * e[i - 1];
    (*promo)(t, 0) = (t % 17) < 3 ? 1.0 : 0.0;
    y[t] = 50 + 6 * (*promo)(t, 0) + 3 * w[i];
  }
  return y;
}

TEST(ArimaCss, AdjointGradientMatchesDifferences) {
  Eigen::MatrixXd promo;
  const std::vector<double> y = WeeklySeries(300, 3, &promo);
  for (int d : {0, 1}) {
    detail::ArimaProblem problem(y, promo, d, 0, 7, true);
    problem.SetOrder(2, 1, 1, 1);
    const int n = problem.parameters();
    ASSERT_EQ(n, 5 + (d == 0 ? 2 : 2));  // ar2 ma1 sar1 sma1 + constant/drift + promo
    std::vector<double> par = {0.3, -0.2, 0.25, 0.1, -0.3, 0.4, 0.2};
    std::vector<double> g(n);
    ASSERT_TRUE(problem.CssGradient(par.data(), g.data()));
    for (int i = 0; i < n; ++i) {
      const double h = 1e-6;
      std::vector<double> a = par, b = par;
      a[i] += h;
      b[i] -= h;
      const double numeric =
          (problem.CssObjective(a.data()) - problem.CssObjective(b.data())) / (2 * h);
      EXPECT_NEAR(g[i], numeric, 1e-6 * std::max(1.0, std::abs(numeric)))
          << "d " << d << " parameter " << i;
    }
  }
}

TEST(ArimaCss, FitMinimisesTheConditionalSumOfSquares) {
  Eigen::MatrixXd promo;
  const std::vector<double> y = WeeklySeries(400, 5, &promo);
  detail::ArimaProblem problem(y, promo, 0, 0, 7, true);
  double s2 = 0;
  const ArimaModel m = problem.FitCss(1, 1, 1, 0, &s2);
  EXPECT_NEAR(m.ar[0], 0.5, 0.15);
  EXPECT_NEAR(m.ma[0], 0.4, 0.15);
  EXPECT_NEAR(m.sar[0], 0.3, 0.15);
  ASSERT_EQ(m.xreg_coef.size(), 1u);
  EXPECT_NEAR(m.xreg_coef[0], 6.0, 1.5);
  EXPECT_NEAR(s2, 9.0, 1.5);        // innovations of sd 3
  EXPECT_TRUE(std::isnan(m.aicc));  // left to the caller
}

TEST(ArimaCss, ApproximateSearchEndsWithAnExactFitNearTheExactBest) {
  Eigen::MatrixXd promo;
  const std::vector<double> y = WeeklySeries(420, 9, &promo);
  AutoArimaOptions exact, approximate;
  exact.approximation = 0;
  approximate.approximation = 1;
  const ArimaModel a = AutoArima(y, promo, 7, approximate);
  const ArimaModel e = AutoArima(y, promo, 7, exact);
  // The winner is refitted by maximum likelihood: a real criterion.
  ASSERT_TRUE(std::isfinite(a.aicc));
  EXPECT_GE(a.aicc, e.aicc - 1e-6);  // the exact search scores more candidates exactly
  EXPECT_LT(a.aicc, e.aicc + 4.0);
  ASSERT_EQ(a.xreg_coef.size(), 1u);
  EXPECT_NEAR(a.xreg_coef[0], 6.0, 1.5);
}

}  // namespace
}  // namespace invplan::forecast
