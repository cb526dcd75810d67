// The report's charts, each an Svg (svg.h) that the page inlines and --svg-dir
// writes as its own file. Every function draws from plain data and escapes all
// text it shows.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "report/data.h"
#include "report/svg.h"

namespace invplan::report {

// History (the periods given), the holdout periods of a backtest marked, the
// forecast mean with its interval bands (widest first), anomalies as markers
// whose <title> gives type, date, score and explanation (the 50 highest scores
// in the charted window at most, each tooltip at most 400 characters), and a
// legend.
Svg SkuChart(const SkuForecast& f, const std::vector<double>& levels, const History* history,
             const std::vector<AnomalyMark>* anomalies);

// Horizontal bars: one per (label, value), with an optional reference per bar
// (a supplier's minimum, a budget) drawn as a dark tick.
struct Bar {
  std::string label;
  double value = 0;
  double reference = -1;  // < 0: none
  std::string color;      // "" default
  std::string tip;
};
Svg BarChart(const std::string& title, const std::vector<Bar>& bars, const std::string& unit);

// A histogram of `values` (finite ones) with a marker at `mark` (e.g. 1 = as
// good as seasonal naive).
Svg Histogram(const std::string& title, const std::vector<double>& values, double mark,
              const std::string& x_label);

// Observed interval coverage per level against the nominal level.
Svg CoverageChart(const std::vector<double>& levels, const std::vector<double>& coverage);

// A learned policy: the order (and order-up-to level) against on hand when no
// orders are in transit, or a heat map of the order over on hand x pipeline.
Svg PolicyChart(const PolicyView& p);

}  // namespace invplan::report
