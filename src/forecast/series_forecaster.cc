#include "forecast/series_forecaster.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "forecast/fit_error.h"
#include "forecast/local/baselines.h"
#include "forecast/model_forecast.h"

namespace invplan::forecast {

bool ParseModelKind(const std::string& text, ModelKind* kind) {
  static const std::map<std::string, ModelKind> kNames = {
      {"auto", ModelKind::kAuto},       {"arima", ModelKind::kArima}, {"naive", ModelKind::kNaive},
      {"snaive", ModelKind::kSnaive},   {"mean", ModelKind::kMean},   {"drift", ModelKind::kDrift},
      {"croston", ModelKind::kCroston}, {"tsb", ModelKind::kTsb}};
  auto it = kNames.find(text);
  if (it == kNames.end()) return false;
  *kind = it->second;
  return true;
}

namespace {

// Above this, likelihood optimisation loses precision; the baselines still work.
constexpr double kHugeValue = 1e12;

// Collects fallback reasons; the series is "fallback" as soon as there is one.
struct Reasons {
  std::vector<std::string> list;
  void Add(const std::string& r) { list.push_back(r); }
  std::string Join() const {
    std::string s;
    for (const auto& r : list) s += (s.empty() ? "" : "; ") + r;
    return s;
  }
};

// Drops leading missing values and interpolates the others linearly (trailing
// ones repeat the last value). Returns how many were filled; `first` receives
// the index of the first kept value.
std::size_t FillGaps(std::vector<double>* y, std::size_t* first) {
  std::vector<double>& v = *y;
  for (double& x : v) {
    if (!std::isfinite(x)) x = NAN;
  }
  std::size_t f = 0;
  while (f < v.size() && std::isnan(v[f])) ++f;
  *first = f;
  v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(f));
  std::size_t filled = 0;
  std::size_t last = 0;  // index of the last known value
  for (std::size_t t = 1; t < v.size(); ++t) {
    if (std::isnan(v[t])) continue;
    if (t > last + 1) {
      for (std::size_t k = last + 1; k < t; ++k) {
        v[k] = v[last] + (v[t] - v[last]) * static_cast<double>(k - last) / (t - last);
        ++filled;
      }
    }
    last = t;
  }
  for (std::size_t k = last + 1; k < v.size(); ++k, ++filled) v[k] = v[last];
  return filled;
}

bool IsConstant(const std::vector<double>& y) {
  return std::all_of(y.begin(), y.end(), [&](double v) { return v == y.front(); });
}

SeriesResult Finish(const ModelForecast& f, const Transform& t, int h, const SeriesSettings& s) {
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
  }
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

// The simplest model the series supports, for fallbacks.
ModelForecast SimpleForecast(const std::vector<double>& y, int m, int h) {
  if (m > 1 && y.size() > static_cast<std::size_t>(m)) return SeasonalNaiveForecast(y, m, h);
  if (y.size() >= 2) return NaiveForecast(y, h);
  return MeanForecast(y, h);
}

// A forecast that leaves the data's range by far, or is not finite, is treated
// as a failed fit.
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

// Removes regressor columns that are constant over the history (no information,
// and a singular regression with the constant).
void DropConstantColumns(Eigen::MatrixXd* xreg, Eigen::MatrixXd* fxreg,
                         std::vector<std::string>* names, std::vector<std::string>* dropped) {
  std::vector<Eigen::Index> keep;
  for (Eigen::Index c = 0; c < xreg->cols(); ++c) {
    if (xreg->rows() > 0 && (xreg->col(c).array() != (*xreg)(0, c)).any()) {
      keep.push_back(c);
    } else {
      dropped->push_back(c < static_cast<Eigen::Index>(names->size())
                             ? (*names)[c]
                             : "xreg" + std::to_string(c + 1));
    }
  }
  if (keep.size() == static_cast<std::size_t>(xreg->cols())) return;
  Eigen::MatrixXd x(xreg->rows(), keep.size()), fx(fxreg->rows(), keep.size());
  std::vector<std::string> kept;
  for (std::size_t j = 0; j < keep.size(); ++j) {
    x.col(j) = xreg->col(keep[j]);
    fx.col(j) = fxreg->col(keep[j]);
    if (keep[j] < static_cast<Eigen::Index>(names->size())) kept.push_back((*names)[keep[j]]);
  }
  *xreg = std::move(x);
  *fxreg = std::move(fx);
  *names = std::move(kept);
}

ModelForecast FitArimaOnce(const std::vector<double>& w, const Eigen::MatrixXd& xreg,
                           const Eigen::MatrixXd& fxreg, int m, int h, const SeriesSettings& s,
                           const std::vector<std::string>& names) {
  ArimaModel model;
  if (s.fixed_order) {
    ArimaOrder o = s.order;
    o.s = m;
    if (m <= 1) o.P = o.D = o.Q = 0;
    model = FitArima(w, xreg, o, o.d + o.D == 0);
  } else {
    AutoArimaOptions options;
    options.approximation = s.approximation;
    model = AutoArima(w, xreg, m, options);
  }
  ArimaPrediction p = PredictArima(model, w, xreg, fxreg, h);
  ModelForecast f;
  f.name = "arima";
  f.spec = model.Spec();
  f.model = model.ToJson(names);
  f.mean = std::move(p.mean);
  f.se = std::move(p.se);
  if (f.mean.size() != static_cast<std::size_t>(h) || f.se.size() != static_cast<std::size_t>(h)) {
    throw ModelFitError("prediction of the wrong length");
  }
  CheckSane(f, w);
  return f;
}

SeriesResult ArimaPath(const std::vector<double>& y, Eigen::MatrixXd xreg, Eigen::MatrixXd fxreg,
                       int h, const SeriesSettings& s, Reasons* reasons) {
  const int m = std::max(1, s.season);
  if (y.size() < 4) {
    reasons->Add("too short for ARIMA (" + std::to_string(y.size()) + " observations)");
    return Finish(SimpleForecast(y, 1, h), Transform{}, h, s);
  }
  double biggest = 0;
  for (double v : y) biggest = std::max(biggest, std::abs(v));
  if (biggest > kHugeValue) {
    reasons->Add("values above 1e12: ARIMA not fitted");
    return Finish(SimpleForecast(y, m, h), Transform{}, h, s);
  }
  std::string note;
  Transform t = Transform::For(s.transform, y, m, &note);
  std::vector<double> w = t.Forward(y);
  std::vector<std::string> names = s.regressor_names, dropped;
  DropConstantColumns(&xreg, &fxreg, &names, &dropped);

  int season = m;
  // Two full seasons plus a few points are the least a seasonal model needs.
  if (m > 1 && static_cast<int>(y.size()) < 2 * m + 3) {
    reasons->Add("too short for season " + std::to_string(m) + " (" + std::to_string(y.size()) +
                 " observations): non-seasonal ARIMA");
    season = 1;
  }
  ModelForecast f;
  try {
    f = FitArimaOnce(w, xreg, fxreg, season, h, s, names);
  } catch (const ModelFitError& e) {
    bool recovered = false;
    if (season > 1) {
      try {
        f = FitArimaOnce(w, xreg, fxreg, 1, h, s, names);
        reasons->Add(std::string("seasonal ARIMA failed (") + e.what() + "): non-seasonal ARIMA");
        recovered = true;
      } catch (const ModelFitError&) {
      }
    }
    if (!recovered) {
      ModelForecast simple = SimpleForecast(y, m, h);
      reasons->Add(std::string("ARIMA failed (") + e.what() + "): " + simple.name);
      SeriesResult r = Finish(simple, Transform{}, h, s);
      return r;
    }
  }
  SeriesResult r = Finish(f, t, h, s);
  if (!note.empty()) r.model["transform_note"] = note;
  if (!dropped.empty()) r.model["regressors_dropped"] = dropped;
  return r;
}

SeriesResult BaselinePath(ModelKind kind, const std::vector<double>& y, int h,
                          const SeriesSettings& s, Reasons* reasons) {
  const int m = std::max(1, s.season);
  std::string note;
  Transform t = Transform::For(s.transform, y, m, &note);
  std::vector<double> w = t.Forward(y);
  ModelForecast f;
  try {
    switch (kind) {
      case ModelKind::kNaive:
        f = NaiveForecast(w, h);
        break;
      case ModelKind::kSnaive:
        f = SeasonalNaiveForecast(w, m, h);
        break;
      case ModelKind::kMean:
        f = MeanForecast(w, h);
        break;
      default:
        f = DriftForecast(w, h);
        break;
    }
  } catch (const ModelFitError& e) {
    f = SimpleForecast(w, 1, h);
    reasons->Add(std::string(e.what()) + ": " + f.name);
  }
  SeriesResult r = Finish(f, t, h, s);
  if (!note.empty()) r.model["transform_note"] = note;
  return r;
}

}  // namespace

