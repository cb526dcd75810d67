// The model `--model auto` gives a smooth or erratic SKU (--select), and the
// backtest that can choose it.
//
//   combo     the combination of ARIMA, ETS and Theta (combo/combo_series.h,
//             combined by --combine).
//   aicc      ETS chosen by AICc (its whole family, seasons as ets_series.h).
//             ARIMA is not a candidate: its likelihood is that of the
//             differenced series, so its AICc does not compare with ETS's.
//   arima     auto-ARIMA (auto's model before the combination; its state is
//             continued by nightly updates, the combination's is not).
//   backtest  arima, ets, theta or combo by a rolling-origin backtest on the
//             SKU's own history (BacktestSelection below), then the winner
//             fitted to the whole history.
// Whatever the choice, a SKU with regressors gets ARIMA with them (the only
// candidate that uses them). The result's model object carries `selection`:
// {method, selected, and for backtest: origins, holdout, scores per candidate
// (mean MASE; null for a candidate that failed), or why there was none}.
#pragma once

#include <string>
#include <vector>

#include "forecast/series_model.h"

namespace invplan::forecast {

// Candidates of the backtest, in the order ties between single models go.
inline const std::vector<std::string>& SelectionCandidates() {
  static const std::vector<std::string> kNames = {"arima", "ets", "theta", "combo"};
  return kNames;
}

struct BacktestSelection {
  std::string selected = "combo";
  int origins = 0;  // 0: the history is too short, combo without a backtest
  int holdout = 0;  // periods held out at each origin: min(h, n / 5)
  // Mean MASE over the origins, per candidate in SelectionCandidates() order;
  // NaN for a candidate that failed at an origin (never selected).
  std::vector<double> scores;
};

// Rolling origins k = 1..3 hold out the `holdout` periods after n - k·holdout
// (as many origins as leave at least max(8, season + 2) periods to fit on;
// none: combo). Each of arima, ets and theta is fitted to the periods before the
// origin (no regressors) and scored by the MASE of its forecast of the
// held-out periods (scaled by the in-sample seasonal naive MAE of that fit,
// naive MAE for a season longer than the fit, the MAE itself for a constant
// fit); combo's forecast is the combination of the three (--combine).
// The lowest mean wins; combo wins ties (within 1e-9 relative), then the
// order of SelectionCandidates().
BacktestSelection SelectByBacktest(const SeriesInput& in);

SeriesResult SelectSeriesForecast(const SeriesInput& in, Reasons* reasons);

}  // namespace invplan::forecast
