// The recurrent forecaster end to end on synthetic panels: it learns a
// noiseless weekly pattern and a promotion effect, saved models forecast
// identically, training is deterministic, and bad input is reported clearly.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "common/random.h"
#include "forecast/rnn/rnn.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

constexpr double kWeek[7] = {1.0, 1.2, 0.9, 1.1, 1.6, 2.0, 0.4};

// Daily series level·week[dow]·(1 + lift·promo), horizon values kept apart.
struct Synthetic {
  std::vector<RnnSeriesInput> train;
  std::vector<std::vector<double>> future;  // actual horizon values per series
};

Synthetic MakePanel(int series, int length, int horizon, double lift, std::uint64_t seed) {
  Rng rng(seed);
  Synthetic out;
  for (int i = 0; i < series; ++i) {
    RnnSeriesInput s;
    s.sku = "item" + std::to_string(i);
    s.start = 19358 + i % 7;  // days since 1970
    const double level = 20.0 + 10.0 * i;
    if (lift > 0) s.regressors.resize(1);
    std::vector<double> promo_future;
    std::vector<double> actual;
    for (int t = 0; t < length + horizon; ++t) {
      const int dow = static_cast<int>(((s.start + t + 3) % 7 + 7) % 7);
      const double promo = lift > 0 && rng.Uniform() < 0.2 ? 1.0 : 0.0;
      const double y = level * kWeek[dow] * (1.0 + lift * promo);
      if (t < length) {
        s.y.push_back(y);
        if (lift > 0) s.regressors[0].push_back(promo);
      } else {
        actual.push_back(y);
        promo_future.push_back(promo);
      }
    }
    if (lift > 0) s.future_regressors = {promo_future};
    out.train.push_back(s);
    out.future.push_back(actual);
  }
  return out;
}

RnnConfig SmallConfig() {
  RnnConfig c;
  c.cell = RnnCell::kGru;
  c.hidden = 16;
  c.lookback = 14;
  c.horizon = 7;
  c.frequency = Frequency::kDay;
  c.epochs = 16;
  c.batches_per_epoch = 16;
  c.batch = 32;
  c.learning_rate = 1e-2;
  c.patience = 0;
  c.threads = 2;
  return c;
}

double Mape(const RnnModel& model, const Synthetic& data) {
  double sum = 0.0;
  int n = 0;
  const auto forecasts = model.ForecastAll(data.train, {80.0});
  for (std::size_t i = 0; i < forecasts.size(); ++i) {
    for (std::size_t h = 0; h < data.future[i].size(); ++h) {
      sum += std::fabs(forecasts[i].mean[h] - data.future[i][h]) / data.future[i][h];
      ++n;
    }
  }
  return sum / n;
}

TEST(RnnModel, LearnsNoiselessWeeklyPattern) {
  const Synthetic data = MakePanel(12, 120, 7, 0.0, 1);
  RnnModel model;
  const RnnTrainResult r = model.Train(data.train, SmallConfig());
  ASSERT_FALSE(r.curve.empty());
  EXPECT_LT(r.curve.back().train_loss, r.curve.front().train_loss);
  // Seasonal naive would be exact here; the network gets within a few percent.
  EXPECT_LT(Mape(model, data), 0.08);
  const RnnForecast f = model.Forecast(data.train[3], {80.0, 95.0});
  for (std::size_t h = 0; h < f.mean.size(); ++h) {
    EXPECT_LE(f.lo[1][h], f.lo[0][h]);
    EXPECT_LE(f.lo[0][h], f.hi[0][h]);
    EXPECT_LE(f.hi[0][h], f.hi[1][h]);
  }
}

TEST(RnnModel, LearnsPromotionEffect) {
  const Synthetic data = MakePanel(12, 160, 14, 1.0, 2);
  RnnConfig c = SmallConfig();
  c.horizon = 14;
  c.regressors = {"promo"};
  RnnModel model;
  model.Train(data.train, c);
  EXPECT_LT(Mape(model, data), 0.15);
  // The forecast lift on promotion days, against the same weekday without.
  double promo_ratio = 0.0;
  int n = 0;
  const auto forecasts = model.ForecastAll(data.train, {80.0});
  for (std::size_t i = 0; i < forecasts.size(); ++i) {
    for (std::size_t h = 0; h < 14; ++h) {
      if (data.train[i].future_regressors[0][h] > 0) {
        const double base = data.future[i][h] / 2.0;  // the value without promotion
        promo_ratio += forecasts[i].mean[h] / base;
        ++n;
      }
    }
  }
  ASSERT_GT(n, 5);
  EXPECT_GT(promo_ratio / n, 1.6);
}

