// invplan/forecast.h — the forecast stage: one forecast per SKU of a sales panel.
//
// RunForecast reads and cleans the sales CSV (the same ingest and cleaning as
// `clean`), fits the chosen model to every SKU in parallel and writes the
// forecast artifact (format invplan.forecast, see invplan/forecast_artifact.h),
// optionally with the points as a flat CSV.
//
// Contracts:
//  * Every SKU gets a forecast. When the requested model cannot be used (all
//    zeros, constant, too short for the season, a failing or exploding fit, NaN
//    gaps, huge values) a simpler model is used and the series is marked
//    status "fallback" with the reason.
//  * Means and interval bounds are clipped at zero (demand is never negative).
//  * Results do not depend on `threads`.
//  * With update_from, each SKU whose history only grew since that artifact
//    keeps its model and parameters and is filtered over the new periods only
//    (rules and reasons in src/forecast/update/update.h); the rest refit.
//  * Series are written as they complete, in panel order, so memory stays
//    bounded by a block of series whatever the number of SKUs.
//  * Errors: Error(kUsage) for bad options (unknown model, bad order),
//    Error(kBadInput) for unreadable inputs and missing future regressor values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/forecast_artifact.h"
#include "invplan/ingest.h"
#include "invplan/options.h"
#include "invplan/run_context.h"

