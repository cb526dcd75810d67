// The options of `invplan report`, declared once (see invplan/options.h).
#include "invplan/error.h"
#include "invplan/report.h"

namespace invplan {
namespace {

OptionTable<ReportOptions> MakeTable() {
  using O = ReportOptions;
  OptionTable<O> t;
  t.Group("Inputs");
  t.Text("run", &O::run_dir,
         "Run directory of `invplan run`: OUT (its latest run) or one run folder OUT/runs/TS; its "
         "artifacts "
         "are used unless given below",
         "DIR");
  t.Text("forecast", &O::forecast, "Forecast artifact (required without --run)", "FILE");
  t.Text("anomalies", &O::anomalies, "Anomalies artifact of detect", "FILE");
  t.Text("policies", &O::policies, "Policy artifact of train-rl", "FILE");
  t.Text("orders", &O::orders,
         "Orders artifact of optimize (a changes.csv beside it marks changed lines)", "FILE");
  t.Text("sales", &O::sales, "Clean sales CSV (clean's output): the history in the charts", "FILE");
  t.Text("manifest", &O::manifest, "Run manifest: stage status and timings", "FILE");
  t.Group("Output");
  t.Text("output", &O::output, "The HTML page", "FILE").Short('o').Required();
  t.Text("svg-dir", &O::svg_dir, "Also write every chart as its own SVG file here", "DIR");
  t.Text("title", &O::title, "Title of the page");
  t.Int("max-skus", &O::max_skus,
        "SKUs with a section at most (ordered, with anomalies, worst backtests, in turn)", 0,
        100000);
  t.Int("history", &O::history, "Periods of history shown per SKU chart at most", 1, 100000);
  t.Int("max-rows", &O::max_rows, "Order lines listed at most (the largest by spend)", 1, 10000000);
  t.Rule([](const O& o) {
    if (o.output.empty()) throw UsageError("report: --output is required");
    if (o.output == "-") throw UsageError("report: --output must be a file, not -");
    if (o.run_dir.empty() && o.forecast.empty()) {
      throw UsageError("report: give --run DIR or --forecast FILE");
    }
  });
  return t;
}

}  // namespace

const OptionTable<ReportOptions>& ReportOptionTable() {
  static const OptionTable<ReportOptions> kTable = MakeTable();
  return kTable;
}

}  // namespace invplan
