// invplan/forecast_artifact.h — the forecast artifact (format "invplan.forecast"),
// the contract between `forecast` and the stages that read it (detect, train-rl,
// optimize).
//
// JSON layout (after the envelope of invplan/artifact.h):
//   frequency  "D"|"W"|"M"|"Q"|"Y"
//   horizon    number of periods forecast
//   levels     interval levels in percent, e.g. [80, 95]
//   quantiles  (schema 3) the requested quantile levels in (0, 1), e.g. [0.5, 0.9]
//   clipped_at_zero  true: means and bounds were clipped at 0 (demand is never negative)
//   series: [{
//     sku, location (only when the input has locations),
//     model: {name, spec, coefficients: {...}, sigma2, aicc, loglik},
//     demand_class: "smooth"|"erratic"|"intermittent"|"lumpy"|"none",
//     status: "ok"|"fallback", reason (with fallback),
//     history_end: date of the last period of history,
//     history_start, history_checksum, fit, fit_reason, fitted_through,
//     one_step_test: how the model came about (nightly updates, see
//     src/forecast/update/update.h; model.state holds what continues it),
//     forecast: [{date, mean, lo80, hi80, lo95, hi95, q0.5, q0.9, distribution}, ...]
//               (one lo/hi pair per level, one q key per quantile level)
//     cumulative: [{through, periods, mean, variance, sum, q0.5, q0.9}, ...]
//               (schema 3, see below)
//     backtest: {...} (with --holdout)
//     censored_periods: stock-out periods in the history (only when the sales
//               have a stock column or --stockouts-from was given; how they
//               were fitted is the header's "stockouts": {mode, source})
//   }]
// A level's keys are "lo" and "hi" followed by the level as written (80, 95, 99.5);
// a quantile level's key is "q" followed by the level as written (q0.9, q0.995).
// q keys of a point (schema 3): the quantiles of the point's demand as
// common/forecast_distribution.h reads its distribution (PointDemand), i.e. of
// the demand censored at 0 (whole units for the count families).
// cumulative (schema 3): entry h-1 is the total demand over forecast periods
// 1..h ("through" is the date of period h, "periods" is h): "mean" the running
// sum of the points' means, "variance" the variance of that total with the
// model's correlated forecast errors (src/forecast/model_forecast.h states the
// rule per model), "sum" the family of the total's distribution ("count":
// the count distribution with those moments, "lognormal": the log-normal with
// them; see common/forecast_distribution.h), q keys its quantiles.
// distribution (schema 2): the point's predictive distribution before the clip
// at 0, with only the fields of its family:
//   {"family": "normal", "mu", "sigma", "transform" (unless none), "scale" (unless 1),
//    "shift" (unless 0)} | {"family": "negbin", "mu", "size"} | {"family": "poisson", "mu"}
//   | {"family": "quantiles", "quantiles": [[probability, value], ...]}
// Schema-1 artifacts have no distribution, schema-2 ones no quantiles and no
// cumulative demand; schemas 1 to 3 are read, newer ones are rejected.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/panel.h"

namespace invplan {

constexpr const char* kForecastFormat = "invplan.forecast";
constexpr int kForecastSchema = 3;

// The predictive distribution of one forecast point as the model produced it
// (schema 2). Schema-1 artifacts carry only the mean and interval bounds: their
// points read back with family kNone, and common/forecast_distribution.h states
// how a distribution is then derived from the bounds.
enum class DistributionFamily {
  kNone,       // not recorded (schema 1): derive from mean and bounds
  kNormal,     // normal with location `mu` and scale `sigma` on the scale of `transform`
  kNegBin,     // negative binomial counts: mean `mu`, size `size` (variance mu + mu^2/size)
  kPoisson,    // Poisson counts with mean `mu`
  kQuantiles,  // only quantiles are known: `quantiles` (probability, value), increasing
};

struct PointDistribution {
  DistributionFamily family = DistributionFamily::kNone;
  double mu = 0.0;
  double sigma = 0.0;     // kNormal
  double size = 0.0;      // kNegBin
  std::string transform;  // kNormal: "" (none), "log", "log1p" or "boxcox:LAMBDA"
  std::vector<std::pair<double, double>> quantiles;  // kQuantiles
  // kNormal: the normal is that of transform(y / scale + shift). The recurrent
  // network's Gaussian head models log1p(y / scale) with a per-window scale; a
  // Box-Cox transform of a series with zeros is applied to y + 1. Written only
  // when not 1 and 0.
  double scale = 1.0;
  double shift = 0.0;
};

struct ForecastPoint {
  std::int64_t period = 0;  // period index (see invplan/panel.h)
  double mean = 0.0;
  std::vector<double> lo, hi;     // one per level, same order as ForecastSet::levels
  std::vector<double> quantiles;  // one per ForecastSet::quantiles (schema 3)
  PointDistribution distribution;
};

// The total demand over forecast periods 1..h of one series (schema 3).
struct CumulativePoint {
  double mean = 0.0, variance = 0.0;
  bool counts = true;             // "sum": "count" (true) or "lognormal"
  std::vector<double> quantiles;  // one per ForecastSet::quantiles
};

struct SeriesForecast {
  std::string sku, location;
  std::string model_name;  // e.g. "arima", "croston", "rnn"
  std::string spec;        // e.g. "ARIMA(1,1,1)(0,1,1)[12]"
  std::string demand_class;
  std::string status = "ok";  // "ok" or "fallback"
  std::string reason;
  std::int64_t history_end = 0;  // last period of history
  std::vector<ForecastPoint> points;
  // [h-1]: periods 1..h; empty for artifacts before schema 3 (consumers then
  // sum the periods as independent).
  std::vector<CumulativePoint> cumulative;
  Json model = Json::object();  // full model object as written (coefficients, sigma2, ...)
  Json backtest;                // null unless --holdout
  Json excluded;                // [{date, type, value}] points excluded (--anomalies); null: none
  // Stock-out periods in the history (closing stock <= 0, or --stockouts-from
  // records; src/forecast/stockouts.h): with sales, censored at them; without,
  // demand unknown. -1: the input had no stock-out signal (not written).
  std::int64_t censored_periods = -1;
  // How the model came about, written as fields of the series entry:
  // history_start, history_checksum, fit ("refit"|"updated"), fit_reason,
  // fitted_through, one_step_test (see src/forecast/update/update.h). Null
  // or an object; not read back by ReadForecastArtifact.
  Json fit;
};

struct ForecastSet {
  Frequency frequency = Frequency::kDay;
  int horizon = 0;
  std::vector<double> levels{80.0, 95.0};
  std::vector<double> quantiles;  // quantile levels in (0, 1) (schema 3)
  bool clipped_at_zero = true;
  std::vector<SeriesForecast> series;
};

// "lo80"/"hi80" style key for a level ("q0.9" with prefix "q").
std::string LevelKey(const char* prefix, double level);

// Reads and validates a forecast artifact. Throws Error(kArtifact) for anything
// malformed (naming the file and the series), Error(kBadInput) if it cannot be opened.
ForecastSet ReadForecastArtifact(const std::string& path, InputInfo* info = nullptr);

// The "series" entry for one forecast, as ReadForecastArtifact reads it back.
Json SeriesForecastToJson(const SeriesForecast& s, Frequency f, const std::vector<double>& levels,
                          const std::vector<double>& quantiles = {});

}  // namespace invplan
