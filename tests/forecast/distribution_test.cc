// The predictive distribution of every forecast point: per model family, its
// quantiles at the interval levels give the written bounds (before the clip at
// 0); schema-2 artifacts round-trip it exactly and schema-1 artifacts still read.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "common/normal.h"
#include "forecast/negbin.h"
#include "invplan/error.h"
#include "invplan/forecast.h"
#include "invplan/forecast_artifact.h"
#include "test_util.h"

namespace invplan {
namespace {

using ::invplan::testing::TempDir;

// Quantile p of a point's distribution, from the family's definition in
// invplan/forecast_artifact.h.
double Quantile(const PointDistribution& d, double p) {
  if (d.family == DistributionFamily::kNegBin) {
    return forecast::NegBinQuantile(p, d.mu, 1.0 / d.size);
  }
  EXPECT_EQ(d.family, DistributionFamily::kNormal);
  const double w = d.mu + d.sigma * NormalQuantile(p);
  double x = w;
  if (d.transform == "log") {
    x = std::exp(w);
  } else if (d.transform == "log1p") {
    x = std::expm1(w);
  } else if (d.transform.rfind("boxcox:", 0) == 0) {
    const double lambda = std::stod(d.transform.substr(7));
    const double base = lambda * w + 1.0;
    x = base <= 0 ? (lambda > 0 ? 0.0 : INFINITY) : std::pow(base, 1.0 / lambda);
  } else {
    EXPECT_EQ(d.transform, "");
  }
  return (x - d.shift) * d.scale;
}

// Exactly equal, field by field.
void ExpectSame(const PointDistribution& a, const PointDistribution& b) {
  EXPECT_EQ(a.family, b.family);
  EXPECT_EQ(a.mu, b.mu);
  EXPECT_EQ(a.sigma, b.sigma);
  EXPECT_EQ(a.size, b.size);
  EXPECT_EQ(a.transform, b.transform);
  EXPECT_EQ(a.scale, b.scale);
  EXPECT_EQ(a.shift, b.shift);
  EXPECT_EQ(a.quantiles, b.quantiles);
}

// Every point of every series has a distribution of `family` whose quantiles at
// the levels' tails are the written bounds once clipped at 0.
void ExpectBoundsFromDistribution(const ForecastSet& set, DistributionFamily family) {
  ASSERT_FALSE(set.series.empty());
  for (const SeriesForecast& s : set.series) {
    for (const ForecastPoint& p : s.points) {
      const PointDistribution& d = p.distribution;
      // Fallbacks may use another model (the global network's are baselines).
      if (s.status == "ok") {
        ASSERT_EQ(d.family, family) << s.sku << " " << s.model_name;
      }
      ASSERT_NE(d.family, DistributionFamily::kNone) << s.sku << " " << s.model_name;
      for (std::size_t k = 0; k < set.levels.size(); ++k) {
        const double tail = (1.0 - set.levels[k] / 100.0) / 2.0;
        const double lo = std::max(0.0, Quantile(d, tail));
        const double hi = std::max(0.0, Quantile(d, 1.0 - tail));
        EXPECT_NEAR(lo, p.lo[k], 1e-9 * (1 + std::abs(p.lo[k]))) << s.sku << " " << s.model_name;
        EXPECT_NEAR(hi, p.hi[k], 1e-9 * (1 + std::abs(p.hi[k]))) << s.sku << " " << s.model_name;
      }
    }
  }
}

// Four daily SKUs over 16 weeks: two smooth with a weekly cycle, one
// intermittent, one with zeros at the start.
std::string SalesCsv() {
  std::string csv = "date,sku,quantity\n";
  for (int t = 0; t < 112; ++t) {
    char date[32];
    const int month = t < 31 ? 1 : t < 60 ? 2 : t < 91 ? 3 : 4;
    const int day = t - (month == 1 ? 0 : month == 2 ? 31 : month == 3 ? 60 : 91) + 1;
    std::snprintf(date, sizeof date, "2024-%02d-%02d", month, day);
    const double week = 1.0 + 0.4 * std::sin(2 * M_PI * t / 7);
    csv += std::string(date) + ",A," + std::to_string(std::round(20 * week + t % 5)) + "\n";
    csv += std::string(date) + ",B," + std::to_string(std::round(50 * week + (t * 7) % 11)) + "\n";
    csv += std::string(date) + ",C," + std::to_string(t % 6 == 0 ? 3 + t % 4 : 0) + "\n";
    csv += std::string(date) + ",D," + std::to_string(t < 20 ? 0 : 5 + (t * 3) % 7) + "\n";
  }
  return csv;
}

class Distribution : public ::testing::Test {
 protected:
  ForecastSet Run(const std::string& model, const std::string& transform = "none") {
    ForecastOptions o;
    o.ingest.input = dir_.Write("sales.csv", SalesCsv());
    o.ingest.frequency = "D";
    o.model = model;
    o.transform = transform;
    o.horizon = 7;
    o.output = dir_.File("forecast.json");
    o.rnn.hidden = 8;
    o.rnn.lookback = 14;
    o.rnn.epochs = 2;
    o.rnn.batches_per_epoch = 3;
    o.rnn.batch = 8;
    o.rnn.likelihood = likelihood_;
    RunContext run;
    ForecastSet set = RunForecast(o, run);
    // What was written reads back exactly as it was returned.
    ForecastSet back = ReadForecastArtifact(o.output);
    EXPECT_EQ(back.series.size(), set.series.size());
    for (std::size_t i = 0; i < set.series.size() && i < back.series.size(); ++i) {
      for (std::size_t j = 0; j < set.series[i].points.size(); ++j) {
        ExpectSame(set.series[i].points[j].distribution, back.series[i].points[j].distribution);
      }
    }
    return set;
  }

