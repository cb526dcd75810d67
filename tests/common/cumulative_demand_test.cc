// Quantiles of a period's demand, the cumulative demand a forecast records
// (AddQuantilesAndTotals), how consumers sum periods with it (AppendPeriods),
// and its artifact form (schema 3).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "common/forecast_distribution.h"
#include "common/normal.h"
#include "invplan/error.h"
#include "test_util.h"

namespace invplan {
namespace {

using testing::TempDir;

TEST(Quantiles, NormalMatchesTheClosedForm) {
  const DemandDistribution d = DemandDistribution::Normal(10.0, 2.0);
  for (double p : {0.5, 0.9, 0.95, 0.99}) {
    EXPECT_NEAR(d.Quantile(p), 10.0 + 2.0 * NormalQuantile(p), 1e-9) << p;
  }
  // Censored at 0: the quantiles below the mass at zero are 0.
  EXPECT_EQ(DemandDistribution::Normal(-1.0, 1.0).Quantile(0.5), 0.0);
  const DemandDistribution log = DemandDistribution::Normal(2.0, 0.5, "log");
  EXPECT_NEAR(log.Quantile(0.9), std::exp(2.0 + 0.5 * NormalQuantile(0.9)), 1e-9);
}

TEST(Quantiles, CountsMatchTheSummedProbabilities) {
  // Poisson(3.5) and NegBin(mean 6, size 2) from their probabilities in closed form.
  const double mu = 3.5;
  double p = std::exp(-mu), cdf = p;
  std::vector<double> poisson_cdf{cdf};
  for (int k = 1; k < 40; ++k) poisson_cdf.push_back(cdf += (p *= mu / k));
  const double m = 6.0, r = 2.0, q = m / (m + r);
  p = std::pow(r / (m + r), r);
  cdf = p;
  std::vector<double> nb_cdf{cdf};
  for (int k = 1; k < 200; ++k) nb_cdf.push_back(cdf += (p *= (k - 1 + r) / k * q));
  auto first_at = [](const std::vector<double>& c, double level) {
    return static_cast<double>(
        std::find_if(c.begin(), c.end(), [&](double v) { return v >= level; }) - c.begin());
  };
  const DemandDistribution poisson = DemandDistribution::Count(CountDistribution::Poisson(mu));
  const DemandDistribution nb = DemandDistribution::Count(CountDistribution::NegBin(m, r));
  for (double level : {0.5, 0.9, 0.95, 0.99}) {
    EXPECT_EQ(poisson.Quantile(level), first_at(poisson_cdf, level)) << level;
    EXPECT_EQ(nb.Quantile(level), first_at(nb_cdf, level)) << level;
  }
}

TEST(Quantiles, BoxCoxWithScaleAndShiftMatchesSimulation) {
  const DemandDistribution d = DemandDistribution::Normal(2.2, 0.35, "boxcox:0.3", 4.0, 1.0);
  std::mt19937_64 rng(3);
  std::normal_distribution<double> z;
  std::vector<double> draws;
  for (int i = 0; i < 200000; ++i) {
    const double w = 2.2 + 0.35 * z(rng);
    draws.push_back(std::max(0.0, 4.0 * (std::pow(0.3 * w + 1.0, 1.0 / 0.3) - 1.0)));
  }
  std::sort(draws.begin(), draws.end());
  for (double level : {0.5, 0.9, 0.95, 0.99}) {
    const double empirical = draws[static_cast<std::size_t>(level * draws.size())];
    EXPECT_NEAR(d.Quantile(level), empirical, 0.01 * empirical) << level;
  }
}

// A series of negative-binomial points (mean 5 + t, size 4).
SeriesForecast CountSeries(int h) {
  SeriesForecast s;
  s.sku = "A";
  for (int t = 0; t < h; ++t) {
    ForecastPoint p;
    p.period = 100 + t;
    p.mean = 5.0 + t;
    p.distribution.family = DistributionFamily::kNegBin;
    p.distribution.mu = p.mean;
    p.distribution.size = 4.0;
    s.points.push_back(p);
  }
  return s;
}

TEST(Cumulative, RunningMeansWidenedVariancesAndMonotoneQuantiles) {
  ForecastSet set;
  set.quantiles = {0.5, 0.9, 0.95, 0.99};
  SeriesForecast s = CountSeries(4);
  AddQuantilesAndTotals(set, {1.0, 1.5, 2.0, 2.5}, &s);
  ASSERT_EQ(s.cumulative.size(), 4u);
  double mean = 0.0, var = 0.0;
  for (int h = 0; h < 4; ++h) {
    const double m = 5.0 + h;
    mean += m;
    var += m + m * m / 4.0;
    EXPECT_DOUBLE_EQ(s.cumulative[h].mean, mean);
    EXPECT_NEAR(s.cumulative[h].variance, var * (1.0 + 0.5 * h), 1e-9);
    EXPECT_TRUE(s.cumulative[h].counts);
    ASSERT_EQ(s.points[h].quantiles.size(), 4u);
    ASSERT_EQ(s.cumulative[h].quantiles.size(), 4u);
    EXPECT_TRUE(std::is_sorted(s.points[h].quantiles.begin(), s.points[h].quantiles.end()));
    EXPECT_TRUE(std::is_sorted(s.cumulative[h].quantiles.begin(), s.cumulative[h].quantiles.end()));
    const DemandDistribution total = TotalDemand(mean, s.cumulative[h].variance, true);
    if (h > 0) {
      EXPECT_EQ(s.cumulative[h].quantiles[2], total.Quantile(0.95));
    }
  }
  // One period is its own total.
  EXPECT_EQ(s.cumulative[0].quantiles, s.points[0].quantiles);
  EXPECT_EQ(s.points[0].quantiles[1], CountDistribution::NegBin(5.0, 4.0).Quantile(0.9));
}

TEST(Cumulative, ConsumersTakeTheRecordedTotal) {
  ForecastSet set;
  SeriesForecast s = CountSeries(4);
  const SeriesForecast old = s;  // no cumulative demand: a schema-2 artifact
  AddQuantilesAndTotals(set, {1.0, 2.0, 3.0, 4.0}, &s);
  auto sum = [&](const SeriesForecast& series, double periods, bool* extrapolated = nullptr) {
    std::vector<WeightedDemand> parts;
    const bool e = AppendPeriods(series, set, periods, &parts);
    if (extrapolated) *extrapolated = e;
    return SumDemand(parts);
  };
  // Three whole periods: the recorded total, three times the independent variance.
  const DemandDistribution three = sum(s, 3.0), independent = sum(old, 3.0);
  EXPECT_DOUBLE_EQ(three.mean(), independent.mean());
  EXPECT_NEAR(three.variance(), 3.0 * independent.variance(), 1e-9 * three.variance());
  EXPECT_NEAR(three.variance(), s.cumulative[2].variance, 1e-9 * three.variance());
  // A fractional last period interpolates between the whole periods around it.
  const DemandDistribution part = sum(s, 2.5);
  EXPECT_NEAR(part.mean(), 0.5 * (s.cumulative[1].mean + s.cumulative[2].mean), 1e-9);
  EXPECT_NEAR(part.variance(), 0.5 * (s.cumulative[1].variance + s.cumulative[2].variance),
              1e-6 * part.variance());
  // One period is the point itself.
  EXPECT_EQ(sum(s, 1.0).variance(), sum(old, 1.0).variance());
  // Past the horizon: the last period repeats, independent of the total.
  bool extrapolated = false;
  const DemandDistribution six = sum(s, 6.0, &extrapolated);
  EXPECT_TRUE(extrapolated);
  EXPECT_NEAR(six.mean(), s.cumulative[3].mean + 2 * 8.0, 1e-9);
  EXPECT_NEAR(six.variance(), s.cumulative[3].variance + 2 * (8.0 + 16.0), 1e-6 * six.variance());
}

TEST(Cumulative, ArtifactRoundTripAndNewerSchemaIsRejected) {
  ForecastSet set;
  set.quantiles = {0.5, 0.995};
  set.levels = {80};
  SeriesForecast s = CountSeries(3);
  for (auto& p : s.points) p.lo = p.hi = {p.mean};
  AddQuantilesAndTotals(set, {1.0, 1.25, 1.5}, &s);
  s.cumulative[2].counts = false;
  RunInfo run;
  Json doc = MakeEnvelope(kForecastFormat, kForecastSchema, run);
  doc["frequency"] = "D";
  doc["horizon"] = 3;
  doc["levels"] = set.levels;
  doc["quantiles"] = set.quantiles;
  doc["series"] = Json::array({SeriesForecastToJson(s, Frequency::kDay, {80}, set.quantiles)});
  const Json& js = doc["series"][0];
  EXPECT_TRUE(js["forecast"][0]["q0.995"].is_number());
  EXPECT_EQ(js["cumulative"][2]["periods"], 3);
  EXPECT_EQ(js["cumulative"][2]["sum"], "lognormal");
  TempDir dir;
  const ForecastSet back = ReadForecastArtifact(dir.Write("f.json", doc.dump()));
  EXPECT_EQ(back.quantiles, set.quantiles);
  ASSERT_EQ(back.series.at(0).cumulative.size(), 3u);
  for (int h = 0; h < 3; ++h) {
    EXPECT_EQ(back.series[0].points[h].quantiles, s.points[h].quantiles);
    EXPECT_EQ(back.series[0].cumulative[h].variance, s.cumulative[h].variance);
    EXPECT_EQ(back.series[0].cumulative[h].quantiles, s.cumulative[h].quantiles);
  }
  EXPECT_FALSE(back.series[0].cumulative[2].counts);
  doc["series"][0]["cumulative"][1]["variance"] = -1.0;
  try {
    ReadForecastArtifact(dir.Write("bad.json", doc.dump()));
    FAIL() << "expected an ArtifactError";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
    EXPECT_NE(std::string(e.what()).find("cumulative"), std::string::npos) << e.what();
  }
  doc["series"][0]["cumulative"][1]["variance"] = 1.0;
  doc["schema_version"] = kForecastSchema + 1;
  try {
    ReadForecastArtifact(dir.Write("new.json", doc.dump()));
    FAIL() << "expected an ArtifactError";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
    EXPECT_NE(std::string(e.what()).find("schema"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace invplan
