#include "forecast/arima/arima_series.h"

#include <algorithm>
#include <cmath>

#include "forecast/arima/arima_state.h"
#include "forecast/fit_error.h"
#include "forecast/local/baselines.h"

namespace invplan::forecast {
namespace {

// Above this, likelihood optimisation loses precision; the baselines still work.
constexpr double kHugeValue = 1e12;

// Removes regressor columns that are constant over the history (no information,
// and a singular regression with the constant).
void DropConstantColumns(Eigen::MatrixXd* xreg, Eigen::MatrixXd* fxreg,
                         std::vector<std::string>* names, std::vector<std::string>* dropped,
                         std::vector<int>* kept_columns) {
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
  kept_columns->assign(keep.begin(), keep.end());
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
                           const std::vector<std::string>& names, const std::vector<int>& columns) {
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
  ArimaFilterState filter;
  ArimaPrediction p = PredictArima(model, w, xreg, fxreg, h, &filter);
  ModelForecast f;
  f.name = "arima";
  f.spec = model.Spec();
  f.model = model.ToJson(names);
  f.model["state"] = ArimaStateJson(model, filter, columns);
  f.mean = std::move(p.mean);
  f.se = std::move(p.se);
  f.sum_se = std::move(p.sum_se);
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
    return FinishForecast(SimpleForecast(y, 1, h), Transform{}, h, s);
  }
  double biggest = 0;
  for (double v : y) biggest = std::max(biggest, std::abs(v));
  if (biggest > kHugeValue) {
    reasons->Add("values above 1e12: ARIMA not fitted");
    return FinishForecast(SimpleForecast(y, m, h), Transform{}, h, s);
  }
  std::string note;
  Transform t = Transform::For(s.transform, y, m, &note);
  std::vector<double> w = t.Forward(y);
  std::vector<std::string> names = s.regressor_names, dropped;
  std::vector<int> columns;
  DropConstantColumns(&xreg, &fxreg, &names, &dropped, &columns);

  int season = m;
  // Two full seasons plus a few points are the least a seasonal model needs.
  if (m > 1 && static_cast<int>(y.size()) < 2 * m + 3) {
    reasons->Add("too short for season " + std::to_string(m) + " (" + std::to_string(y.size()) +
                 " observations): non-seasonal ARIMA");
    season = 1;
  }
  ModelForecast f;
  try {
    f = FitArimaOnce(w, xreg, fxreg, season, h, s, names, columns);
  } catch (const ModelFitError& e) {
    bool recovered = false;
    if (season > 1) {
      try {
        f = FitArimaOnce(w, xreg, fxreg, 1, h, s, names, columns);
        reasons->Add(std::string("seasonal ARIMA failed (") + e.what() + "): non-seasonal ARIMA");
        recovered = true;
      } catch (const ModelFitError&) {
      }
    }
    if (!recovered) {
      ModelForecast simple = SimpleForecast(y, m, h);
      reasons->Add(std::string("ARIMA failed (") + e.what() + "): " + simple.name);
      return FinishForecast(simple, Transform{}, h, s);
    }
  }
  SeriesResult r = FinishForecast(f, t, h, s);
  if (!note.empty()) r.model["transform_note"] = note;
  if (!dropped.empty()) r.model["regressors_dropped"] = dropped;
  return r;
}

}  // namespace

SeriesResult ArimaSeriesForecast(const SeriesInput& in, Reasons* reasons) {
  if (SeriesResult constant; ConstantSeriesForecast(in, reasons, &constant)) return constant;
  return ArimaPath(in.y, in.xreg, in.future_xreg, in.h, in.settings, reasons);
}

}  // namespace invplan::forecast
