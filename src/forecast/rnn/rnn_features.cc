#include "forecast/rnn/rnn_features.h"

#include <cmath>
#include <cstdint>
#include <numeric>

#include "invplan/artifact.h"

namespace invplan::forecast::rnn {
namespace {

constexpr int kBaseFeatures = 5;  // previous value, observed flag, seasonal naive, position, scale
constexpr double kTwoPi = 6.283185307179586;

int DayOfYear(std::int64_t day) {
  int y, m, d;
  CivilFromDays(day, &y, &m, &d);
  return static_cast<int>(day - DaysFromCivil(y, 1, 1));
}

// Calendar features of `period`, written to out[0 .. CalendarCount()).
void Calendar(Frequency f, std::int64_t period, double* out) {
  switch (f) {
    case Frequency::kDay: {
      const int dow = static_cast<int>(((period + 3) % 7 + 7) % 7);  // Monday = 0
      for (int k = 0; k < 7; ++k) out[k] = k == dow ? 1.0 : 0.0;
      const double phase = kTwoPi * DayOfYear(period) / 365.25;
      out[7] = std::sin(phase);
      out[8] = std::cos(phase);
      return;
    }
    case Frequency::kWeek: {
      const double phase = kTwoPi * DayOfYear(PeriodStartDay(period, f)) / 365.25;
      out[0] = std::sin(phase);
      out[1] = std::cos(phase);
      out[2] = std::sin(2 * phase);
      out[3] = std::cos(2 * phase);
      return;
    }
    case Frequency::kMonth: {
      const int m = static_cast<int>((period % 12 + 12) % 12);
      for (int k = 0; k < 12; ++k) out[k] = k == m ? 1.0 : 0.0;
      return;
    }
    case Frequency::kQuarter: {
      const int q = static_cast<int>((period % 4 + 4) % 4);
      for (int k = 0; k < 4; ++k) out[k] = k == q ? 1.0 : 0.0;
      return;
    }
    case Frequency::kYear:
      return;
  }
}

}  // namespace

int FeatureSpec::CalendarCount() const {
  switch (frequency) {
    case Frequency::kDay:
      return 9;
    case Frequency::kWeek:
      return 4;
    case Frequency::kMonth:
      return 12;
    case Frequency::kQuarter:
      return 4;
    case Frequency::kYear:
      return 0;
  }
  return 0;
}

int FeatureSpec::Count() const {
  return kBaseFeatures + CalendarCount() + static_cast<int>(regressor_mean.size());
}

std::vector<std::string> FeatureSpec::Names() const {
  std::vector<std::string> names{"previous", "previous_observed", "seasonal_naive",
                                 "horizon_position", "log_scale"};
  static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  switch (frequency) {
    case Frequency::kDay:
      for (const char* d : kDays) names.push_back(std::string("dow_") + d);
      names.insert(names.end(), {"year_sin", "year_cos"});
      break;
    case Frequency::kWeek:
      names.insert(names.end(), {"year_sin", "year_cos", "year_sin2", "year_cos2"});
      break;
    case Frequency::kMonth:
      for (int k = 1; k <= 12; ++k) names.push_back("month_" + std::to_string(k));
      break;
    case Frequency::kQuarter:
      for (int k = 1; k <= 4; ++k) names.push_back("quarter_" + std::to_string(k));
      break;
    case Frequency::kYear:
      break;
  }
  for (std::size_t k = 0; k < regressor_mean.size(); ++k) {
    names.push_back("regressor_" + std::to_string(k + 1));
  }
  return names;
}

void FeatureSpec::Fit(const std::vector<RnnSeriesInput>& series, int regressors) {
  regressor_mean.assign(regressors, 0.0);
  regressor_sd.assign(regressors, 1.0);
  for (int k = 0; k < regressors; ++k) {
    double sum = 0.0, sum2 = 0.0;
    std::size_t n = 0;
    for (const RnnSeriesInput& s : series) {
      for (double v : s.regressors[k]) {
        if (std::isnan(v)) continue;
        sum += v;
        sum2 += v * v;
        ++n;
      }
    }
    if (n == 0) continue;
    const double mean = sum / n, var = sum2 / n - mean * mean;
    regressor_mean[k] = mean;
    regressor_sd[k] = var > 1e-12 ? std::sqrt(var) : 1.0;
  }
  double sum = 0.0, sum2 = 0.0;
  for (const RnnSeriesInput& s : series) {
    const double v = std::log(WindowScale(s.y, 0, static_cast<int>(s.y.size())));
    sum += v;
    sum2 += v * v;
  }
  const double n = static_cast<double>(series.size());
  log_scale_mean = n > 0 ? sum / n : 0.0;
  const double var = n > 0 ? sum2 / n - log_scale_mean * log_scale_mean : 0.0;
  log_scale_sd = var > 1e-12 ? std::sqrt(var) : 1.0;
}

Json FeatureSpec::ToJson() const {
  return Json{{"frequency", FrequencyCode(frequency)},
              {"season", season},
              {"lookback", lookback},
              {"horizon", horizon},
              {"log1p", log1p},
              {"count", Count()},
              {"names", Names()},
              {"regressor_mean", regressor_mean},
              {"regressor_sd", regressor_sd},
              {"log_scale_mean", log_scale_mean},
              {"log_scale_sd", log_scale_sd}};
}

FeatureSpec FeatureSpec::FromJson(const Json& j) {
  FeatureSpec f;
  auto count = [](const Json& v, const char* what) {
    return static_cast<int>(ArtifactInt(v, what, 0, INT32_MAX));
  };
  if (!ParseFrequency(j.at("frequency").get<std::string>(), &f.frequency)) {
    throw std::runtime_error("unknown frequency");
  }
  f.season = count(j.at("season"), "season");
  f.lookback = count(j.at("lookback"), "lookback");
  f.horizon = count(j.at("horizon"), "horizon");
  f.log1p = j.at("log1p").get<bool>();
  f.regressor_mean = j.at("regressor_mean").get<std::vector<double>>();
  f.regressor_sd = j.at("regressor_sd").get<std::vector<double>>();
  f.log_scale_mean = j.at("log_scale_mean").get<double>();
  f.log_scale_sd = j.at("log_scale_sd").get<double>();
  if (f.regressor_sd.size() != f.regressor_mean.size() || f.season < 1 || f.lookback < f.season ||
      f.horizon < 1 || count(j.at("count"), "count") != f.Count()) {
    throw std::runtime_error("inconsistent feature specification");
  }
  return f;
}

double WindowScale(const std::vector<double>& y, std::size_t start, int lookback) {
  double sum = 0.0;
  std::size_t n = 0;
  for (std::size_t t = start; t < start + lookback && t < y.size(); ++t) {
    if (std::isnan(y[t])) continue;
    sum += std::fabs(y[t]);
    ++n;
  }
  return 1.0 + (n > 0 ? sum / n : 0.0);
}

double ScaleValue(double y, double scale, bool log1p) {
  const double v = y / scale;
  return log1p ? std::log1p(std::max(v, -0.999)) : v;
}

void ResizeBatch(const FeatureSpec& spec, int windows, bool targets, Batch* batch) {
  batch->steps = spec.Steps();
  batch->first_target = spec.lookback;
  batch->windows = windows;
  batch->x.setZero(spec.Count(), static_cast<Eigen::Index>(spec.Steps()) * windows);
  if (targets) {
    batch->y.setConstant(1, static_cast<Eigen::Index>(spec.horizon) * windows, std::nan(""));
    batch->censored.setZero(1, static_cast<Eigen::Index>(spec.horizon) * windows);
  } else {
    batch->y.resize(1, 0);
    batch->censored.resize(1, 0);
  }
  batch->sku.assign(windows, -1);
  batch->scale.assign(windows, 1.0);
  batch->dropout_seed.assign(windows, 0);
}

double FillWindow(const FeatureSpec& spec, const RnnSeriesInput& s, std::size_t start, bool targets,
                  int j, Batch* batch) {
  const int lookback = spec.lookback, steps = spec.Steps(), m = spec.season;
  const int b = batch->windows;
  const double scale = WindowScale(s.y, start, lookback);
  // Missing inputs are replaced by the lookback mean.
  double mean = 0.0;
  {
    double sum = 0.0;
    int n = 0;
    for (int t = 0; t < lookback; ++t) {
      const double v = s.y[start + t];
      if (!std::isnan(v)) sum += v, ++n;
    }
    mean = n > 0 ? sum / n : 0.0;
  }
  auto observed = [&](int t) {  // scaled value at window step t < lookback
    const double v = s.y[start + t];
    return ScaleValue(std::isnan(v) ? mean : v, scale, spec.log1p);
  };
  const double mean_scaled = ScaleValue(mean, scale, spec.log1p);
  const double log_scale = (std::log(scale) - spec.log_scale_mean) / spec.log_scale_sd;
  const int cal = spec.CalendarCount();
  const int nreg = static_cast<int>(spec.regressor_mean.size());
  for (int t = 0; t < steps; ++t) {
    double* x = batch->x.col(static_cast<Eigen::Index>(t) * b + j).data();
    if (t > 0 && t - 1 < lookback) {
      x[0] = observed(t - 1);
      x[1] = 1.0;
    }
    int src = t - m;
    if (src >= lookback) src = lookback - m + (t - lookback) % m;
    x[2] = src >= 0 ? observed(src) : mean_scaled;
    x[3] = t >= lookback ? static_cast<double>(t - lookback + 1) / spec.horizon : 0.0;
    x[4] = log_scale;
    Calendar(spec.frequency, s.start + static_cast<std::int64_t>(start) + t, x + 5);
    for (int k = 0; k < nreg; ++k) {
      double v;
      if (t < lookback || targets) {
        v = s.regressors[k][start + t];
      } else {
        v = s.future_regressors[k][t - lookback];
      }
      x[5 + cal + k] = std::isnan(v) ? 0.0 : (v - spec.regressor_mean[k]) / spec.regressor_sd[k];
    }
    if (targets && t >= lookback) {
      const double v = s.y[start + t];
      const std::size_t at = start + static_cast<std::size_t>(t);
      batch->censored(0, static_cast<Eigen::Index>(t - lookback) * b + j) =
          at < s.censored.size() && s.censored[at] ? 1.0 : 0.0;
      batch->y(0, static_cast<Eigen::Index>(t - lookback) * b + j) =
          std::isnan(v)       ? v
          : spec.count_target ? v / scale
                              : ScaleValue(v, scale, spec.log1p);
    }
  }
  batch->scale[j] = scale;
  return scale;
}

}  // namespace invplan::forecast::rnn
