#include "forecast/options_check.h"

#include <cmath>

#include "common/csv_reader.h"
#include "forecast/ets/ets.h"
#include "forecast/registry.h"
#include "forecast/seasonal/fourier.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

std::vector<int> ParseIntList(const std::string& text, const char* option) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    double v;
    if (!ParseNumber(text.substr(start, end - start), &v) || v < 0 || v > 10 ||
        v != std::floor(v)) {
      throw UsageError(std::string(option) + ": expected three integers 0..10 like 1,1,1, got \"" +
                       text + "\"");
    }
    out.push_back(static_cast<int>(v));
    start = end + 1;
  }
  if (out.size() != 3) {
    throw UsageError(std::string(option) + ": expected three integers like 1,1,1, got \"" + text +
                     "\"");
  }
  return out;
}

// --fourier, --decompose and --seasonal-periods: which models take them, and
// how (seasonal/seasonal_series.h). The periods of mstl are resolved per run
// (ResolveSeasonalPeriods); the Fourier columns follow the regressors.
void CheckSeasonality(const ForecastOptions& o, const std::string& model, bool global,
                      SeriesSettings* s) {
  const bool mstl = o.decompose == "mstl";
  if (!o.seasonal_periods.empty() && !mstl) {
    throw UsageError("--seasonal-periods applies to --decompose mstl");
  }
  if (!mstl && o.fourier.empty()) return;
  const std::string what = mstl ? "--decompose mstl" : "--fourier";
  if (mstl && !o.fourier.empty()) {
    throw UsageError(
        "--fourier with --decompose mstl: choose one way to model the long seasons (Fourier "
        "terms, or MSTL components with --seasonal-periods)");
  }
  if (global || model == "croston" || model == "tsb") {
    throw UsageError(what +
                     " applies to the per-series models with a level (auto, arima, ets, "
                     "theta, combo and the baselines), not " +
                     o.model);
  }
  s->decompose_mstl = mstl;
  s->seasonal_periods = o.seasonal_periods;
  s->fourier = o.fourier;
  s->fourier_columns = static_cast<int>(FourierNames(o.fourier).size());
  s->fourier_as_regressors = FindLocalModel(model)->regressors;
  if (s->fourier_as_regressors) {
    for (const std::string& name : FourierNames(o.fourier)) s->regressor_names.push_back(name);
  }
}

}  // namespace

SeriesSettings ValidateOptions(const ForecastOptions& o) {
  SeriesSettings s;
  const GlobalModelEntry* global = FindGlobalModel(o.model);
  if (global) {
    // The per-series settings only serve the fallbacks and the benchmark.
    s.model = "snaive";
  } else if (FindLocalModel(o.model)) {
    s.model = o.model;
  } else {
    throw UsageError("--model: unknown model \"" + o.model + "\" (expected " + ModelNames() + ")");
  }
  for (const std::string& type : o.exclude_anomalies) {
    if (type != "data_error" && type != "demand_spike" && type != "demand_drop" &&
        type != "stockout") {
      throw UsageError("--exclude-anomalies: unknown type \"" + type +
                       "\" (expected data_error, demand_spike, demand_drop or stockout)");
    }
  }
  // --save-model and --load-model are the recurrent network's options.
  const bool rnn = o.model == "rnn";
  if (!rnn && (!o.rnn.save_model.empty() || !o.rnn.load_model.empty())) {
    throw UsageError("--save-model and --load-model need --model rnn");
  }
  if (rnn && !o.rnn.load_model.empty() && o.holdout > 0) {
    throw UsageError(
        "--holdout with --load-model: a backtest trains its own network without the held-out "
        "periods; leave out --load-model");
  }
  if (!o.seasonal_order.empty() && o.order.empty()) {
    throw UsageError("--seasonal-order needs --order");
  }
  if (!o.order.empty()) {
    if (s.model != "arima" && s.model != "auto") {
      throw UsageError("--order applies to --model arima, not " + o.model);
    }
    s.model = "arima";
    auto v = ParseIntList(o.order, "--order");
    s.fixed_order = true;
    s.order.p = v[0], s.order.d = v[1], s.order.q = v[2];
    if (!o.seasonal_order.empty()) {
      auto w = ParseIntList(o.seasonal_order, "--seasonal-order");
      s.order.P = w[0], s.order.D = w[1], s.order.Q = w[2];
    }
    if (s.order.d > 2 || s.order.D > 1) {
      throw UsageError("--order/--seasonal-order: at most d = 2 and D = 1 differences");
    }
  }
  if (!ParseEtsRequest(o.ets_model, nullptr)) {
    throw UsageError(
        "--ets-model: expected error A|M|Z, trend N|A|Ad|Z, season N|A|M|Z (and not "
        "an additive error with a multiplicative season), got \"" +
        o.ets_model + "\"");
  }
  if (o.ets_model != "ZZZ" && s.model != "ets") {
    throw UsageError("--ets-model applies to --model ets, not " + o.model);
  }
  s.ets_model = o.ets_model;
  s.select = o.select;
  s.median = o.combine == "median";
  s.theta_method = o.theta_method;
  if (o.combo_members.empty()) {
    throw UsageError("--combo-members: give at least one of arima, ets, theta, ces");
  }
  for (std::size_t i = 0; i < o.combo_members.size(); ++i) {
    const std::string& name = o.combo_members[i];
    if (name != "arima" && name != "ets" && name != "theta" && name != "ces") {
      throw UsageError("--combo-members: unknown member \"" + name +
                       "\" (expected arima, ets, theta or ces)");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (o.combo_members[j] == name) {
        throw UsageError("--combo-members: \"" + name + "\" is given twice");
      }
    }
  }
  if (o.combo_members != ForecastOptions().combo_members && s.model != "combo" &&
      s.model != "auto") {
    throw UsageError("--combo-members applies to --model combo and auto, not " + o.model);
  }
  s.combo_members = o.combo_members;
  s.approximation = o.arima_search == "auto" ? -1 : (o.arima_search == "approximate" ? 1 : 0);
  if (!ParseTransform(o.transform, &s.transform)) {
    throw UsageError("--transform: expected none|log|boxcox|boxcox:LAMBDA, got \"" + o.transform +
                     "\"");
  }
  s.croston = o.croston == "sba" ? CrostonVariant::kSba : CrostonVariant::kClassic;
  s.levels = o.levels;
  if (!o.regressors.empty()) {
    if (global ? !global->regressors : !FindLocalModel(s.model)->regressors) {
      throw UsageError("--regressors need --model arima, auto or rnn");
    }
    if (o.future.empty()) {
      throw UsageError("--regressors need --future FILE with their values over the horizon");
    }
  }
  s.regressor_names = o.regressors;
  CheckSeasonality(o, s.model, global != nullptr, &s);
  return s;
}

OutputPaths OutputPathsFor(const ForecastOptions& o) {
  if (o.format == OutputFormat::kCsv) {
    if (!o.csv_path.empty()) {
      throw UsageError("--format csv already writes CSV to --output; --csv is for JSON runs");
    }
    return {"", o.output};
  }
  return {o.output, o.csv_path};
}

}  // namespace invplan::forecast
