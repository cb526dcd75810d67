#include "forecast/combo/combo_series.h"

#include <algorithm>
#include <cmath>

#include "forecast/arima/arima.h"
#include "forecast/ces/ces.h"
#include "forecast/ets/ets_series.h"
#include "forecast/fit_error.h"
#include "forecast/local/baselines.h"
#include "forecast/theta/theta.h"

namespace invplan::forecast {
namespace {

ModelForecast ArimaMember(const std::vector<double>& w, int m, int h, const SeriesSettings& s) {
  if (w.size() < 4) throw ModelFitError("too short for ARIMA");
  // As the ARIMA path: a season needs two full seasons plus a few points.
  const int season = m > 1 && static_cast<int>(w.size()) >= 2 * m + 3 ? m : 1;
  const Eigen::MatrixXd none(w.size(), 0), fnone(h, 0);
  AutoArimaOptions options;
  options.approximation = s.approximation;
  const ArimaModel model = AutoArima(w, none, season, options);
  ArimaPrediction p = PredictArima(model, w, none, fnone, h);
  ModelForecast f;
  f.name = "arima";
  f.spec = model.Spec();
  f.mean = std::move(p.mean);
  f.se = std::move(p.se);
  f.sum_se = std::move(p.sum_se);
  if (f.mean.size() != static_cast<std::size_t>(h) || f.se.size() != static_cast<std::size_t>(h)) {
    throw ModelFitError("prediction of the wrong length");
  }
  CheckSane(f, w);
  return f;
}

// The median of `v` (the mean of the middle two for an even count).
double MedianOf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t k = v.size() / 2;
  return v.size() % 2 ? v[k] : (v[k - 1] + v[k]) / 2;
}

}  // namespace

ModelForecast CombineForecasts(const std::vector<ModelForecast>& members, int h, bool median) {
  ModelForecast f;
  f.name = "combo";
  f.mean.assign(h, 0.0);
  f.se.assign(h, 0.0);
  f.sum_se.assign(h, 0.0);
  Json parts = Json::array();
  const std::size_t k = members.size();
  // [member][step] standard errors of the sums: a member with independent
  // steps contributes the root of its summed variances.
  std::vector<std::vector<double>> sums(k, std::vector<double>(h));
  for (std::size_t j = 0; j < k; ++j) {
    const ModelForecast& part = members[j];
    f.spec += (f.spec.empty() ? (median ? "Median of " : "Combination of ") : " + ") + part.spec;
    parts.push_back(part.spec);
    double independent = 0.0;
    for (int i = 0; i < h; ++i) {
      independent += part.se[i] * part.se[i];
      sums[j][i] = part.sum_se.size() == part.se.size() ? part.sum_se[i] : std::sqrt(independent);
    }
  }
  std::vector<double> means(k), ses(k), sum_ses(k);
  for (int i = 0; i < h; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      means[j] = members[j].mean[i];
      ses[j] = members[j].se[i];
      sum_ses[j] = sums[j][i];
    }
    if (median) {
      f.mean[i] = MedianOf(means);
      f.se[i] = MedianOf(ses);
      f.sum_se[i] = MedianOf(sum_ses);
    } else {
      for (std::size_t j = 0; j < k; ++j) {
        f.mean[i] += means[j] / k;
        f.se[i] += ses[j] / k;
        f.sum_se[i] += sum_ses[j] / k;
      }
    }
  }
  f.model = {{"members", parts},
             {"combination", median ? "median of means and of standard errors"
                                    : "mean of means and of standard errors"}};
  return f;
}

SeriesResult ComboSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  const SeriesSettings& s = in.settings;
  const int m = std::max(1, s.season);
  const std::vector<double>& y = in.y;
  if (SeriesResult constant; ConstantSeriesForecast(in, reasons, &constant)) return constant;
  std::string note;
  Transform t = Transform::For(s.transform, y, m, &note);
  const std::vector<double> w = t.Forward(y);
  std::vector<ModelForecast> members;
  auto add = [&](const char* name, auto&& fit) {
    try {
      ModelForecast f = fit();
      CheckSane(f, w);
      members.push_back(std::move(f));
    } catch (const ModelFitError& e) {
      reasons->Add(std::string(name) + " left out of the combination (" + e.what() + ")");
    }
  };
  // In the order given (--combo-members): the spec lists them so.
  for (const std::string& name : s.combo_members) {
    if (name == "arima") add("ARIMA", [&] { return ArimaMember(w, m, in.h, s); });
    if (name == "ets") add("ETS", [&] { return EtsForecast(w, m, in.h, "ZZZ", !t.identity()); });
    if (name == "theta")
      add("Theta", [&] { return ThetaForecast(w, m, in.h, ThetaMethodFromName(s.theta_method)); });
    if (name == "ces") add("CES", [&] { return CesForecast(w, m, in.h); });
  }
  ModelForecast f =
      members.empty() ? SimpleForecast(w, 1, in.h) : CombineForecasts(members, in.h, s.median);
  SeriesResult r = FinishForecast(f, t, in.h, s);
  if (!note.empty()) r.model["transform_note"] = note;
  return r;
}

}  // namespace invplan::forecast