SeriesResult ForecastSeries(const std::vector<double>& y_in, const Eigen::MatrixXd& xreg_in,
                            const Eigen::MatrixXd& future_xreg, int h, const SeriesSettings& s) {
  Reasons reasons;
  std::vector<double> y = y_in;
  std::size_t first = 0;
  std::size_t filled = FillGaps(&y, &first);
  Eigen::MatrixXd xreg = xreg_in.bottomRows(xreg_in.rows() - static_cast<Eigen::Index>(first));
  if (filled > 0) {
    reasons.Add(std::to_string(filled) + " missing value" + (filled > 1 ? "s" : "") +
                " interpolated");
  }
  DemandClass dc = ClassifyDemand(y);
  SeriesResult r;
  if (y.empty() || dc.name == "none") {
    reasons.Add(y.empty() ? "no observations" : "all zeros");
    r = Finish(ZeroForecast(h), Transform{}, h, s);
  } else {
    ModelKind kind = s.model;
    if (kind == ModelKind::kAuto) {
      if (dc.name == "smooth" || dc.name == "erratic") {
        kind = ModelKind::kArima;
      } else {
        // TSB lets the forecast decay through a long run of zeros (an item
        // going obsolete); Croston would keep the last rate.
        kind = TrailingZeros(y) > 2 * dc.adi + 1 ? ModelKind::kTsb : ModelKind::kCroston;
      }
    }
    if ((kind == ModelKind::kArima) && IsConstant(y)) {
      reasons.Add("constant series");
      r = Finish(NaiveForecast(y.size() >= 2 ? y : std::vector<double>{y[0], y[0]}, h), Transform{},
                 h, s);
    } else if (kind == ModelKind::kArima) {
      r = ArimaPath(y, xreg, future_xreg, h, s, &reasons);
    } else if (kind == ModelKind::kCroston) {
      r = Finish(CrostonForecast(y, h, s.croston), Transform{}, h, s);
    } else if (kind == ModelKind::kTsb) {
      r = Finish(TsbForecast(y, h), Transform{}, h, s);
    } else {
      r = BaselinePath(kind, y, h, s, &reasons);
    }
  }
  r.demand_class = dc.name;
  if (dc.name != "none") {
    r.model["adi"] = dc.adi;
    r.model["cv2"] = dc.cv2;
  }
  if (!reasons.list.empty()) {
    r.status = "fallback";
    r.reason = reasons.Join();
  }
  return r;
}

SeriesResult BenchmarkForecast(const std::vector<double>& y_in, int h, const SeriesSettings& s) {
  std::vector<double> y = y_in;
  std::size_t first = 0;
  FillGaps(&y, &first);
  if (y.empty()) return Finish(ZeroForecast(h), Transform{}, h, s);
  return Finish(SimpleForecast(y, std::max(1, s.season), h), Transform{}, h, s);
}

}  // namespace invplan::forecast
