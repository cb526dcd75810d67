// The three stages that read a forecast (detect's inventory baseline, train-rl's
// demand, optimize's plan) see the same demand for the same forecast period:
// the same mean, variance and quantiles, whatever the artifact records. The
// schema-1 points are chosen so that any other spread rule shows: the 80% and
// 95% intervals imply different spreads, the levels are not in increasing order
// and one lower bound is clipped at zero.
#include <gtest/gtest.h>

#include <cmath>

#include "common/forecast_distribution.h"
#include "common/normal.h"
#include "detect/inventory_features.h"
#include "optimize/demand.h"
#include "rl/demand_source.h"

namespace invplan {
namespace {

ForecastPoint Bounds(double mean, std::vector<double> lo, std::vector<double> hi) {
  ForecastPoint p;
  p.mean = mean;
  p.lo = std::move(lo);
  p.hi = std::move(hi);
  return p;
}

ForecastSet Artifact() {
  ForecastSet set;
  set.levels = {95, 80};  // widest first: "the last level" would be the 80% one
  SeriesForecast s;
  s.sku = "SKU-001";
  // sd 4 from the 95% interval, 6 from the 80% one.
  const double z95 = NormalQuantile(0.975), z80 = NormalQuantile(0.9);
  s.points.push_back(Bounds(10, {10 - 4 * z95, 10 - 6 * z80}, {10 + 4 * z95, 10 + 6 * z80}));
  // Clipped at zero: the upper half-width gives sd 3.
  s.points.push_back(Bounds(2, {0, 0}, {2 + 3 * z95, 2 + 1 * z80}));
  // A zero-width interval of a slow mover: Poisson.
  s.points.push_back(Bounds(0.4, {0, 0}, {0, 0}));
  // Recorded distributions (schema 2).
  ForecastPoint nb = Bounds(9, {}, {});
  nb.distribution.family = DistributionFamily::kNegBin;
  nb.distribution.mu = 9;
  nb.distribution.size = 3;
  s.points.push_back(nb);
  ForecastPoint lognormal = Bounds(20, {}, {});
  lognormal.distribution.family = DistributionFamily::kNormal;
  lognormal.distribution.mu = 3.0;
  lognormal.distribution.sigma = 0.4;
  lognormal.distribution.transform = "log";
  s.points.push_back(lognormal);
  for (std::size_t t = 0; t < s.points.size(); ++t) s.points[t].period = 100 + t;
  set.series.push_back(s);
  return set;
}

TEST(ForecastConsumers, SeeTheSameDemandForEachPeriod) {
  const ForecastSet set = Artifact();
  const SeriesForecast& s = set.series[0];
  const double expected_var[] = {16.0, 9.0, 0.4, 9.0 + 81.0 / 3.0};
  for (std::size_t t = 0; t < s.points.size(); ++t) {
    SCOPED_TRACE("period " + std::to_string(t));
    const ForecastPoint& p = s.points[t];
    const DemandDistribution common = PointDemand(p, set);
    if (t < 4) {
      EXPECT_NEAR(common.variance(), expected_var[t], 1e-9);
    }

    // detect: the baseline and its scale.
    const detect::ForecastBaseline base = detect::ForecastBaselineOf(p, set);
    EXPECT_DOUBLE_EQ(base.mean, common.mean());
    EXPECT_DOUBLE_EQ(base.sd * base.sd, common.variance());

    // train-rl: the whole-unit table of the period.
    const rl::Demand table = rl::ForecastPeriodDemand(p, set);
    const std::vector<double> pmf = common.TruncatedPmf();
    ASSERT_EQ(table.pmf.size(), pmf.size());
    double mean = 0.0, second = 0.0;
    for (std::size_t k = 0; k < pmf.size(); ++k) {
      EXPECT_DOUBLE_EQ(table.pmf[k], pmf[k]) << k;
      mean += k * pmf[k];
      second += double(k) * k * pmf[k];
    }
    if (common.count()) {  // whole units already: the table has the same moments
      EXPECT_NEAR(table.Mean(), common.mean(), 1e-9 * (1 + common.mean()));
      EXPECT_NEAR(table.Variance(), common.variance(), 1e-7 * (1 + common.variance()));
    } else {  // rounded to whole units
      EXPECT_NEAR(table.Mean(), common.mean(), 0.01 * common.mean());
      EXPECT_NEAR(table.Variance(), common.variance() + 1.0 / 12, 0.02 * common.variance());
    }

    // optimize: the demand of one period from this point.
    SeriesForecast one = s;
    one.points = {p};
    const optimize::PlanDemand plan = optimize::DemandOver({&one}, set, 1.0);
    EXPECT_DOUBLE_EQ(plan.demand.mean(), common.mean());
    EXPECT_DOUBLE_EQ(plan.demand.variance(), common.variance());

    for (double q : {0.05, 0.25, 0.5, 0.9, 0.99}) {
      EXPECT_EQ(plan.demand.Quantile(q), common.Quantile(q)) << q;
      // The table's quantile is the whole-unit one of the same distribution.
      if (common.count()) {
        EXPECT_EQ(table.Quantile(q), common.Quantile(q)) << q;
      }
    }
  }
}

// Over lead time + review, optimize sums the same periods the reader sums.
TEST(ForecastConsumers, OptimizeSumsIndependentPeriods) {
  const ForecastSet set = Artifact();
  const optimize::PlanDemand plan = optimize::DemandOver({&set.series[0]}, set, 2.5);
  EXPECT_NEAR(plan.demand.mean(), 10 + 2 + 0.5 * 0.4, 1e-12);
  EXPECT_NEAR(plan.demand.variance(), 16 + 9 + 0.5 * 0.4, 1e-9);
  EXPECT_FALSE(plan.extrapolated);
  EXPECT_TRUE(optimize::DemandOver({&set.series[0]}, set, 7).extrapolated);
}

}  // namespace
}  // namespace invplan
