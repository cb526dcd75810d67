// One SKU's forecast: model choice, the fallback chain, back-transform,
// intervals and clipping. Pure function of its inputs (no shared state), so the
// stage runs it in parallel.
//
// Fallback chain (status "fallback" and a reason when taken):
//   no observations / all zeros  → zero forecast (model "zero")
//   NaN gaps                     → interpolated linearly before fitting
//   constant series (arima/auto) → naive, zero-width intervals
//   values above 1e12 (arima)    → seasonal naive / naive
//   too short for the season     → non-seasonal ARIMA (or naive instead of snaive)
//   too short for ARIMA (< 4)    → naive / mean
//   failing or exploding fit     → non-seasonal ARIMA if the seasonal one failed,
//                                  then seasonal naive / naive / mean
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "forecast/arima/arima.h"
#include "forecast/local/intermittent.h"
#include "forecast/transform.h"
#include "invplan/artifact.h"

namespace invplan::forecast {

enum class ModelKind { kAuto, kArima, kNaive, kSnaive, kMean, kDrift, kCroston, kTsb };

// Parses a --model value; false if unknown.
bool ParseModelKind(const std::string& text, ModelKind* kind);

struct SeriesSettings {
  ModelKind model = ModelKind::kAuto;
  bool fixed_order = false;
  ArimaOrder order;        // with fixed_order; order.s is ignored (season below)
  int approximation = -1;  // AutoArimaOptions::approximation
  TransformSpec transform;
  int season = 1;
  std::vector<double> levels{80.0, 95.0};
  CrostonVariant croston = CrostonVariant::kSba;
  std::vector<std::string> regressor_names;  // columns of xreg
};

struct SeriesResult {
  std::string model_name, spec, demand_class = "none", status = "ok", reason;
  Json model = Json::object();
  std::vector<double> mean;
  std::vector<std::vector<double>> lo, hi;  // [level][step], clipped at 0
};

// y: history (NaN = missing); xreg: y.size() × k regressors (k may be 0);
// future_xreg: h × k.
SeriesResult ForecastSeries(const std::vector<double>& y, const Eigen::MatrixXd& xreg,
                            const Eigen::MatrixXd& future_xreg, int h,
                            const SeriesSettings& settings);

// The seasonal naive benchmark used in backtests (naive when the history is
// not longer than a season), intervals clipped at 0 like every forecast.
SeriesResult BenchmarkForecast(const std::vector<double>& y, int h, const SeriesSettings& settings);

}  // namespace invplan::forecast
