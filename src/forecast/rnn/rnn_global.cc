#include "forecast/rnn/rnn_global.h"

#include <optional>

#include "forecast/rnn/rnn_stage.h"
#include "invplan/error.h"

namespace invplan::forecast {
namespace {

class RnnGlobalModel : public GlobalModel {
 public:
  int Prepare(const GlobalContext& c) override {
    const ForecastOptions& o = c.options;
    if (o.rnn.load_model.empty()) return 0;
    loaded_ = LoadRnnModel(o.rnn.load_model, &c.ctx.run);
    loaded_->set_threads(c.ctx.threads);
    const RnnConfig& config = loaded_->config();
    if (config.frequency != c.frequency) {
      throw UsageError("--load-model " + o.rnn.load_model + ": the network was trained on " +
                       FrequencyCode(config.frequency) + " data, the panel is " +
                       FrequencyCode(c.frequency));
    }
    if (o.horizon > 0 && o.horizon != config.horizon) {
      throw UsageError("--load-model " + o.rnn.load_model + ": the network forecasts " +
                       std::to_string(config.horizon) + " periods, --horizon asks for " +
                       std::to_string(o.horizon));
    }
    if (config.regressors != o.regressors) {
      std::string names;
      for (const auto& r : config.regressors) names += (names.empty() ? "" : ",") + r;
      throw UsageError("--load-model " + o.rnn.load_model + ": the network was trained with " +
                       (names.empty() ? std::string("no regressors") : "--regressors " + names) +
                       "; give the same --regressors (and --future)");
    }
    return config.horizon;
  }

  GlobalForecasts Forecast(const GlobalContext& c, const std::vector<GlobalSeries>& series,
                           int horizon, bool backtest) override {
    const ForecastOptions& o = c.options;
    if (loaded_ && !backtest) {
      GlobalForecasts r = RnnForecastPanel(series, loaded_->config(), c.settings, &*loaded_, "");
      Json t{{"loaded_from", o.rnn.load_model}};
      for (auto it = r.training.begin(); it != r.training.end(); ++it) t[it.key()] = it.value();
      r.training = std::move(t);
      return r;
    }
    RnnConfig config = MakeRnnConfig(o.rnn, c.settings, c.frequency, horizon, o.regressors,
                                     c.ctx.threads, c.ctx.seed);
    return RnnForecastPanel(series, config, c.settings, nullptr, backtest ? "" : o.rnn.save_model);
  }

 private:
  std::optional<RnnModel> loaded_;
};

}  // namespace

std::unique_ptr<GlobalModel> MakeRnnGlobalModel() {
  return std::make_unique<RnnGlobalModel>();
}

}  // namespace invplan::forecast