TEST(RnnModel, SavedModelForecastsIdentically) {
  const Synthetic data = MakePanel(6, 60, 7, 1.0, 3);
  RnnConfig c = SmallConfig();
  c.cell = RnnCell::kLstm;
  c.layers = 2;
  c.dropout = 0.1;
  c.epochs = 2;
  c.regressors = {"promo"};
  RnnModel model;
  model.Train(data.train, c);
  const std::string text = model.ToJson().dump();
  const RnnModel loaded = RnnModel::FromJson(Json::parse(text));
  EXPECT_EQ(loaded.parameters(), model.parameters());
  EXPECT_EQ(loaded.train_result().curve.size(), model.train_result().curve.size());
  for (const RnnSeriesInput& s : data.train) {
    const RnnForecast a = model.Forecast(s, {90.0}), b = loaded.Forecast(s, {90.0});
    EXPECT_EQ(a.mean, b.mean);
    EXPECT_EQ(a.lo, b.lo);
    EXPECT_EQ(a.hi, b.hi);
  }
  // An SKU the network never saw gets the mean embedding.
  RnnSeriesInput unknown = data.train[0];
  unknown.sku = "new-item";
  EXPECT_TRUE(std::isfinite(loaded.Forecast(unknown, {90.0}).mean[0]));
}

// Counts in a model file are range-checked, never truncated: a hidden size of
// 2^40 (which get<int> would read as 0) and a fractional horizon are refused.
TEST(RnnModel, ModelFileCountsAreRangeChecked) {
  const Synthetic data = MakePanel(3, 40, 7, 1.0, 3);
  RnnConfig c = SmallConfig();
  c.epochs = 1;
  c.regressors = {"promo"};
  RnnModel model;
  model.Train(data.train, c);
  for (const auto& [field, value] : std::vector<std::pair<std::string, Json>>{
           {"hidden", Json(1099511627776LL)}, {"horizon", Json(2.5)}, {"layers", Json(-1)}}) {
    Json doc = Json::parse(model.ToJson().dump());
    doc["settings"][field] = value;
    try {
      RnnModel::FromJson(doc);
      FAIL() << field << " accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kArtifact) << e.what();
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
  }
}

// Intermittent daily counts: Poisson with mean base·pattern[dow], most days 0.
TEST(RnnModel, NegativeBinomialHeadLearnsIntermittentCounts) {
  constexpr double kPattern[7] = {0.3, 0.3, 0.4, 0.5, 1.0, 1.6, 0.2};
  Rng rng(5);
  auto poisson = [&rng](double mean) {
    const double limit = std::exp(-mean);
    double p = rng.Uniform();
    int k = 0;
    while (p > limit) p *= rng.Uniform(), ++k;
    return static_cast<double>(k);
  };
  const int horizon = 7, length = 240;
  std::vector<RnnSeriesInput> train;
  std::vector<std::vector<double>> expected;  // true means over the horizon
  for (int i = 0; i < 16; ++i) {
    RnnSeriesInput s;
    s.sku = "slow" + std::to_string(i);
    s.start = 19358;
    const double base = 0.3 + 0.1 * i;
    std::vector<double> e;
    for (int t = 0; t < length + horizon; ++t) {
      const int dow = static_cast<int>(((s.start + t + 3) % 7 + 7) % 7);
      if (t < length) {
        s.y.push_back(poisson(base * kPattern[dow]));
      } else {
        e.push_back(base * kPattern[dow]);
      }
    }
    train.push_back(s);
    expected.push_back(e);
  }
  RnnConfig c = SmallConfig();  // likelihood auto: integer data → negative binomial
  c.epochs = 20;
  RnnModel model;
  model.Train(train, c);
  EXPECT_EQ(model.config().likelihood, RnnLikelihood::kNegBin);
  const auto forecasts = model.ForecastAll(train, {80.0});
  double forecast_sum = 0.0, expected_sum = 0.0, error = 0.0;
  double high = 0.0, low = 0.0;  // forecast on Saturdays and Sundays
  for (std::size_t i = 0; i < forecasts.size(); ++i) {
    for (int h = 0; h < horizon; ++h) {
      const double f = forecasts[i].mean[h], e = expected[i][h];
      forecast_sum += f;
      expected_sum += e;
      error += std::fabs(f - e);
      if (e == (0.3 + 0.1 * i) * kPattern[5]) high += f;
      if (e == (0.3 + 0.1 * i) * kPattern[6]) low += f;
      // Count quantiles: whole numbers, the lower one at most the mean (the upper
      // one may be 0 too when a day sells nothing nine times in ten).
      const double lo = forecasts[i].lo[0][h], hi = forecasts[i].hi[0][h];
      EXPECT_EQ(lo, std::floor(lo));
      EXPECT_EQ(hi, std::floor(hi));
      EXPECT_LE(lo, f);
      EXPECT_LE(lo, hi);
      if (f > 1.0) {
        EXPECT_GE(hi, f);
      }
    }
  }
  EXPECT_NEAR(forecast_sum / expected_sum, 1.0, 0.2);
  EXPECT_LT(error / expected_sum, 0.35);  // mean absolute error relative to the mean
  EXPECT_GT(high, 3.0 * low);             // the weekly pattern is learned

  // Saved as schema 2 (the head is part of the model) and reloaded identically.
  const Json doc = model.ToJson();
  EXPECT_EQ(doc["schema_version"], 2);
  EXPECT_EQ(doc["settings"]["likelihood"], "negbin");
  const RnnModel loaded = RnnModel::FromJson(Json::parse(doc.dump()));
  const RnnForecast a = model.Forecast(train[2], {95.0}), b = loaded.Forecast(train[2], {95.0});
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.hi, b.hi);
}

