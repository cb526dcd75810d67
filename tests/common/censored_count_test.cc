// The censored count fit: demand seen through sales capped by the stock on the
// shelf. The fit with P(Y >= y) terms recovers the demand's mean; the naive
// mean of the sales is biased low.
#include "common/censored_count.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace invplan {
namespace {

// Demand draws cut by a stock of 6..14 units: a draw at or above the stock
// sells the stock and empties the shelf (censored).
struct CensoredSample {
  std::vector<double> sales;
  std::vector<char> censored;
  double naive_mean = 0.0;
  double censored_share = 0.0;
};

template <typename Draw>
CensoredSample Simulate(Draw draw, int n) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> stock(6, 14);
  CensoredSample s;
  for (int i = 0; i < n; ++i) {
    const int d = draw(rng), cap = stock(rng);
    const int sold = std::min(d, cap);
    s.sales.push_back(sold);
    s.censored.push_back(d >= cap ? 1 : 0);
    s.naive_mean += sold;
    s.censored_share += d >= cap ? 1.0 : 0.0;
  }
  s.naive_mean /= n;
  s.censored_share /= n;
  return s;
}

TEST(CensoredCounts, PoissonFitRecoversTheMean) {
  std::poisson_distribution<int> poisson(10.0);
  const CensoredSample s = Simulate([&](std::mt19937_64& r) { return poisson(r); }, 4000);
  ASSERT_GT(s.censored_share, 0.2);  // a sample worth fitting
  const CensoredCountFit fit = FitCensoredCounts(s.sales, s.censored, true);
  EXPECT_NEAR(fit.mean, 10.0, 0.25);
  EXPECT_EQ(fit.alpha, 0.0);
  EXPECT_LT(s.naive_mean, 9.0);  // the sales' mean is biased low
}

TEST(CensoredCounts, NegativeBinomialFitRecoversMeanAndDispersion) {
  // Mean 10, dispersion 0.25 (size 4): a gamma-Poisson mixture.
  std::gamma_distribution<double> gamma(4.0, 10.0 / 4.0);
  const CensoredSample s = Simulate(
      [&](std::mt19937_64& r) { return std::poisson_distribution<int>(gamma(r))(r); }, 6000);
  ASSERT_GT(s.censored_share, 0.2);
  const CensoredCountFit fit = FitCensoredCounts(s.sales, s.censored, false);
  EXPECT_NEAR(fit.mean, 10.0, 0.4);
  EXPECT_NEAR(fit.alpha, 0.25, 0.06);
  EXPECT_LT(s.naive_mean, 8.8);
  // Fitting the sales as demand: lower mean, and a worse likelihood of the data
  // when scored with the censored terms.
  const CensoredCountFit naive = FitCensoredCounts(s.sales, {}, false);
  EXPECT_NEAR(naive.mean, s.naive_mean, 1e-6);
  EXPECT_EQ(naive.censored, 0u);
  EXPECT_EQ(fit.censored, static_cast<std::size_t>(std::lround(s.censored_share * 6000)));
}

TEST(CensoredCounts, UncensoredDataGiveTheSampleMean) {
  const std::vector<double> y{3, 0, 5, 2, 7, 1};
  const CensoredCountFit fit = FitCensoredCounts(y, std::vector<char>(y.size(), 0), true);
  EXPECT_NEAR(fit.mean, 3.0, 1e-9);
  EXPECT_EQ(FitCensoredCounts({}, {}, false).mean, 0.0);
  EXPECT_EQ(FitCensoredCounts({0, 0, 0}, {0, 0, 0}, false).mean, 0.0);
}

TEST(CensoredCounts, TailMeanAndSurvivalMatchDirectSums) {
  for (const CountDistribution& d :
       {CountDistribution::Poisson(6.5), CountDistribution::NegBin(6.5, 2.0)}) {
    const std::vector<double> pmf = d.PmfTable(400);
    for (int c : {1, 4, 9, 20}) {
      double tail = 0.0, tail_mean = 0.0;
      for (std::size_t k = c; k < pmf.size(); ++k) {
        tail += pmf[k];
        tail_mean += static_cast<double>(k) * pmf[k];
      }
      EXPECT_NEAR(CountTailMean(d, c), tail_mean / tail, 1e-6 * tail_mean / tail) << c;
      EXPECT_NEAR(CountLogSurvival(d, c), std::log(tail), 1e-6) << c;
      // A fractional bound is the next whole unit.
      EXPECT_DOUBLE_EQ(CountTailMean(d, c - 0.5), CountTailMean(d, c));
    }
    EXPECT_DOUBLE_EQ(CountTailMean(d, 0.0), d.mean());
    EXPECT_EQ(CountLogSurvival(d, 0.0), 0.0);
  }
  // Far in the tail the bound itself.
  EXPECT_EQ(CountTailMean(CountDistribution::Poisson(1.0), 500.0), 500.0);
}

}  // namespace
}  // namespace invplan
