// The count distributions: digamma against tabulated values, negative binomial
// probabilities summing to one and matching Poisson in the limit, the gradient
// against central differences, quantiles against the CDF; Poisson CDF and
// quantiles, probability tables, moments and expected sales.
#include "common/count_distribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/normal.h"

namespace invplan {
namespace {

TEST(NegBin, DigammaMatchesTabulatedValues) {
  EXPECT_NEAR(Digamma(1.0), -0.57721566490153286, 1e-12);  // −γ
  EXPECT_NEAR(Digamma(0.5), -1.96351002602142348, 1e-12);  // −γ − 2 ln 2
  EXPECT_NEAR(Digamma(10.0), 2.25175258906672111, 1e-12);
  EXPECT_NEAR(Digamma(1e-3), -1000.5755719318, 1e-8);
  EXPECT_NEAR(Digamma(250.5), std::log(250.5) - 1 / 501.0 - 1 / (12 * 250.5 * 250.5), 1e-9);
}

TEST(NegBin, ProbabilitiesSumToOneWithTheRightMean) {
  for (double mu : {0.05, 0.8, 3.0, 40.0}) {
    for (double alpha : {1e-4, 0.3, 2.0}) {
      double total = 0.0, mean = 0.0, second = 0.0;
      for (int k = 0; k < 20000; ++k) {
        const double p = std::exp(NegBinLogPmf(k, mu, alpha));
        total += p;
        mean += k * p;
        second += double(k) * k * p;
      }
      EXPECT_NEAR(total, 1.0, 1e-9) << mu << " " << alpha;
      EXPECT_NEAR(mean, mu, 1e-7 * (1 + mu)) << mu << " " << alpha;
      EXPECT_NEAR(second - mean * mean, mu + alpha * mu * mu, 1e-5 * (1 + mu * mu))
          << mu << " " << alpha;
    }
  }
}

TEST(NegBin, SmallDispersionIsPoisson) {
  const double mu = 2.5;
  for (int k = 0; k < 10; ++k) {
    const double poisson = -mu + k * std::log(mu) - std::lgamma(k + 1.0);
    EXPECT_NEAR(NegBinLogPmf(k, mu, 1e-7), poisson, 1e-5) << k;
  }
}

TEST(NegBin, GradientMatchesCentralDifferences) {
  const double eps = 1e-6;
  for (double y : {0.0, 1.0, 7.0, 2.5, 300.0}) {
    for (double mu : {0.2, 4.0, 250.0}) {
      for (double alpha : {0.01, 0.7, 5.0}) {
        double d_mu, d_alpha;
        NegBinLogPmfGradient(y, mu, alpha, &d_mu, &d_alpha);
        const double n_mu =
            (NegBinLogPmf(y, mu + eps, alpha) - NegBinLogPmf(y, mu - eps, alpha)) / (2 * eps);
        const double n_alpha =
            (NegBinLogPmf(y, mu, alpha + eps) - NegBinLogPmf(y, mu, alpha - eps)) / (2 * eps);
        EXPECT_NEAR(d_mu, n_mu, 1e-5 * (1 + std::fabs(n_mu))) << y << " " << mu << " " << alpha;
        EXPECT_NEAR(d_alpha, n_alpha, 1e-5 * (1 + std::fabs(n_alpha)))
            << y << " " << mu << " " << alpha;
      }
    }
  }
}

TEST(NegBin, QuantilesInvertTheCdf) {
  for (double mu : {0.1, 1.5, 30.0}) {
    for (double alpha : {0.05, 1.0}) {
      for (double p : {0.025, 0.1, 0.5, 0.9, 0.975}) {
        const double q = NegBinQuantile(p, mu, alpha);
        double cdf = 0.0;
        for (int k = 0; k <= q; ++k) cdf += std::exp(NegBinLogPmf(k, mu, alpha));
        const double below = cdf - std::exp(NegBinLogPmf(q, mu, alpha));
        EXPECT_GE(cdf, p - 1e-12) << mu << " " << alpha << " " << p;
        EXPECT_LT(below, p) << mu << " " << alpha << " " << p;
      }
    }
  }
  // Mostly zeros: the 80 % interval of a slow mover starts at 0.
  EXPECT_EQ(NegBinQuantile(0.1, 0.3, 0.5), 0.0);
  EXPECT_EQ(NegBinQuantile(0.5, 0.0, 0.5), 0.0);
}

TEST(NegBin, IncompleteBetaAndCdf) {
  EXPECT_NEAR(RegularizedIncompleteBeta(2, 3, 0.5), 11.0 / 16, 1e-14);  // binomial sum
  EXPECT_NEAR(RegularizedIncompleteBeta(1, 1, 0.3), 0.3, 1e-14);
  EXPECT_NEAR(RegularizedIncompleteBeta(2.5, 7.25, 0.2) + RegularizedIncompleteBeta(7.25, 2.5, 0.8),
              1.0, 1e-13);
  // The CDF against summed probabilities.
  for (double mu : {0.4, 12.0, 300.0}) {
    for (double alpha : {0.02, 1.5}) {
      double cdf = 0.0;
      for (int k = 0; k <= 400; ++k) {
        cdf += std::exp(NegBinLogPmf(k, mu, alpha));
        if (k % 37 == 0) {
          EXPECT_NEAR(NegBinCdf(k, mu, alpha), cdf, 1e-10) << mu << " " << alpha << " " << k;
        }
      }
    }
  }
}

// Large counts are searched by bisection on the CDF: right for a shop selling
// thousands a day, and quick for a heavy-tailed one (summing would take 10^5 terms
// per quantile).
TEST(NegBin, QuantilesOfLargeCounts) {
  const double cases[][2] = {{5e5, 0.01}, {5e4, 0.2}, {3000.0, 0.05}, {2e7, 1e-5}};
  for (const auto& c : cases) {
    const double mu = c[0], alpha = c[1];
    for (double p : {0.025, 0.1, 0.5, 0.9, 0.975}) {
      const double q = NegBinQuantile(p, mu, alpha);
      EXPECT_EQ(q, std::floor(q));
      EXPECT_GE(NegBinCdf(q, mu, alpha), p) << mu << " " << alpha << " " << p;
      EXPECT_LT(NegBinCdf(q - 1, mu, alpha), p) << mu << " " << alpha << " " << p;
    }
  }
  // Nearly normal, with skewness γ = (1 + 2αμ)/sd = 0.2: the Cornish-Fisher
  // quantile μ + sd·(z + (z² − 1)·γ/6) (a plain normal one is 0.09 sd too low).
  const double mu = 5e5, alpha = 0.01, sd = std::sqrt(mu + alpha * mu * mu);
  const double z = 1.959964, skew = (1 + 2 * alpha * mu) / sd;
  EXPECT_NEAR(NegBinQuantile(0.975, mu, alpha), mu + sd * (z + (z * z - 1) * skew / 6), 0.01 * sd);
}

TEST(Poisson, CdfAndQuantilesMatchSummedProbabilities) {
  for (double mu : {0.3, 7.5, 180.0}) {
    const CountDistribution d = CountDistribution::Poisson(mu);
    EXPECT_TRUE(d.poisson());
    EXPECT_EQ(d.variance(), mu);
    double cdf = 0.0;
    for (int k = 0; k <= 400; ++k) {
      cdf += std::exp(d.LogPmf(k));
      if (k % 13 == 0) {
        EXPECT_NEAR(d.Cdf(k), cdf, 1e-10) << mu << " " << k;
      }
    }
    for (double p : {0.025, 0.1, 0.5, 0.9, 0.975}) {
      const double q = d.Quantile(p);
      EXPECT_GE(d.Cdf(q), p - 1e-12) << mu << " " << p;
      EXPECT_LT(d.Cdf(q - 1), p) << mu << " " << p;
    }
  }
  // Large means go through bisection on the incomplete gamma function.
  const CountDistribution big = CountDistribution::Poisson(4e6);
  for (double p : {0.05, 0.5, 0.95}) {
    const double q = big.Quantile(p);
    EXPECT_GE(big.Cdf(q), p);
    EXPECT_LT(big.Cdf(q - 1), p);
    EXPECT_NEAR(q, 4e6 + NormalQuantile(p) * 2000.0, 5.0);
  }
}

TEST(CountDistribution, MomentsChooseTheFamily) {
  const CountDistribution nb = CountDistribution::FromMoments(4.0, 12.0);
  EXPECT_FALSE(nb.poisson());
  EXPECT_DOUBLE_EQ(nb.size(), 2.0);  // 16 / (12 - 4)
  EXPECT_DOUBLE_EQ(nb.variance(), 12.0);
  EXPECT_TRUE(CountDistribution::FromMoments(4.0, 4.0).poisson());
  EXPECT_TRUE(CountDistribution::FromMoments(4.0, 1.0).poisson());  // under-dispersed
  const CountDistribution zero = CountDistribution::FromMoments(-1.0, 3.0);
  EXPECT_EQ(zero.mean(), 0.0);
  EXPECT_EQ(zero.Quantile(0.99), 0.0);
  EXPECT_EQ(zero.TruncatedPmf(), std::vector<double>{1.0});
  EXPECT_EQ(zero.Cdf(0), 1.0);
}

TEST(CountDistribution, TablesAgreeWithTheProbabilities) {
  for (const CountDistribution& d :
       {CountDistribution::Poisson(6.0), CountDistribution::NegBin(6.0, 1.5),
        CountDistribution::Poisson(2000.0)}) {
    const std::vector<double> table = d.PmfTable(3000);
    for (int k : {0, 3, 17, 1990, 2500}) {
      EXPECT_NEAR(table[k], std::exp(d.LogPmf(k)), 1e-12 * (1 + table[k] * 1e3)) << k;
    }
    const std::vector<double> cut = d.TruncatedPmf();
    double total = 0.0, mean = 0.0, second = 0.0;
    for (std::size_t k = 0; k < cut.size(); ++k) {
      total += cut[k];
      mean += k * cut[k];
      second += double(k) * k * cut[k];
    }
    EXPECT_NEAR(total, 1.0, 1e-12);
    EXPECT_NEAR(mean, d.mean(), 1e-8 * d.mean());
    EXPECT_NEAR(second - mean * mean, d.variance(), 1e-6 * d.variance());
    // The tail beyond the table is below the cut.
    EXPECT_LT(1.0 - d.Cdf(static_cast<double>(cut.size()) - 1), 1e-11);
  }
}

TEST(ExpectedSales, MatchesTheDirectSum) {
  const CountDistribution d = CountDistribution::NegBin(5.0, 2.0);
  const std::vector<double> pmf = d.PmfTable(400);
  const ExpectedSales sales(pmf, d.mean());
  for (int y : {0, 1, 4, 9, 30}) {
    double direct = 0.0;
    for (int k = 0; k <= 400; ++k) direct += std::min(k, y) * pmf[k];
    EXPECT_NEAR(sales(y), direct, 1e-9) << y;
  }
  EXPECT_NEAR(sales(4.5), 0.5 * (sales(4) + sales(5)), 1e-12);  // linear in between
  EXPECT_NEAR(sales(1e9), 5.0, 1e-6);                           // never above the mean
  EXPECT_EQ(sales(-1.0), 0.0);
}

}  // namespace
}  // namespace invplan
