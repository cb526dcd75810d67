// One SKU's forecast with a per-series model of the registry: gap filling,
// demand classification, the model (fallbacks with a reason), intervals,
// clipping and the predictive distribution. Pure function of its inputs (no
// shared state), so the stage runs it in parallel.
//
// Fallback chain (status "fallback" and a reason when taken):
//   no observations / all zeros  → zero forecast (model "zero")
//   NaN gaps                     → interpolated linearly before fitting
//   a model's ModelFitError      → naive (mean for one observation), unless the
//                                  model has its own chain (arima/arima_series.h,
//                                  local/local_series.h)
// Only ModelFitError is caught: std::bad_alloc, logic errors and invplan::Error
// propagate.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "forecast/series_model.h"

namespace invplan::forecast {

// y: history (NaN = missing); xreg: y.size() × k regressors (k may be 0);
// future_xreg: h × k. settings.model must name a local model of the registry.
SeriesResult ForecastSeries(const std::vector<double>& y, const Eigen::MatrixXd& xreg,
                            const Eigen::MatrixXd& future_xreg, int h,
                            const SeriesSettings& settings);

// Drops leading missing values and interpolates the others linearly (trailing
// ones repeat the last value), as every model sees the history. Returns how
// many were filled; `first` receives the index of the first kept value.
std::size_t FillGaps(std::vector<double>* y, std::size_t* first);

// The model "auto": classifies the demand (Syntetos–Boylan) and uses the model
// settings.select picks for smooth/erratic series (select/select_series.h),
// Croston (TSB for series that look obsolete: a run of zeros longer than twice
// the mean interval) for intermittent/lumpy ones.
SeriesResult AutoSeriesForecast(const SeriesInput& input, Reasons* reasons);

// The seasonal naive benchmark used in backtests (naive when the history is
// not longer than a season), intervals clipped at 0 like every forecast.
SeriesResult BenchmarkForecast(const std::vector<double>& y, int h, const SeriesSettings& settings);

}  // namespace invplan::forecast
