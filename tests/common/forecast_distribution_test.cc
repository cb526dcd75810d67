// The forecast distribution reader: the schema-1 rule for spreads from interval
// bounds, each recorded family (normal on a transformed scale, counts, quantile
// tables) with demand censored at zero, whole-unit tables and sums of periods.
#include "common/forecast_distribution.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "common/normal.h"
#include "invplan/error.h"

namespace invplan {
namespace {

ForecastSet Levels(std::vector<double> levels) {
  ForecastSet set;
  set.levels = std::move(levels);
  return set;
}

// A schema-1 point whose interval at each level is mean ± z·sd, clipped at 0.
ForecastPoint Schema1(const ForecastSet& set, double mean, double sd) {
  ForecastPoint p;
  p.mean = mean;
  for (double level : set.levels) {
    const double z = NormalQuantile(0.5 + level / 200.0);
    p.lo.push_back(std::max(0.0, mean - z * sd));
    p.hi.push_back(mean + z * sd);
  }
  return p;
}

double Sum(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

TEST(PointDemand, Schema1SpreadComesFromTheWidestLevel) {
  const ForecastSet set = Levels({95, 80});
  ForecastPoint p = Schema1(set, 20.0, 6.0);
  p.lo[1] = p.hi[1] = 20.0;  // a useless 80% interval: only the widest counts
  const DemandDistribution d = PointDemand(p, set);
  ASSERT_NE(d.count(), nullptr);
  EXPECT_FALSE(d.count()->poisson());
  EXPECT_DOUBLE_EQ(d.mean(), 20.0);
  EXPECT_NEAR(d.variance(), 36.0, 1e-9);
  const CountDistribution nb = CountDistribution::FromMoments(20.0, 36.0);
  for (double q : {0.05, 0.5, 0.95}) EXPECT_EQ(d.Quantile(q), nb.Quantile(q));
}

TEST(PointDemand, Schema1ClippedBoundsUseTheUpperHalfWidth) {
  const ForecastSet set = Levels({80, 95});
  const DemandDistribution d = PointDemand(Schema1(set, 2.0, 3.0), set);
  EXPECT_NEAR(d.variance(), 9.0, 1e-9);  // lo95 was clipped at 0
}

TEST(PointDemand, Schema1PoissonFloor) {
  const ForecastSet set = Levels({80, 95});
  ForecastPoint p = Schema1(set, 0.3, 0.0);  // [0, 0.3]-ish intervals of a slow mover
  EXPECT_TRUE(PointDemand(p, set).count()->poisson());
  EXPECT_DOUBLE_EQ(PointDemand(p, set).variance(), 0.3);
  p.lo.clear();
  p.hi.clear();
  EXPECT_DOUBLE_EQ(PointDemand(p, Levels({})).variance(), 0.3);
  p.mean = -1.0;
  EXPECT_EQ(PointDemand(p, set).mean(), 0.0);
}

TEST(PointDemand, RecordedCountsAreUsedAsTheyAre) {
  ForecastPoint p;
  p.mean = 99.0;  // the recorded distribution wins over the point's fields
  p.distribution.family = DistributionFamily::kNegBin;
  p.distribution.mu = 4.0;
  p.distribution.size = 2.0;
  const DemandDistribution nb = PointDemand(p, Levels({80}));
  EXPECT_DOUBLE_EQ(nb.mean(), 4.0);
  EXPECT_DOUBLE_EQ(nb.variance(), 12.0);
  p.distribution.family = DistributionFamily::kPoisson;
  EXPECT_DOUBLE_EQ(PointDemand(p, Levels({80})).variance(), 4.0);
}

// A normal on the data's scale keeps the model's mean: an erratic SKU's
// N(20, 300²) is demand with mean 20 and sd 300, not the censored normal's ~130.
TEST(PointDemand, UntransformedNormalKeepsTheModelsMeanAndSpread) {
  ForecastPoint p;
  p.mean = 20.0;
  p.distribution.family = DistributionFamily::kNormal;
  p.distribution.mu = 20.0;
  p.distribution.sigma = 300.0;
  const DemandDistribution d = PointDemand(p, Levels({80, 95}));
  EXPECT_NEAR(d.mean(), 20.0, 1e-9);
  EXPECT_NEAR(d.variance(), 90000.0, 1e-6);
  ASSERT_NE(d.count(), nullptr);  // a count distribution: negative binomial
  // The same point written as schema 1 (bounds only) reads the same.
  ForecastPoint old;
  old.mean = 20.0;
  const ForecastSet set = Levels({80, 95});
  for (double level : set.levels) {
    const double z = NormalQuantile(0.5 + level / 200.0);
    old.lo.push_back(std::max(0.0, 20.0 - z * 300.0));
    old.hi.push_back(20.0 + z * 300.0);
  }
  EXPECT_NEAR(PointDemand(old, set).variance(), d.variance(), 1e-6 * d.variance());
}

TEST(DemandDistribution, NormalIsCensoredAtZero) {
  // Far from zero: the plain normal.
  const DemandDistribution far = DemandDistribution::Normal(100.0, 10.0);
  EXPECT_NEAR(far.mean(), 100.0, 1e-9);
  EXPECT_NEAR(far.variance(), 100.0, 1e-6);
  EXPECT_NEAR(far.Quantile(0.975), 100.0 + 10.0 * 1.959964, 1e-5);
  // Centred on zero: half the mass sits at 0; E[max(0, X)] = σ/√(2π).
  const DemandDistribution zero = DemandDistribution::Normal(0.0, 2.0);
  EXPECT_NEAR(zero.mean(), 2.0 / std::sqrt(2 * M_PI), 1e-12);
  EXPECT_NEAR(zero.variance(), 4.0 / 2 - 4.0 / (2 * M_PI), 1e-12);
  EXPECT_EQ(zero.Quantile(0.3), 0.0);
  EXPECT_NEAR(zero.Cdf(0.0), 0.5, 1e-12);
  EXPECT_EQ(zero.Cdf(-0.1), 0.0);
  // σ = 0: a point mass.
  const DemandDistribution point = DemandDistribution::Normal(7.0, 0.0);
  EXPECT_EQ(point.variance(), 0.0);
  EXPECT_EQ(point.Cdf(6.9), 0.0);
  EXPECT_EQ(point.Cdf(7.0), 1.0);
}

TEST(DemandDistribution, TransformsBackTransformQuantilesExactly) {
  const double mu = 2.0, sigma = 0.5, z = NormalQuantile(0.9);
  const DemandDistribution log = DemandDistribution::Normal(mu, sigma, "log");
  EXPECT_NEAR(log.Quantile(0.9), std::exp(mu + sigma * z), 1e-9);
  EXPECT_NEAR(log.mean(), std::exp(mu + sigma * sigma / 2), 1e-12);
  EXPECT_NEAR(log.Cdf(log.Quantile(0.3)), 0.3, 1e-12);
  // Box-Cox with λ = 0 is the log, through the numerical integration.
  const DemandDistribution bc0 = DemandDistribution::Normal(mu, sigma, "boxcox:0");
  EXPECT_NEAR(bc0.mean(), log.mean(), 1e-9 * log.mean());
  EXPECT_NEAR(bc0.variance(), log.variance(), 1e-8 * log.variance());
  // log1p: X = exp(Y) − 1, censored at 0 below Y = 0 (negligible here).
  const DemandDistribution l1p = DemandDistribution::Normal(4.0, 0.3, "log1p");
  EXPECT_NEAR(l1p.mean(), std::exp(4.0 + 0.045) - 1.0, 1e-6);
  EXPECT_NEAR(l1p.Quantile(0.9), std::expm1(4.0 + 0.3 * z), 1e-9);
  // Box-Cox λ = 0.5: Y = 2(√X − 1), X = (1 + Y/2)².
  const DemandDistribution bc = DemandDistribution::Normal(8.0, 1.0, "boxcox:0.5");
  EXPECT_NEAR(bc.Quantile(0.9), std::pow(1.0 + (8.0 + z) / 2, 2.0), 1e-9);
  EXPECT_NEAR(bc.mean(), 25.0 + 0.25, 1e-6);  // E[(5 + Z/2)²]
  EXPECT_NEAR(bc.Cdf(bc.Quantile(0.7)), 0.7, 1e-12);
  EXPECT_THROW(DemandDistribution::Normal(1.0, 1.0, "sqrt"), Error);
  EXPECT_THROW(DemandDistribution::Normal(1.0, 1.0, "boxcox:x"), Error);
}

// The recurrent network's head models log1p(y / scale); Box-Cox of a series
// with zeros is of y + 1 (shift 1). Quantiles map back through both.
TEST(DemandDistribution, ScaleAndShiftMapBackToUnits) {
  const double z = NormalQuantile(0.9);
  const DemandDistribution rnn = DemandDistribution::Normal(1.5, 0.4, "log1p", 20.0);
  EXPECT_NEAR(rnn.Quantile(0.9), 20.0 * std::expm1(1.5 + 0.4 * z), 1e-9);
  EXPECT_NEAR(rnn.Cdf(rnn.Quantile(0.25)), 0.25, 1e-12);
  const DemandDistribution unscaled = DemandDistribution::Normal(1.5, 0.4, "log1p");
  EXPECT_NEAR(rnn.mean(), 20.0 * unscaled.mean(), 1e-6 * rnn.mean());
  const DemandDistribution shifted = DemandDistribution::Normal(2.0, 0.2, "log", 1.0, 1.0);
  EXPECT_NEAR(shifted.Quantile(0.9), std::exp(2.0 + 0.2 * z) - 1.0, 1e-9);
  EXPECT_NEAR(shifted.mean(), std::exp(2.0 + 0.02) - 1.0, 1e-6);
  // Without a transform, a linear map: 3·(N(10, 1) − 2) is N(24, 3²).
  const DemandDistribution linear = DemandDistribution::Normal(10.0, 1.0, "", 3.0, 2.0);
  EXPECT_NEAR(linear.mean(), 24.0, 1e-9);
  EXPECT_NEAR(linear.Quantile(0.9), 24.0 + 3.0 * z, 1e-9);
  EXPECT_THROW(DemandDistribution::Normal(1.0, 1.0, "log", 0.0), Error);
}

TEST(DemandDistribution, QuantileTablesInterpolateInTheNormalScore) {
  std::vector<std::pair<double, double>> q;
  for (double p : {0.05, 0.25, 0.5, 0.75, 0.95}) q.emplace_back(p, 50.0 + 10.0 * NormalQuantile(p));
  const DemandDistribution d = DemandDistribution::Quantiles(q);
  EXPECT_NEAR(d.mean(), 50.0, 1e-6);
  EXPECT_NEAR(d.variance(), 100.0, 1e-4);
  EXPECT_NEAR(d.Quantile(0.99), 50.0 + 10.0 * NormalQuantile(0.99), 1e-9);  // extended
  EXPECT_NEAR(d.Cdf(55.0), 0.5 * std::erfc(-0.5 / std::sqrt(2.0)), 1e-12);
}

TEST(DemandDistribution, WholeUnitTables) {
  const DemandDistribution d = DemandDistribution::Normal(30.0, 8.0);
  const std::vector<double> pmf = d.TruncatedPmf();
  EXPECT_NEAR(Sum(pmf), 1.0, 1e-12);
  EXPECT_NEAR(pmf[30], d.Cdf(30.5) - d.Cdf(29.5), 1e-15);
  EXPECT_NEAR(pmf[0], d.Cdf(0.5), 1e-15);
  double mean = 0.0;
  for (std::size_t k = 0; k < pmf.size(); ++k) mean += k * pmf[k];
  EXPECT_NEAR(mean, d.mean(), 0.01);  // rounding to whole units
  const DemandDistribution c = DemandDistribution::Count(CountDistribution::Poisson(3.0));
  EXPECT_EQ(c.PmfTable(10), CountDistribution::Poisson(3.0).PmfTable(10));
}

TEST(SumDemand, IndependentPeriodsAddMeansAndVariances) {
  const auto nb = DemandDistribution::Count(CountDistribution::FromMoments(4.0, 10.0));
  const auto po = DemandDistribution::Count(CountDistribution::Poisson(2.0));
  const DemandDistribution counts = SumDemand({{nb, 1.0}, {po, 1.0}, {nb, 0.5}});
  ASSERT_NE(counts.count(), nullptr);
  EXPECT_NEAR(counts.mean(), 8.0, 1e-12);
  EXPECT_NEAR(counts.variance(), 17.0, 1e-9);
  const DemandDistribution mixed = SumDemand({{nb, 1.0}, {DemandDistribution::Normal(50, 5), 1.0}});
  EXPECT_EQ(mixed.count(), nullptr);
  EXPECT_NEAR(mixed.mean(), 54.0, 1e-9);
  EXPECT_NEAR(mixed.variance(), 35.0, 1e-6);
  EXPECT_EQ(SumDemand({}).mean(), 0.0);

  // Periods past the horizon repeat the last one.
  ForecastSet set = Levels({80, 95});
  SeriesForecast s;
  s.points = {Schema1(set, 3.0, 2.0), Schema1(set, 5.0, 3.0)};
  std::vector<WeightedDemand> parts;
  EXPECT_FALSE(AppendPeriods(s, set, 1.5, &parts));
  EXPECT_NEAR(SumDemand(parts).mean(), 3.0 + 2.5, 1e-12);
  EXPECT_NEAR(SumDemand(parts).variance(), 4.0 + 4.5, 1e-9);
  parts.clear();
  EXPECT_TRUE(AppendPeriods(s, set, 3.0, &parts));
  EXPECT_NEAR(SumDemand(parts).mean(), 13.0, 1e-12);
}

}  // namespace
}  // namespace invplan
