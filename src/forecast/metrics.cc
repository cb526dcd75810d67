#include "forecast/metrics.h"

#include <cmath>

namespace invplan::forecast {
namespace {

// Mean of f(y_t − y_{t−m}) over the history, the lag as MASE takes it.
template <typename F>
double LagScale(const std::vector<double>& history, int season, F f) {
  std::size_t m = season > 0 ? static_cast<std::size_t>(season) : 1;
  if (history.size() <= m) m = 1;
  if (history.size() <= m) return NAN;
  double s = 0;
  std::size_t k = 0;
  for (std::size_t t = m; t < history.size(); ++t) {
    if (std::isnan(history[t]) || std::isnan(history[t - m])) continue;
    s += f(history[t] - history[t - m]);
    ++k;
  }
  return k > 0 ? s / k : NAN;
}

}  // namespace

double MaseScale(const std::vector<double>& history, int season) {
  return LagScale(history, season, [](double d) { return std::abs(d); });
}

double RmsseScale(const std::vector<double>& history, int season) {
  return LagScale(history, season, [](double d) { return d * d; });
}

double PinballLoss(double a, double q, double u) {
  return a >= q ? u * (a - q) : (1.0 - u) * (q - a);
}

Accuracy Evaluate(const std::vector<double>& history, int season, const std::vector<double>& actual,
                  const std::vector<double>& mean, const std::vector<std::vector<double>>& lo,
                  const std::vector<std::vector<double>>& hi, const QuantileForecast& q) {
  Accuracy a;
  a.coverage.assign(lo.size(), 0.0);
  a.pinball.assign(q.levels.size(), 0.0);
  a.below.assign(q.levels.size(), 0.0);
  double abs_sum = 0, sq = 0, bias = 0, smape = 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i < actual.size() && i < mean.size(); ++i) {
    if (std::isnan(actual[i])) continue;
    double e = mean[i] - actual[i];
    abs_sum += std::abs(e);
    sq += e * e;
    bias += e;
    double den = std::abs(actual[i]) + std::abs(mean[i]);
    smape += den > 0 ? 200.0 * std::abs(e) / den : 0.0;
    for (std::size_t k = 0; k < lo.size(); ++k) {
      if (actual[i] >= lo[k][i] && actual[i] <= hi[k][i]) a.coverage[k] += 1;
    }
    for (std::size_t k = 0; k < q.levels.size() && k < q.values.size(); ++k) {
      const double v = i < q.values[k].size() ? q.values[k][i] : NAN;
      a.pinball[k] += PinballLoss(actual[i], v, q.levels[k]);
      if (actual[i] <= v) a.below[k] += 1;
    }
    ++n;
  }
  a.points = n;
  if (n == 0) {
    a.mase = a.rmsse = a.smape = a.rmse = a.bias = NAN;
    for (double& c : a.coverage) c = NAN;
    for (double& c : a.pinball) c = NAN;
    for (double& c : a.below) c = NAN;
    return a;
  }
  const double scale = MaseScale(history, season), scale2 = RmsseScale(history, season);
  a.mase = scale > 0 ? abs_sum / n / scale : NAN;
  a.rmsse = scale2 > 0 ? std::sqrt(sq / n / scale2) : NAN;
  a.smape = smape / n;
  a.rmse = std::sqrt(sq / n);
  a.bias = bias / n;
  for (double& c : a.coverage) c /= n;
  for (double& c : a.pinball) c = scale > 0 ? c / n / scale : NAN;
  for (double& c : a.below) c /= n;
  return a;
}

Json AccuracyToJson(const Accuracy& a, const std::vector<double>& levels,
                    const std::vector<double>& quantiles) {
  auto num = [](double v) -> Json { return std::isfinite(v) ? Json(v) : Json(nullptr); };
  Json j = Json::object();
  j["mase"] = num(a.mase);
  j["rmsse"] = num(a.rmsse);
  j["smape"] = num(a.smape);
  j["rmse"] = num(a.rmse);
  j["bias"] = num(a.bias);
  for (std::size_t k = 0; k < levels.size() && k < a.coverage.size(); ++k) {
    j["coverage" + FormatDouble(levels[k])] = num(a.coverage[k]);
  }
  for (std::size_t k = 0; k < quantiles.size() && k < a.pinball.size() && k < a.below.size(); ++k) {
    j["pinball_q" + FormatDouble(quantiles[k])] = num(a.pinball[k]);
    j["coverage_q" + FormatDouble(quantiles[k])] = num(a.below[k]);
  }
  j["points"] = a.points;
  return j;
}

void AccuracySummary::Add(const Accuracy& a) {
  if (a.points == 0) return;
  ++n_;
  if (std::isfinite(a.mase)) {
    mase_ += a.mase;
    ++n_mase_;
  }
  if (std::isfinite(a.rmsse)) {
    rmsse_ += a.rmsse;
    ++n_rmsse_;
  }
  smape_ += a.smape;
  rmse_ += a.rmse;
  bias_ += a.bias;
  for (std::size_t k = 0; k < covered_.size() && k < a.coverage.size(); ++k) {
    covered_[k] += a.coverage[k] * a.points;
  }
  for (std::size_t k = 0; k < pinball_.size() && k < a.pinball.size() && k < a.below.size(); ++k) {
    if (std::isfinite(a.pinball[k])) {
      pinball_[k] += a.pinball[k];
      ++n_pinball_[k];
    }
    below_[k] += a.below[k] * a.points;
  }
  points_ += a.points;
}

Accuracy AccuracySummary::Mean() const {
  Accuracy a;
  a.points = points_;
  a.mase = n_mase_ ? mase_ / n_mase_ : NAN;
  a.rmsse = n_rmsse_ ? rmsse_ / n_rmsse_ : NAN;
  a.smape = n_ ? smape_ / n_ : NAN;
  a.rmse = n_ ? rmse_ / n_ : NAN;
  a.bias = n_ ? bias_ / n_ : NAN;
  for (double c : covered_) a.coverage.push_back(points_ ? c / points_ : NAN);
  for (std::size_t k = 0; k < pinball_.size(); ++k) {
    a.pinball.push_back(n_pinball_[k] ? pinball_[k] / n_pinball_[k] : NAN);
    a.below.push_back(points_ ? below_[k] / points_ : NAN);
  }
  return a;
}

}  // namespace invplan::forecast