namespace invplan {

// Settings of --model rnn: one global recurrent network trained on all SKUs
// (see src/forecast/rnn/rnn.h for the model).
struct RnnOptions {
  std::string cell = "gru";  // rnn|gru|lstm
  // Output distribution: gaussian (on log1p of the scaled value), negbin
  // (negative binomial on the count) or auto (negbin when every value is a
  // non-negative integer).
  std::string likelihood = "auto";
  int hidden = 40;
  int layers = 1;    // 1 or 2
  int lookback = 0;  // 0: three seasons, at least 12 periods
  int epochs = 30;
  int batches_per_epoch = 50;
  int batch = 64;
  double learning_rate = 3e-3;
  int patience = 5;        // epochs without validation improvement (0: never stop early)
  std::string save_model;  // write the trained network here (invplan.rnn_model)
  std::string load_model;  // forecast with this network instead of training one
};

// One period of --fourier P:K: K sine/cosine pairs of period P (in periods of
// the data's frequency; may be fractional, 365.25).
struct FourierPeriod {
  double period = 0.0;
  int k = 0;
  bool operator==(const FourierPeriod& o) const { return period == o.period && k == o.k; }
};

struct ForecastOptions {
  IngestOptions ingest;
  CleanOptions clean;  // clean.season is also the model's seasonal period
  // auto|arima|ets|theta|ces|combo|naive|snaive|mean|drift|croston|tsb|rnn. auto: classify the
  // demand (Syntetos–Boylan) and use Croston-SBA (TSB for series that look obsolete) for
  // intermittent/lumpy, the model `select` names for smooth/erratic.
  std::string model = "auto";
  // auto's model for smooth/erratic SKUs (src/forecast/select/select_series.h):
  // auto (combo for weekly, monthly, quarterly and yearly data, arima for daily
  // data; resolved once the panel's frequency is known), combo (the
  // combination), aicc (ETS chosen by AICc), arima, backtest (arima, ets, theta
  // or combo by a rolling-origin backtest on the SKU's history). SKUs with
  // regressors keep ARIMA with them whatever the choice.
  std::string select = "auto";
  // How combo (and auto's combination) combines its members' forecasts:
  // mean|median of the point forecasts and standard errors.
  std::string combine = "mean";
  // The Theta model (--model theta and theta inside the combination):
  // standard (as R's thetaf), optimised (OTM), dynamic (DSTM),
  // dynamic-optimised (DOTM) of Fiorucci et al. (2016), or auto (the least
  // in-sample MSE of STM, OTM, DSTM and DOTM); src/forecast/theta/theta_models.h.
  std::string theta_method = "standard";
  // The models combo (and auto's combination) combines: any of arima, ets,
  // theta and ces, each at most once.
  std::vector<std::string> combo_members{"arima", "ets", "theta"};
  std::string order;           // "p,d,q": fixed ARIMA order instead of the search
  std::string seasonal_order;  // "P,D,Q" with `order`
  // ARIMA order search: auto (as R's auto.arima: conditional-sum-of-squares
  // approximation for series longer than 150 or seasons above 12, best
  // candidates refitted exactly) | approximate | exact.
  std::string arima_search = "auto";
  // ETS model as error, trend, season letters (N none, A additive, Ad damped,
  // M multiplicative, Z choose by AICc): ZZZ, AAdN, MNM ... (--model ets).
  std::string ets_model = "ZZZ";
  std::vector<std::string> regressors;  // panel extra columns (arima, auto, rnn)
  std::string future;                   // CSV with the regressors' future values
  // Fourier terms of these periods (src/forecast/seasonal/fourier.h): extra
  // regressors of arima and auto; models without regressors are fitted to the
  // series less its regression on the terms (seasonal/seasonal_series.h).
  std::vector<FourierPeriod> fourier;
  // none|mstl: with mstl the seasonal components of `seasonal_periods` are
  // removed, the model fitted to the adjusted series without a season, and
  // each component's last cycle added back (seasonal/seasonal_series.h).
  std::string decompose = "none";
  // Periods for mstl; empty: the season (7 for daily data) and, for daily
  // data with more than two years of history, 365.
  std::vector<int> seasonal_periods;
  // Anomalies artifact (invplan detect): its records of these types are treated
  // as missing in the history the models are fitted on.
  std::string anomalies;
  std::vector<std::string> exclude_anomalies{"data_error"};
  // Stock-out periods (closing stock <= 0) in the history: auto|censor|missing|keep
  // (auto: censor with a stock column or stockouts_from, else keep); the rule
  // and the modes are in src/forecast/stockouts.h.
  std::string stockouts = "auto";
  std::string stock_col;           // empty: on_hand, onhand, stock or inventory
  std::string stockouts_from;      // anomalies artifact whose "stockout" records are used
  std::string transform = "none";  // none|log|boxcox|boxcox:LAMBDA
  int horizon = 0;                 // 0: D 28, W 13, M 18, Q 8, Y 6
  std::vector<double> levels{80.0, 95.0};
  // Quantile levels in (0, 1) written per point, per cumulative total and
  // scored in the backtest (pinball loss, coverage); empty: none.
  std::vector<double> quantiles;
  int holdout = 0;              // backtest on the last N periods
  RnnOptions rnn;               // with model "rnn"
  std::string croston = "sba";  // croston variant: classic|sba
  // Nightly updates (src/forecast/update/update.h): an earlier forecast
  // artifact whose models are continued over the new periods instead of
  // being refitted; refit_after: refit a model fitted more than this many
  // periods ago (0: no limit).
  std::string update_from;
  int refit_after = 28;
  std::string output;                         // forecast artifact JSON ("-" = stdout; "" = none)
  OutputFormat format = OutputFormat::kJson;  // of `output`: the artifact or the flat CSV
  std::string csv_path;  // the flat CSV of points as well, beside the JSON artifact
  // Keep every series in the returned ForecastSet. Off for large runs that only
  // need the artifact: then the returned set holds no series.
  bool keep_series = true;
};

// Counts for the run summary.
struct ForecastStats {
  std::size_t series = 0;
  std::size_t fallbacks = 0;
  std::vector<std::pair<std::string, std::size_t>> models;   // model name → SKUs
  std::vector<std::pair<std::string, std::size_t>> classes;  // demand class → SKUs
  std::vector<std::pair<std::string, std::size_t>> reasons;  // fallback reason → SKUs
  Json backtest;  // overall backtest (null without holdout)
  double seconds = 0.0;
  std::string output, csv_path;
  // One readable line: SKUs, models, demand classes, fallbacks, backtest.
  std::string Summary() const;
};

// The options of `invplan forecast`, declared once (invplan/options.h).
const OptionTable<ForecastOptions>& ForecastOptionTable();

// Runs the stage; writes options.output (and the CSV) unless output is empty.
// Validates the options (ForecastOptionTable) first.
ForecastSet RunForecast(const ForecastOptions& options, RunContext& ctx,
                        ForecastStats* stats = nullptr);

// The trailer the stage writes after the series of its artifact ("summary" and,
// with holdout > 0, "backtest"), computed from the artifact's "series" entries
// as written: `invplan merge` recomputes it exactly for the union of shards.
// `training`: a global model's backtest training record, or null.
Json ForecastTrailer(const Json& series, const std::vector<double>& levels,
                     const std::vector<double>& quantiles, int holdout, const Json& training);

}  // namespace invplan
