// What the stage counts over the series it writes: models, demand classes,
// fallback reasons and the backtest accuracy, for the artifact's trailer and
// the run's ForecastStats.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "forecast/metrics.h"
#include "invplan/forecast.h"

namespace invplan::forecast {

// One series as the series loop produced it.
struct SeriesTask {
  SeriesForecast forecast;
  Accuracy model_acc, bench_acc;
  bool has_backtest = false;
};

class RunSummary {
 public:
  RunSummary(const std::vector<double>& levels, const std::vector<double>& quantiles);

  void Add(const SeriesTask& task);

  // {"summary": {...}} and, with a holdout, {"backtest": {...}} holding the
  // mean accuracy of model and benchmark (and `backtest_training`, a global
  // model's training record of the backtest, when given).
  Json Trailer(int holdout, const Json* backtest_training);

  // Counts sorted by decreasing frequency, and the backtest of Trailer.
  void Fill(ForecastStats* stats) const;

 private:
  std::vector<double> levels_, quantiles_;
  std::size_t series_ = 0, fallbacks_ = 0;
  std::map<std::string, std::size_t> models_, classes_, reasons_;
  AccuracySummary model_sum_, bench_sum_;
  Json backtest_;
};

}  // namespace invplan::forecast
