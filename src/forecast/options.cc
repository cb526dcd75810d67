// The options of `invplan forecast`, declared once (see invplan/options.h).
#include "forecast/registry.h"
#include "forecast/seasonal/fourier.h"
#include "forecast/seasonal/seasonal_series.h"
#include "invplan/error.h"
#include "invplan/forecast.h"

namespace invplan {
namespace {

using Words = std::vector<std::pair<std::string, std::string>>;

Words Same(std::initializer_list<const char*> words) {
  Words out;
  for (const char* w : words) out.emplace_back(w, w);
  return out;
}

// The --model values are the registry's models (forecast/registry.h).
Words ModelWords() {
  Words out;
  for (const auto& m : forecast::LocalModels()) out.emplace_back(m.name, m.name);
  for (const auto& m : forecast::GlobalModels()) out.emplace_back(m.name, m.name);
  return out;
}

OptionTable<RnnOptions> MakeRnnTable() {
  using R = RnnOptions;
  OptionTable<R> t;
  t.Group("Recurrent network (--model rnn)");
  t.Choice("cell", &R::cell, "Recurrent cell", Same({"gru", "lstm", "rnn"}));
  t.Choice("likelihood", &R::likelihood,
           "Output distribution: negbin (negative binomial counts), gaussian (of log1p(y / "
           "scale)), or auto (negbin when every value is a non-negative integer)",
           Same({"auto", "gaussian", "negbin"}));
  t.Int("hidden", &R::hidden, "Hidden units per layer", 1, 1024);
  t.Int("layers", &R::layers, "Recurrent layers", 1, 2);
  t.Int("lookback", &R::lookback,
        "Observed periods the network reads before the horizon (0: three seasons, at least 12; "
        "never shorter than a season)",
        0, 100000);
  t.Int("epochs", &R::epochs, "Maximum training epochs", 1, 100000);
  t.Int("batches-per-epoch", &R::batches_per_epoch, "Batches of sampled windows per epoch", 1,
        1000000);
  t.Int("batch", &R::batch, "Windows per batch", 1, 100000);
  t.Number("learning-rate", &R::learning_rate, "Adam learning rate", 0.0, 1.0, true, true);
  t.Int("patience", &R::patience,
        "Stop after this many epochs without validation improvement (0: never)", 0, 100000);
  t.Text("save-model", &R::save_model, "Write the trained network to this file (invplan.rnn_model)",
         "FILE");
  t.Text("load-model", &R::load_model, "Forecast with a saved network instead of training one",
         "FILE");
  return t;
}

OptionTable<ForecastOptions> MakeTable() {
  using O = ForecastOptions;
  OptionTable<O> t;
  t.Include(IngestOptionTable(), &O::ingest);
  t.Include(CleanOptionTable(), &O::clean);
  t.Group("Model");
  t.Choice("model", &O::model,
           "auto classifies each SKU's demand: --select's model for smooth/erratic, "
           "Croston-SBA/TSB for intermittent/lumpy; ets: exponential smoothing chosen by AICc; "
           "theta: the Theta method; ces: complex exponential smoothing (seasonal type by AICc); "
           "combo: the combination (--combine) of --combo-members (arima, ets and theta); "
           "rnn trains one recurrent network on all SKUs",
           ModelWords())
      .Short('m');
  t.Choice("select", &O::select,
           "auto's model for smooth/erratic SKUs: auto (combo for weekly, monthly, quarterly and "
           "yearly data, arima for daily data, where the combination measured worse on Rossmann "
           "and costs more CPU every night), combo (the combination of --combo-members, by "
           "default arima, ets and theta), aicc (ETS chosen by AICc; ARIMA's likelihood, of "
           "differenced data, is not comparable), arima (auto-ARIMA; continued by --update-from, "
           "the combination is "
           "refitted), backtest (arima, ets, theta or combo by the mean MASE of up to 3 rolling "
           "origins on the SKU's own history; about 4 times combo's CPU). SKUs with "
           "--regressors keep ARIMA with them",
           Same({"auto", "combo", "aicc", "arima", "backtest"}));
  t.Choice("combine", &O::combine,
           "How combo combines its members: mean, or median (per period, of the point forecasts "
           "and of the standard errors, so interval bounds are near the members' median bounds)",
           Same({"mean", "median"}));
  t.Choice("theta-method", &O::theta_method,
           "The Theta model of --model theta and of the combination: standard (R's thetaf: SES "
           "plus half the trend line's slope), or a model of Fiorucci et al. (2016) fitted by "
           "in-sample MSE: optimised (theta fitted with alpha and the initial level), dynamic "
           "(the trend line refitted each period, theta 2), dynamic-optimised (both), auto (the "
           "least MSE of the four, recorded per SKU)",
           Same({"standard", "optimised", "dynamic", "dynamic-optimised", "auto"}));
  t.TextList("combo-members", &O::combo_members,
             "The models combo (and auto's combination) combines, each at most once: arima, ets, "
             "theta, ces (complex exponential smoothing); with --model combo or auto only",
             "MODELS");
  t.Text("order", &O::order, "Fixed ARIMA order p,d,q instead of the automatic search", "p,d,q");
  t.Text("seasonal-order", &O::seasonal_order, "Seasonal ARIMA order P,D,Q (with --order)",
         "P,D,Q");
  t.Choice("arima-search", &O::arima_search,
           "How the ARIMA order search scores candidates; auto approximates the likelihood by "
           "conditional sums of squares for series longer than 150 periods or seasons above 12 "
           "(as R's auto.arima), then refits the best candidates exactly",
           Same({"auto", "approximate", "exact"}));
  t.Text("ets-model", &O::ets_model,
         "ETS model (--model ets) as error, trend, season: N none, A additive, Ad damped "
         "additive, M multiplicative, Z chosen by AICc (e.g. ZZZ, AAdN, MNM, ZZN)",
         "ETS");
  t.TextList("regressors", &O::regressors,
             "Input columns used as regressors (regression with ARIMA errors, or network inputs "
             "with --model rnn), e.g. promo,holiday");
  t.Text("future", &O::future,
         "CSV with the regressors' values over the horizon (same date/sku columns)", "FILE");
  t.Text("anomalies", &O::anomalies,
         "Anomalies artifact (invplan detect) whose records of the --exclude-anomalies types are "
         "treated as missing in the history",
         "FILE");
  t.TextList("exclude-anomalies", &O::exclude_anomalies,
             "With --anomalies: the types excluded (data_error, demand_spike, demand_drop, "
             "stockout)",
             "TYPES");
  t.Text("transform", &O::transform,
         "none|log|boxcox|boxcox:LAMBDA (log1p when the series has zeros; boxcox without lambda: "
         "Guerrero's choice)",
         "T");
  t.Int("horizon", &O::horizon, "Periods to forecast (0: D 28, W 13, M 18, Q 8, Y 6)", 0, 100000)
      .Short('H');
  t.NumberList("level", &O::levels, "Prediction interval levels in percent", 0.0, 100.0, true);
  t.NumberList("quantiles", &O::quantiles,
               "Quantile levels of each period's demand and of the cumulative demand over periods "
               "1..h, e.g. 0.5,0.9,0.95,0.99 (scored in the backtest by scaled pinball loss and "
               "coverage)",
               0.0, 1.0, true);
  t.Int("holdout", &O::holdout,
        "Backtest: fit without the last N periods and score the forecast of them (MASE, RMSSE, "
        "sMAPE, RMSE, bias, coverage; pinball loss per quantile; seasonal naive alongside)",
        0, 100000);
  t.Choice("croston", &O::croston, "Croston variant (sba: bias-corrected)",
           Same({"sba", "classic"}));
  t.Group("Multiple seasonality");
  t.Custom(
       "fourier",
       "Fourier terms P:K[,P:K...]: K sine/cosine pairs of period P (in periods of the data, "
       "e.g. 365.25:4 for a yearly cycle of daily data), from each date's position, so history, "
       "horizon and nightly updates agree. Regressors of arima and auto; ets, theta, combo and "
       "the baselines are fitted to the series less its regression on the terms, which are added "
       "back to the forecast",
       "P:K", [](O& o, const std::string& text) { o.fourier = forecast::ParseFourier(text); },
       [](const O& o) { return forecast::FourierText(o.fourier); })
      .Check([](const O& o) { forecast::CheckFourier(o.fourier); });
  t.Choice("decompose", &O::decompose,
           "mstl: remove the seasonal components of --seasonal-periods (MSTL, as R's "
           "forecast::mstl), fit the model to the seasonally adjusted series without a season, "
           "and add each component's last cycle back (as R's stlf); intervals from the adjusted "
           "model",
           Same({"none", "mstl"}));
  t.Custom(
       "seasonal-periods",
       "Periods removed by --decompose mstl, e.g. 7,365 (default: the season, and 365 for daily "
       "data with more than two years of history; periods of half the history or more are "
       "skipped)",
       "N,N,...",
       [](O& o, const std::string& text) {
         o.seasonal_periods = forecast::ParseSeasonalPeriods(text);
       },
       [](const O& o) { return forecast::SeasonalPeriodsText(o.seasonal_periods); })
      .Check([](const O& o) { forecast::CheckSeasonalPeriods(o.seasonal_periods); });
  t.Include(MakeRnnTable(), &O::rnn);
  t.Group("Nightly update");
  t.Text("update-from", &O::update_from,
         "An earlier forecast artifact: each SKU whose history only grew keeps its model and "
         "parameters, which run over the new periods only (refit when the history changed "
         "before, the SKU is new, the model is too old, the one-step errors reject it, or the "
         "fit configuration differs)",
         "FILE");
  t.Int("refit-after", &O::refit_after,
        "With --update-from: refit models fitted more than this many periods ago (0: no limit)", 0,
        1000000);
  t.Include(
      ShardOptionTable(), [](auto& o) -> auto& { return o.ingest.shard; });
  t.Group("Stock-outs");
  t.Choice("stockouts", &O::stockouts,
           "Periods that ended with no stock (closing stock <= 0): censor fits demand of at least "
           "the sales (sales 0: missing), missing treats them as missing, keep fits the sales; "
           "auto is censor when there is a stock column or --stockouts-from, else keep",
           Same({"auto", "censor", "missing", "keep"}));
  t.Text("stock-col", &O::stock_col,
         "Closing stock column (default: on_hand, onhand, stock or inventory)", "NAME");
  t.Text("stockouts-from", &O::stockouts_from,
         "Anomalies artifact (invplan detect) whose stockout records are the stock-out periods "
         "(instead of a stock column)",
         "FILE");
  t.Group("Output");
  t.Text("output", &O::output, "Forecast artifact (- for stdout)", "FILE").Short('o').Required();
  t.Choice("format", &O::format,
           "Format of --output: json (the artifact) or csv (the points as a flat CSV)",
           std::vector<std::pair<std::string, OutputFormat>>{{"json", OutputFormat::kJson},
                                                             {"csv", OutputFormat::kCsv}});
  t.Text("csv", &O::csv_path, "The points as a flat CSV as well, beside the JSON artifact", "FILE");
  t.Rule([](const O& o) {
    if (o.levels.empty()) throw UsageError("--level: give at least one level");
    for (std::size_t i = 0; i < o.quantiles.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (o.quantiles[i] == o.quantiles[j]) {
          throw UsageError("--quantiles: " + FormatDouble(o.quantiles[i]) + " is given twice");
        }
      }
    }
    if (!o.update_from.empty() && o.holdout > 0) {
      throw UsageError(
          "--update-from with --holdout: the backtest refits every model, so the update would "
          "save nothing; run the backtest separately");
    }
    if (o.model != "rnn" && (!o.rnn.save_model.empty() || !o.rnn.load_model.empty())) {
      throw UsageError("--save-model and --load-model need --model rnn");
    }
    // One network is trained on all SKUs: a shard's own would forecast differently.
    if (o.ingest.shard.active() && o.model == "rnn" && o.rnn.load_model.empty()) {
      throw UsageError(
          "forecast: --shard with --model rnn needs --load-model: train the network once on "
          "every SKU (--save-model FILE), then forecast each shard with --load-model FILE");
    }
  });
  return t;
}

}  // namespace

const OptionTable<ForecastOptions>& ForecastOptionTable() {
  static const OptionTable<ForecastOptions> kTable = MakeTable();
  return kTable;
}

}  // namespace invplan
