#include "forecast/series_model.h"

#include <algorithm>
#include <cmath>

#include "forecast/fit_error.h"
#include "forecast/local/baselines.h"

namespace invplan::forecast {

std::string Reasons::Join() const {
  std::string s;
  for (const auto& r : list) s += (s.empty() ? "" : "; ") + r;
  return s;
}

PointDistribution NormalDistribution(double m, double se, const Transform& t) {
  PointDistribution d;
  d.family = DistributionFamily::kNormal;
  d.mu = m;
  d.sigma = se;
  t.Describe(&d);
  return d;
}

SeriesResult FinishForecast(const ModelForecast& f, const Transform& t, int h,
                            const SeriesSettings& s) {
  SeriesResult r;
  r.model_name = f.name;
  r.spec = f.spec;
  r.model = Json::object();
  r.model["name"] = f.name;
  r.model["spec"] = f.spec;
  for (auto it = f.model.begin(); it != f.model.end(); ++it) {
    if (it.key() != "spec" && it.key() != "name") r.model[it.key()] = it.value();
  }
  if (!t.identity()) r.model["transform"] = t.ToJson();
  r.lo.assign(s.levels.size(), std::vector<double>(h));
  r.hi.assign(s.levels.size(), std::vector<double>(h));
  for (int i = 0; i < h; ++i) {
    double m = f.mean[i], se = f.se[i];
    r.mean.push_back(std::max(0.0, t.MeanBack(m, se * se)));
    for (std::size_t k = 0; k < s.levels.size(); ++k) {
      double z = LevelZ(s.levels[k]);
      r.lo[k][i] = std::max(0.0, t.Inverse(m - z * se));
      r.hi[k][i] = std::max(0.0, t.Inverse(m + z * se));
    }
    r.distribution.push_back(NormalDistribution(m, se, t));
  }
  if (f.sum_se.size() == f.se.size()) r.widening = SumWidening(f);
  return r;
}

ModelForecast ZeroForecast(int h) {
  ModelForecast f;
  f.name = "zero";
  f.spec = "Zero";
  f.mean.assign(h, 0.0);
  f.se.assign(h, 0.0);
  return f;
}

bool ConstantSeriesForecast(const SeriesInput& in, Reasons* reasons, SeriesResult* out) {
  const std::vector<double>& y = in.y;
  if (!std::all_of(y.begin(), y.end(), [&](double v) { return v == y.front(); })) return false;
  reasons->Add("constant series");
  const std::vector<double> two = y.size() >= 2 ? y : std::vector<double>{y[0], y[0]};
  *out = FinishForecast(NaiveForecast(two, in.h), Transform{}, in.h, in.settings);
  return true;
}

ModelForecast SimpleForecast(const std::vector<double>& y, int m, int h) {
  if (m > 1 && y.size() > static_cast<std::size_t>(m)) return SeasonalNaiveForecast(y, m, h);
  if (y.size() >= 2) return NaiveForecast(y, h);
  return MeanForecast(y, h);
}

void CheckSane(const ModelForecast& f, const std::vector<double>& w) {
  auto [lo, hi] = std::minmax_element(w.begin(), w.end());
  double range = std::max(*hi - *lo, std::max(std::abs(*hi), 1e-8));
  for (std::size_t i = 0; i < f.mean.size(); ++i) {
    if (!std::isfinite(f.mean[i]) || !std::isfinite(f.se[i]) || f.se[i] < 0) {
      throw ModelFitError("non-finite forecast");
    }
    if (f.mean[i] > *hi + 10 * range || f.mean[i] < *lo - 10 * range) {
      throw ModelFitError("exploding forecast");
    }
  }
}

SeriesResult FitOnTransformedScale(const TransformedFit& fit, const SeriesInput& in,
                                   Reasons* reasons, const std::string& model) {
  const SeriesSettings& s = in.settings;
  const int m = std::max(1, s.season);
  std::string note;
  Transform t = Transform::For(s.transform, in.y, m, &note);
  const std::vector<double> w = t.Forward(in.y);
  ModelForecast f;
  try {
    f = fit(w, m);
  } catch (const ModelFitError& e) {
    f = SimpleForecast(w, 1, in.h);
    reasons->Add((model.empty() ? std::string(e.what()) : model + " failed (" + e.what() + ")") +
                 ": " + f.name);
  }
  SeriesResult r = FinishForecast(f, t, in.h, s);
  if (!note.empty()) r.model["transform_note"] = note;
  return r;
}

}  // namespace invplan::forecast