TEST(RnnModel, GaussianModelsAreStillWrittenAsSchemaOne) {
  const Synthetic data = MakePanel(4, 60, 7, 0.0, 4);  // not integers: auto picks Gaussian
  RnnConfig c = SmallConfig();
  c.epochs = 1;
  RnnModel model;
  model.Train(data.train, c);
  EXPECT_EQ(model.config().likelihood, RnnLikelihood::kGaussian);
  const Json doc = model.ToJson();
  EXPECT_EQ(doc["schema_version"], 1);
  EXPECT_EQ(RnnModel::FromJson(doc).config().likelihood, RnnLikelihood::kGaussian);
}

TEST(RnnModel, DeterministicForSeedWhateverTheThreads) {
  const Synthetic data = MakePanel(8, 60, 7, 1.0, 4);
  RnnConfig c = SmallConfig();
  c.epochs = 2;
  c.batch = 40;  // three shards, the last one partial
  c.dropout = 0.2;
  c.regressors = {"promo"};
  c.threads = 1;
  RnnModel a, b, d;
  a.Train(data.train, c);
  c.threads = 3;
  b.Train(data.train, c);
  EXPECT_EQ(a.parameters(), b.parameters());
  c.seed = 7;
  d.Train(data.train, c);
  EXPECT_NE(a.parameters(), d.parameters());
}

TEST(RnnModel, ReportsBadInputClearly) {
  Synthetic data = MakePanel(3, 40, 7, 1.0, 5);
  RnnConfig c = SmallConfig();
  c.epochs = 1;
  c.regressors = {"promo"};
  c.lookback = 60;
  RnnModel model;
  try {
    model.Train(data.train, c);
    FAIL() << "expected a usage error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("lookback 60"), std::string::npos) << e.what();
  }
  c.lookback = 3;  // shorter than the weekly season
  EXPECT_THROW(model.Train(data.train, c), Error);

  c.lookback = 14;
  model.Train(data.train, c);
  RnnSeriesInput s = data.train[0];
  s.y.resize(10);
  s.regressors[0].resize(10);
  try {
    model.Forecast(s, {80.0});
    FAIL() << "expected an input error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("lookback of 14"), std::string::npos) << e.what();
  }
  s = data.train[0];
  s.future_regressors[0].resize(3);
  try {
    model.Forecast(s, {80.0});
    FAIL() << "expected an input error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(e.what()).find("'promo' has 3 future values"), std::string::npos)
        << e.what();
  }
  s = data.train[0];
  s.regressors.clear();
  EXPECT_THROW(model.Forecast(s, {80.0}), Error);

  Json doc = model.ToJson();
  doc["schema_version"] = 99;
  try {
    RnnModel::FromJson(doc);
    FAIL() << "expected an artifact error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kArtifact);
  }
  doc = model.ToJson();
  doc["parameters"]["values"].erase(0);
  EXPECT_THROW(RnnModel::FromJson(doc), Error);
}

}  // namespace
}  // namespace invplan::forecast
