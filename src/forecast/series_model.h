// What the per-series models share: the run's settings, the result of one
// SKU's forecast, the input a model gets, and the finishing step that turns a
// model's Gaussian forecast into a result (back-transform, intervals, clipping,
// predictive distribution).
#pragma once

#include <Eigen/Dense>
#include <functional>
#include <string>
#include <vector>

#include "forecast/arima/arima.h"
#include "forecast/local/intermittent.h"
#include "forecast/model_forecast.h"
#include "forecast/transform.h"
#include "invplan/artifact.h"
#include "invplan/forecast.h"
#include "invplan/forecast_artifact.h"

namespace invplan::forecast {

struct SeriesSettings {
  std::string model = "auto";  // a per-series model of the registry (registry.h)
  bool fixed_order = false;
  ArimaOrder order;                       // with fixed_order; order.s is ignored (season below)
  int approximation = -1;                 // AutoArimaOptions::approximation
  std::string ets_model = "ZZZ";          // ForecastOptions::ets_model, checked
  std::string select = "combo";           // ForecastOptions::select: combo|aicc|backtest
  bool median = false;                    // ForecastOptions::combine is "median"
  std::string theta_method = "standard";  // ForecastOptions::theta_method
  // ForecastOptions::combo_members, checked (arima|ets|theta|ces, no repeats).
  std::vector<std::string> combo_members{"arima", "ets", "theta"};
  TransformSpec transform;
  int season = 1;
  std::vector<double> levels{80.0, 95.0};
  CrostonVariant croston = CrostonVariant::kSba;
  std::vector<std::string> regressor_names;  // columns of xreg
  // --fourier: its terms are the last fourier_columns columns of xreg (after
  // the --regressors), taken as regressors by arima and auto, else removed by
  // regression before the model (seasonal/seasonal_series.h).
  std::vector<FourierPeriod> fourier;
  int fourier_columns = 0;
  bool fourier_as_regressors = false;
  // --decompose mstl with these periods (resolved: never empty then).
  bool decompose_mstl = false;
  std::vector<int> seasonal_periods;
};

struct SeriesResult {
  std::string model_name, spec, demand_class = "none", status = "ok", reason;
  Json model = Json::object();
  std::vector<double> mean;
  std::vector<std::vector<double>> lo, hi;  // [level][step], clipped at 0
  // [step]: the distribution the model produced, not clipped: its quantiles at
  // the levels' tail probabilities are lo/hi before the clip at 0.
  std::vector<PointDistribution> distribution;
  // [step]: how much the model's correlated errors widen the variance of the
  // sum of steps 1..step+1 over the independent sum (SumWidening of
  // model_forecast.h); empty: independent steps.
  std::vector<double> widening;
};

// Collects fallback reasons; the series is "fallback" as soon as there is one.
struct Reasons {
  std::vector<std::string> list;
  void Add(const std::string& r) { list.push_back(r); }
  std::string Join() const;
};

// What a per-series model is given: the history with gaps filled (finite, not
// all zero), its regressors (y.size() × k) and their future values (h × k).
struct SeriesInput {
  const std::vector<double>& y;
  const Eigen::MatrixXd& xreg;
  const Eigen::MatrixXd& future_xreg;
  int h;
  const SeriesSettings& settings;
  const DemandClass& demand;
};

// Mean, intervals and distribution of a Gaussian forecast `f` made on the
// scale of `t`: means bias-adjusted back, bounds the back-transformed normal
// quantiles, both clipped at 0; the distribution is the normal on t's scale.
// Copies f's name, spec and model object (plus the transform) into the result.
SeriesResult FinishForecast(const ModelForecast& f, const Transform& t, int h,
                            const SeriesSettings& s);

// The normal of a point forecast with mean m and standard error se on the
// scale of `t`, as written in the artifact.
PointDistribution NormalDistribution(double m, double se, const Transform& t);

// A zero forecast with zero-width intervals (model "zero").
ModelForecast ZeroForecast(int h);

// The simplest model the series supports, for fallbacks: seasonal naive when
// longer than a season m > 1, else naive, else the mean.
ModelForecast SimpleForecast(const std::vector<double>& y, int m, int h);

// A constant history: the naive forecast (zero-width intervals) with the
// reason "constant series", the fallback every fitted model shares; false
// (and `out` untouched) when the history varies.
bool ConstantSeriesForecast(const SeriesInput& in, Reasons* reasons, SeriesResult* out);

// One model fitted on the --transform scale of the history: `fit(w, m)` on
// the transformed series w (season m >= 1), then FinishForecast. When fit
// throws ModelFitError the simplest non-seasonal model takes over and the
// reason is recorded: "<what>: <fallback>", or with a `model` name
// "<model> failed (<what>): <fallback>".
using TransformedFit = std::function<ModelForecast(const std::vector<double>& w, int m)>;
SeriesResult FitOnTransformedScale(const TransformedFit& fit, const SeriesInput& in,
                                   Reasons* reasons, const std::string& model = "");

// Throws ModelFitError when a forecast is not finite or leaves the range of
// the fitted data `w` by far (an exploding fit).
void CheckSane(const ModelForecast& f, const std::vector<double>& w);

}  // namespace invplan::forecast
