// Nightly updates without refitting (--update-from): each SKU's model of an
// earlier forecast artifact is continued over the periods its history grew
// by, instead of being fitted again.
//
// Rules, per SKU (the reason is written as "fit_reason"):
//   config_changed   the earlier artifact was made with another fit
//                    configuration (FitConfig: model, season, frequency,
//                    ARIMA order and search, ETS model, transform, Croston
//                    variant, regressors): every SKU refits
//   new_sku          the SKU is not in the earlier artifact
//   history_changed  the history up to the earlier history_end differs (its
//                    checksum, start or regressors), or the history is shorter
//   gap_at_end       the earlier history ended in missing values (they were
//                    filled by repeating the last value, which a later value
//                    changes)
//   model_age        more than --refit-after periods since the parameters
//                    were fitted (fitted_through)
//   no_state         the earlier model cannot be continued: zero, combo, rnn,
//                    a transform other than none, or no "state" (older runs)
//   one_step_errors  the new periods' one-step errors reject the model: the
//                    sum of squared standardized errors exceeds the chi-square
//                    quantile at 99% with as many degrees of freedom as new
//                    periods (Wilson–Hilferty approximation)
//   unusable_state   the state could not be continued (malformed, or the
//                    continued forecast is not finite / explodes)
// Otherwise "fit": "updated" with fit_reason "history_extended" (or
// "no_new_periods"): parameters kept, the filter run over the new periods
// only, the forecast made from the new state. Runs without --update-from
// write "fit": "refit", "fit_reason": "full_run".
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "forecast/series_model.h"
#include "invplan/forecast.h"
#include "invplan/panel.h"

namespace invplan::forecast {

// The options that change what a model fits, as written in the artifact's
// header ("fit_config"): an earlier artifact with another one is not continued.
Json FitConfig(const ForecastOptions& o, const SeriesSettings& s, Frequency f);

// FNV-1a over the bit patterns of the first `n` values of y (NaN counted as
// one pattern) and of the regressor rows, as 16 hex digits.
std::string HistoryChecksum(const std::vector<double>& y, const Eigen::MatrixXd& x, std::size_t n);

// The chi-square quantile at probability 0.99 with k degrees of freedom
// (Wilson–Hilferty: k (1 - 2/(9k) + z sqrt(2/(9k)))^3, z = 2.3263).
double ChiSquare99(int k);

// The earlier artifact, indexed by SKU and location. It is parsed whole, then
// held without its points (the model objects and history fields remain), so
// an update needs memory for the earlier artifact's models besides the run's
// own blocks of series.
class PreviousForecast {
 public:
  // Reads `path` (Error(kArtifact) when it is not a forecast artifact or of a
  // newer schema; Error(kBadInput) when it cannot be read) and compares its
  // fit configuration with `config`.
  PreviousForecast(const std::string& path, const Json& config, Frequency frequency, RunInfo* run);
  bool config_matches() const { return config_matches_; }
  // The series entry of a SKU, or null.
  const Json* Find(const std::string& sku, const std::string& location) const;

 private:
  Json doc_;
  std::unordered_map<std::string, std::size_t> index_;
  bool config_matches_ = false;
};

// What an update decided for one SKU: the fields written beside the series
// (fit, fit_reason, fitted_through, the one-step test) and, when updated, the
// result.
struct UpdateOutcome {
  bool updated = false;
  SeriesResult result;
  Json fields = Json::object();
};

// The per-SKU fields of a fit (fit: refit, the reason, fitted_through = the
// history's end).
Json RefitFields(const std::string& reason, std::int64_t history_end, Frequency f);

// Tries to continue the earlier model of series `s` (x: its regressors,
// fx: their future values). `previous` may be null (new SKU).
UpdateOutcome UpdateSeries(const Json* previous, bool config_matches, const Series& s,
                           const Eigen::MatrixXd& x, const Eigen::MatrixXd& fx, int h,
                           int refit_after, const SeriesSettings& settings, Frequency f);

}  // namespace invplan::forecast
