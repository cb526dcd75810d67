// invplan/report.h — `invplan report`: one self-contained HTML page about a
// plan, built from the artifacts of a run.
//
// Inputs: a run directory of `invplan run` (`run`: OUT, whose `latest` is used,
// or one run folder OUT/runs/<ts>) or the artifacts one by one: the forecast
// (required) and, when given, anomalies, policies (train-rl), orders, the clean
// sales CSV and the run manifest. A path given explicitly wins over the run
// directory's file of that kind. A changes.csv beside the orders (columns sku
// and, optionally, change and previous_quantity) marks changed order lines.
//
// Output: `output`, one HTML file with inline CSS, inline SVG and a little inline
// JavaScript (table sorting, supplier filter, SKU search); the overview and every
// chart show without JavaScript, and nothing is loaded from the network. With
// `svg_dir`, every chart is also written there as its own SVG file.
//
// Contracts:
//  * Every string from the data (SKU codes, supplier names, reasons, column
//    names, explanations) is escaped for HTML and SVG.
//  * Deterministic: the same artifacts and options give the same bytes, apart
//    from the one line of the page that says when it was generated.
//  * Bounded: at most `max_skus` SKUs get a section (the ordered SKUs, those
//    with anomalies and those with the worst backtests, taken in turn), each
//    chart shows at most `history` periods of history, and the orders table at
//    most `max_rows` lines, so the page size does not grow with the catalogue.
//  * Errors: Error(kUsage) for missing or inconsistent options and for a run
//    directory without a forecast; Error(kBadInput) for an input that cannot be
//    opened or read; Error(kArtifact) for an artifact of another format or a
//    newer schema. The output appears only when complete (atomic write).
#pragma once

#include <cstdint>
#include <string>

#include "invplan/options.h"
#include "invplan/run_context.h"

namespace invplan {

struct ReportOptions {
  std::string run_dir;    // run directory (OUT or OUT/runs/<ts>); "" none
  std::string forecast;   // forecast artifact
  std::string anomalies;  // anomalies artifact ("" none)
  std::string policies;   // train-rl policy artifact ("" none)
  std::string orders;     // orders artifact ("" none)
  std::string sales;      // clean sales CSV, for history ("" none)
  std::string manifest;   // run manifest ("" none)
  std::string output;     // the HTML page
  std::string svg_dir;    // also write each chart here ("" none)
  std::string title = "Inventory plan";
  int max_skus = 300;   // SKU sections at most
  int history = 365;    // periods of history per SKU chart at most
  int max_rows = 5000;  // order lines in the table at most
};

// The options of `invplan report`, declared once (invplan/options.h).
const OptionTable<ReportOptions>& ReportOptionTable();

struct ReportResult {
  std::string output;             // the page written
  std::uint64_t bytes = 0;        // its size
  std::uint64_t skus = 0;         // SKUs in the forecast
  std::uint64_t skus_shown = 0;   // SKUs with a section
  std::uint64_t order_lines = 0;  // lines in the orders artifact
  std::uint64_t charts = 0;       // charts on the page
  std::uint64_t svg_files = 0;    // charts written to svg_dir
  double seconds = 0.0;
  // One readable line: where the page is, its size and what it shows.
  std::string Summary() const;
};

// Validates the options (ReportOptionTable), reads the artifacts, writes the
// page; appends the inputs it reads to ctx.run.inputs.
ReportResult RunReport(const ReportOptions& options, RunContext& ctx);

}  // namespace invplan