  TempDir dir_;
  std::string likelihood_ = "auto";
};

TEST_F(Distribution, ArimaIsANormal) {
  ForecastSet set = Run("arima");
  ExpectBoundsFromDistribution(set, DistributionFamily::kNormal);
  EXPECT_EQ(set.series[0].points[0].distribution.transform, "");
}

TEST_F(Distribution, ArimaWithLogIsANormalOnTheLogScale) {
  ForecastSet set = Run("arima", "log");
  ExpectBoundsFromDistribution(set, DistributionFamily::kNormal);
  EXPECT_EQ(set.series[0].points[0].distribution.transform, "log");  // A has no zeros
}

TEST_F(Distribution, BaselinesWithBoxCoxAreNormalsOnTheTransformedScale) {
  ForecastSet set = Run("snaive", "boxcox:0.5");
  ExpectBoundsFromDistribution(set, DistributionFamily::kNormal);
  EXPECT_EQ(set.series[0].points[0].distribution.transform, "boxcox:0.5");
  EXPECT_EQ(set.series[3].points[0].distribution.shift, 1.0);  // D has zeros
  set = Run("naive", "log");
  ExpectBoundsFromDistribution(set, DistributionFamily::kNormal);
  EXPECT_EQ(set.series[3].points[0].distribution.transform, "log1p");
  ExpectBoundsFromDistribution(Run("drift"), DistributionFamily::kNormal);
  ExpectBoundsFromDistribution(Run("mean"), DistributionFamily::kNormal);
}

TEST_F(Distribution, CrostonAndTsbAreNormals) {
  ExpectBoundsFromDistribution(Run("croston"), DistributionFamily::kNormal);
  ExpectBoundsFromDistribution(Run("tsb"), DistributionFamily::kNormal);
  ExpectBoundsFromDistribution(Run("auto"), DistributionFamily::kNormal);
}

TEST_F(Distribution, RnnGaussianHeadIsANormalOfLog1pOfTheScaledValue) {
  likelihood_ = "gaussian";
  ForecastSet set = Run("rnn");
  ExpectBoundsFromDistribution(set, DistributionFamily::kNormal);
  const PointDistribution& d = set.series[0].points[0].distribution;
  EXPECT_EQ(d.transform, "log1p");
  EXPECT_GT(d.scale, 1.0);
}

TEST_F(Distribution, RnnCountHeadIsANegativeBinomial) {
  likelihood_ = "negbin";
  ExpectBoundsFromDistribution(Run("rnn"), DistributionFamily::kNegBin);
}

SeriesForecast OnePoint(const PointDistribution& d) {
  SeriesForecast s;
  s.sku = "X";
  s.history_end = PeriodOfDay(19723, Frequency::kDay);
  ForecastPoint p;
  p.period = s.history_end + 1;
  p.mean = 4;
  p.lo = {1};
  p.hi = {7};
  p.distribution = d;
  s.points.push_back(p);
  return s;
}

std::string Artifact(int schema, const std::vector<SeriesForecast>& series) {
  RunInfo run;
  Json doc = MakeEnvelope(kForecastFormat, schema, run);
  doc["frequency"] = "D";
  doc["horizon"] = 1;
  doc["levels"] = {80.0};
  doc["series"] = Json::array();
  for (const auto& s : series)
    doc["series"].push_back(SeriesForecastToJson(s, Frequency::kDay, {80}));
  return doc.dump();
}

TEST(DistributionArtifact, EveryFamilyRoundTripsExactly) {
  std::vector<PointDistribution> ds(4);
  ds[0].family = DistributionFamily::kNormal;
  ds[0].mu = 0.1 + 0.2;
  ds[0].sigma = 1.0 / 3.0;
  ds[0].transform = "boxcox:0.31415926535897931";
  ds[0].scale = 7.25;
  ds[0].shift = 1.0;
  ds[1].family = DistributionFamily::kNegBin;
  ds[1].mu = 12.345678901234567;
  ds[1].size = 2.0 / 3.0;
  ds[2].family = DistributionFamily::kPoisson;
  ds[2].mu = 3.5;
  ds[3].family = DistributionFamily::kQuantiles;
  ds[3].quantiles = {{0.1, 1.0}, {0.5, 4.0}, {0.9, 7.000000000000001}};
  std::vector<SeriesForecast> series;
  for (const auto& d : ds) series.push_back(OnePoint(d));
  TempDir dir;
  ForecastSet set = ReadForecastArtifact(dir.Write("f.json", Artifact(kForecastSchema, series)));
  ASSERT_EQ(set.series.size(), ds.size());
  for (std::size_t i = 0; i < ds.size(); ++i) {
    ExpectSame(set.series[i].points.at(0).distribution, ds[i]);
  }
  // Only the family's fields are written.
  Json js = SeriesForecastToJson(series[2], Frequency::kDay, {80});
  EXPECT_EQ(js["forecast"][0]["distribution"], (Json{{"family", "poisson"}, {"mu", 3.5}}));
}

TEST(DistributionArtifact, SchemaOneReadsWithoutDistributions) {
  TempDir dir;
  Json doc = Json::parse(Artifact(1, {OnePoint(PointDistribution{})}));
  EXPECT_FALSE(doc["series"][0]["forecast"][0].contains("distribution"));
  ForecastSet set = ReadForecastArtifact(dir.Write("f.json", doc.dump()));
  ASSERT_EQ(set.series.size(), 1u);
  EXPECT_EQ(set.series[0].points.at(0).distribution.family, DistributionFamily::kNone);
  EXPECT_EQ(set.series[0].points.at(0).hi, std::vector<double>{7});
}

TEST(DistributionArtifact, UnknownFamilyNamesFileAndSeries) {
  PointDistribution d;
  d.family = DistributionFamily::kPoisson;
  Json doc = Json::parse(Artifact(kForecastSchema, {OnePoint(d)}));
  doc["series"][0]["forecast"][0]["distribution"]["family"] = "weibull";
  TempDir dir;
  const std::string path = dir.Write("bad.json", doc.dump());
  try {
    ReadForecastArtifact(path);
    FAIL() << "expected an ArtifactError";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("series 'X'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("weibull"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace invplan
