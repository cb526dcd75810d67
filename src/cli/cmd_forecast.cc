#include <cmath>
#include <cstdio>
#include <memory>

#include "cli/options.h"
#include "invplan/forecast.h"

namespace invplan::cli {
namespace {

std::string Counts(const std::vector<std::pair<std::string, std::size_t>>& v) {
  std::string s;
  for (const auto& [k, n] : v) s += (s.empty() ? "" : ", ") + k + " " + std::to_string(n);
  return s;
}

std::string Fixed(const Json& j, const char* key, int digits = 3) {
  if (!j.contains(key) || !j[key].is_number()) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, j[key].get<double>());
  return buf;
}

}  // namespace

Action SetupForecast(CLI::App& app) {
  auto o = std::make_shared<ForecastOptions>();
  AddIngestOptions(app, &o->ingest);
  AddCleanOptions(app, &o->clean);
  app.add_option("-m,--model", o->model,
                 "auto|arima|naive|snaive|mean|drift|croston|tsb|rnn; auto classifies each SKU's "
                 "demand: ARIMA for smooth/erratic, Croston-SBA/TSB for intermittent/lumpy; rnn "
                 "trains one recurrent network on all SKUs")
      ->check(CLI::IsMember(
          {"auto", "arima", "naive", "snaive", "mean", "drift", "croston", "tsb", "rnn"}))
      ->capture_default_str();
  app.add_option("--order", o->order, "Fixed ARIMA order p,d,q instead of the automatic search");
  app.add_option("--seasonal-order", o->seasonal_order,
                 "Seasonal ARIMA order P,D,Q (with --order)");
  app.add_option("--arima-search", o->arima_search,
                 "auto|approximate|exact: how the ARIMA order search scores candidates; auto "
                 "approximates the likelihood by conditional sums of squares for series longer "
                 "than 150 periods or seasons above 12 (as R's auto.arima), then refits the "
                 "best candidates exactly")
      ->check(CLI::IsMember({"auto", "approximate", "exact"}))
      ->capture_default_str();
  app.add_option(
         "--regressors", o->regressors,
         "Input columns used as regressors (regression with ARIMA errors, or network inputs "
         "with --model rnn), e.g. promo,holiday")
      ->delimiter(',');
  app.add_option("--future", o->future,
                 "CSV with the regressors' values over the horizon (same date/sku columns)");
  app.add_option("--transform", o->transform,
                 "none|log|boxcox|boxcox:LAMBDA (log1p when the series has zeros; boxcox without "
                 "lambda: Guerrero's choice)")
      ->capture_default_str();
  app.add_option("-H,--horizon", o->horizon, "Periods to forecast (0: D 28, W 13, M 18, Q 8, Y 6)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--level", o->levels, "Prediction interval levels in percent")
      ->delimiter(',')
      ->check(CLI::Range(0.0, 100.0).description("in (0, 100)"))
      ->capture_default_str()
      ->default_str("80,95");
  app.add_option("--holdout", o->holdout,
                 "Backtest: fit without the last N periods and score the forecast of them "
                 "(MASE, sMAPE, RMSE, bias, coverage; seasonal naive alongside)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--croston", o->croston, "Croston variant: classic|sba (bias-corrected)")
      ->check(CLI::IsMember({"classic", "sba"}))
      ->capture_default_str();
  RnnOptions& r = o->rnn;
  app.add_option("--cell", r.cell, "--model rnn: recurrent cell rnn|gru|lstm")
      ->check(CLI::IsMember({"rnn", "gru", "lstm"}))
      ->capture_default_str();
  app.add_option("--likelihood", r.likelihood,
                 "--model rnn: output distribution: negbin (negative binomial counts), "
                 "gaussian (of log1p(y / scale)), or auto (negbin when every value is a "
                 "non-negative integer)")
      ->check(CLI::IsMember({"auto", "gaussian", "negbin"}))
      ->capture_default_str();
  app.add_option("--hidden", r.hidden, "--model rnn: hidden units per layer")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  app.add_option("--layers", r.layers, "--model rnn: recurrent layers")
      ->check(CLI::Range(1, 2))
      ->capture_default_str();
  app.add_option("--lookback", r.lookback,
                 "--model rnn: observed periods the network reads before the horizon (0: three "
                 "seasons, at least 12; never shorter than a season)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--epochs", r.epochs, "--model rnn: maximum training epochs")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--batches-per-epoch", r.batches_per_epoch,
                 "--model rnn: batches of sampled windows per epoch")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  app.add_option("--batch", r.batch, "--model rnn: windows per batch")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--learning-rate", r.learning_rate, "--model rnn: Adam learning rate")
      ->check(CLI::Range(1e-9, 0.999999).description("in (0, 1)"))
      ->capture_default_str();
  app.add_option("--patience", r.patience,
                 "--model rnn: stop after this many epochs without validation improvement (0: "
                 "never)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--save-model", r.save_model,
                 "--model rnn: write the trained network to this file (invplan.rnn_model)");
  app.add_option("--load-model", r.load_model,
                 "--model rnn: forecast with a saved network instead of training one");
  app.add_option("-o,--output", o->output, "Forecast artifact JSON (- for stdout)")
      ->capture_default_str();
  app.add_option("--format", o->format,
                 "json|csv; csv also writes the points as a flat CSV (to --csv, or next to "
                 "--output with .csv)")
      ->check(CLI::IsMember({"json", "csv"}))
      ->capture_default_str();
  app.add_option("--csv", o->csv_path, "Flat CSV of the forecast points (implies --format csv)");
  return [o](Context& ctx) {
    o->threads = ctx.global.threads;
    o->seed = ctx.global.seed;
    o->keep_series = false;
    ForecastStats st;
    RunForecast(*o, &ctx.run, &st);
    std::string text = "forecast: " + std::to_string(st.series) +
                       " SKUs; models: " + Counts(st.models) + "; classes: " + Counts(st.classes) +
                       "; " + std::to_string(st.fallbacks) + " fallbacks";
    if (!st.reasons.empty()) text += " (" + Counts(st.reasons) + ")";
    if (st.backtest.is_object()) {
      text += "; backtest MASE " + Fixed(st.backtest["model"], "mase") + " vs seasonal naive " +
              Fixed(st.backtest["snaive"], "mase");
      const Json& m = st.backtest["model"];
      for (auto it = m.begin(); it != m.end(); ++it) {
        if (it.key().rfind("coverage", 0) == 0 && it.value().is_number()) {
          text += ", " + it.key() + " " + Fixed(m, it.key().c_str(), 2);
        }
      }
    }
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f", st.seconds);
    text += "; " + std::string(secs) + " s";
    if (!st.output.empty() && st.output != "-") text += " -> " + st.output;
    if (!st.csv_path.empty() && st.csv_path != "-") text += ", " + st.csv_path;
    Summary(ctx, text);
  };
}

}  // namespace invplan::cli
