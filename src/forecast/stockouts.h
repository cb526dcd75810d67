// Stock-outs in the sales history: sales stop when the shelf is empty, so a
// period that ended without stock shows sales, not demand.
//
// The rule. A period is a stock-out when its closing stock (the stock column's
// last value in the period: on_hand, onhand, stock or inventory, or the column
// named by --stock-col) is <= 0 (negative book stock also means an empty
// shelf) and its sales are known (not a closed period):
//   sales > 0   demand was at least the sales: censored at the sales;
//   sales = 0   demand is unknown (>= 0): missing.
// Without a stock column, --stockouts-from names an anomalies artifact (invplan
// detect) whose "stockout" records are the stock-out periods instead (it also
// replaces a stock column when both exist). Periods without a stock value
// (filled gaps carry the previous one forward in cleaning) follow the same rule.
//
// The modes (--stockouts; auto: censor when there is a signal, else keep):
//   keep     the sales are fitted as they are (demand = sales).
//   missing  every stock-out period is treated as missing exactly as an
//            excluded anomaly (forecast/exclusions.h): the straight line between
//            the kept values around it, for every model.
//   censor   periods with sales 0 as missing; a period censored at sales y
//            takes the expected demand given that it was at least y:
//            E[D | D >= y] with D negative binomial (Poisson when the
//            dispersion fit says so) around the local level m_t, the straight
//            line between the kept values around it (as missing; a run of
//            stock-outs that ends the history, which has no kept value after
//            it, takes the mean of the last 4 seasons of kept values instead
//            of the last one, as does its unknown demand), and the
//            series' dispersion α from the censored maximum-likelihood fit of
//            its history (common/censored_count.h: P(Y >= y) terms for the
//            censored periods). The value is never below y. Every per-series
//            model is then fitted on that history (ARIMA, ETS and Theta have no
//            censored likelihood of their own: this is their upward
//            correction). The recurrent network has one: it gets the recorded
//            sales with the censored periods marked (GlobalSeries::censored;
//            loss -log P(Y >= y)) and the unknown ones missing.
// Points an --anomalies exclusion already covers are left to it. A backtest
// scores against the recorded sales.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "forecast/exclusions.h"
#include "invplan/artifact.h"
#include "invplan/forecast.h"
#include "invplan/panel.h"

namespace invplan::forecast {

enum class StockoutMode { kKeep, kMissing, kCensor };

struct Stockouts {
  StockoutMode mode = StockoutMode::kKeep;
  bool has_signal = false;  // a stock column or --stockouts-from
  std::string source;       // "column on_hand" or "anomalies FILE"
  // Per panel series: the stock-out periods (type "stockout", value = the
  // recorded sales), sorted by period.
  std::vector<std::vector<Excluded>> points;
  std::vector<double> alpha;  // per series: the censored fit's dispersion (censor)
};

// The stock column of the panel: --stock-col (Error kBadInput when the panel
// has no such numeric column), else the first extra column named on_hand,
// onhand, stock or inventory (any case); -1 when none.
int StockColumn(const ForecastOptions& o, const Panel& panel);

// The stock-out periods of every series per the rule above, before any other
// exclusion changed the values, and the mode resolved. Throws Error(kUsage)
// for --stockouts censor|missing without a signal.
Stockouts FindStockouts(const ForecastOptions& o, const Panel& panel, RunInfo* run);

// Applies the mode to the panel's values (`season`: the seasonal period); points listed in
// `excluded` (the
// --anomalies exclusions of the same series) are dropped from `s` first.
void ApplyStockouts(const std::vector<std::vector<Excluded>>& excluded, int season, Stockouts* s,
                    Panel* panel);

// The value of a period censored at `sales` under the censor rule: E[D | D >=
// sales] for D with mean `level` and dispersion `alpha` (0: Poisson), at
// least `sales`.
double CensoredValue(double sales, double level, double alpha);

// The artifact header's "stockouts": {mode, source}; null without a signal and
// with mode keep.
Json StockoutsHeader(const Stockouts& s);

}  // namespace invplan::forecast
