#include "forecast/registry.h"

#include "forecast/arima/arima_series.h"
#include "forecast/ces/ces_series.h"
#include "forecast/combo/combo_series.h"
#include "forecast/ets/ets_series.h"
#include "forecast/local/local_series.h"
#include "forecast/rnn/rnn_global.h"
#include "forecast/series_forecaster.h"
#include "forecast/theta/theta_series.h"

namespace invplan::forecast {

const std::vector<LocalModel>& LocalModels() {
  // The order is that of the --model help text.
  static const std::vector<LocalModel> kModels = {
      {"auto", AutoSeriesForecast, true},        {"arima", ArimaSeriesForecast, true},
      {"ets", EtsSeriesForecast, false},         {"theta", ThetaSeriesForecast, false},
      {"ces", CesSeriesForecast, false},         {"combo", ComboSeriesForecast, false},
      {"naive", NaiveSeriesForecast, false},     {"snaive", SeasonalNaiveSeriesForecast, false},
      {"mean", MeanSeriesForecast, false},       {"drift", DriftSeriesForecast, false},
      {"croston", CrostonSeriesForecast, false}, {"tsb", TsbSeriesForecast, false},
  };
  return kModels;
}

const std::vector<GlobalModelEntry>& GlobalModels() {
  static const std::vector<GlobalModelEntry> kModels = {
      {"rnn", MakeRnnGlobalModel, true},
  };
  return kModels;
}

const LocalModel* FindLocalModel(const std::string& name) {
  for (const LocalModel& m : LocalModels()) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

const GlobalModelEntry* FindGlobalModel(const std::string& name) {
  for (const GlobalModelEntry& m : GlobalModels()) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

std::string ModelNames() {
  std::string names;
  for (const LocalModel& m : LocalModels())
    names += (names.empty() ? "" : "|") + std::string(m.name);
  for (const GlobalModelEntry& m : GlobalModels()) names += "|" + std::string(m.name);
  return names;
}

}  // namespace invplan::forecast
