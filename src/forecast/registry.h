// The forecasting models of the stage, by their --model name.
//
// Two kinds:
//  * per-series ("local") models are fitted to one SKU's history at a time, in
//    parallel: a function from the series to its result (LocalModel);
//  * global models are trained across all SKUs at once and then forecast each
//    of them (GlobalModel), like the recurrent network.
// The stage (forecast_stage.cc) knows models only through this registry.
//
// Adding a model:
//  1. Put it in its own folder, src/forecast/<family>/ (the library globs
//     src/forecast recursively, so it builds without CMake changes). A local
//     model provides `SeriesResult F(const SeriesInput&, Reasons*)`: where it
//     cannot be fitted it throws ModelFitError (fit_error.h), or handles that
//     itself with a simpler model and a reason; an escaping ModelFitError gives
//     the series the simplest model (SimpleForecast) with what() as reason.
//     FinishForecast (series_model.h) turns a Gaussian ModelForecast into the
//     result with its distribution. A global model implements GlobalModel and
//     a factory returning it.
//  2. Add one line to LocalModels() or GlobalModels() in registry.cc (and the
//     include of its header). The --model help text and the check of --model
//     come from this list.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "forecast/series_model.h"
#include "invplan/forecast.h"

namespace invplan::forecast {

// A model fitted to one series; `reasons` receives the fallbacks it takes.
using LocalForecastFn = SeriesResult (*)(const SeriesInput& input, Reasons* reasons);

struct LocalModel {
  const char* name;  // the --model value
  LocalForecastFn forecast;
  bool regressors;  // uses --regressors (xreg)
};

// One series as a global model sees it.
struct GlobalSeries {
  std::string key;  // SKU (and location) identifying the series to the model
  std::int64_t start = 0;
  std::vector<double> y;  // history, NaN = missing
  // censored[t] != 0: y[t] is a lower bound of the demand (a stock-out's sales,
  // --stockouts censor); empty: none.
  std::vector<char> censored;
  Eigen::MatrixXd x;   // y.size() × regressors (gaps filled)
  Eigen::MatrixXd fx;  // horizon × regressors: values after the history
};

// What a global model knows of the run.
struct GlobalContext {
  const ForecastOptions& options;
  const SeriesSettings& settings;  // levels, season and the model of its fallbacks
  Frequency frequency;
  RunContext& ctx;  // threads, seed and the run record (inputs are appended)
};

struct GlobalForecasts {
  std::vector<SeriesResult> forecasts;  // one per series, in input order
  Json training = Json::object();       // written once per run (header or backtest)
};

class GlobalModel {
 public:
  virtual ~GlobalModel() = default;
  // Called once the panel is loaded, before the horizon is settled: loads and
  // checks what the options bring (a saved model). Returns the horizon the
  // model is bound to, 0 when the options decide. Throws Error(kUsage) for an
  // incompatible saved model.
  virtual int Prepare(const GlobalContext& context) = 0;
  // Forecasts `horizon` periods after each series, every series getting a
  // result (fallbacks with a reason). `backtest`: the histories lack the held
  // out periods; a fresh model is trained for them and nothing is saved.
  virtual GlobalForecasts Forecast(const GlobalContext& context,
                                   const std::vector<GlobalSeries>& series, int horizon,
                                   bool backtest) = 0;
};

struct GlobalModelEntry {
  const char* name;  // the --model value
  std::unique_ptr<GlobalModel> (*make)();
  bool regressors;  // uses --regressors
};

const std::vector<LocalModel>& LocalModels();
const std::vector<GlobalModelEntry>& GlobalModels();
// nullptr when `name` is not a model of that kind.
const LocalModel* FindLocalModel(const std::string& name);
const GlobalModelEntry* FindGlobalModel(const std::string& name);
// "auto|arima|...|rnn": every model name, local ones first, for messages.
std::string ModelNames();

}  // namespace invplan::forecast
