// invplan/ingest.h — reading sales/inventory CSV exports into a Panel, and cleaning.
//
// ReadPanel streams a long-format CSV (one row per date × SKU [× location]) and
// aggregates it to a regular frequency as it goes, so memory grows with the
// aggregated panel, not with the file. CleanPanel then completes each SKU's period
// grid, fills gaps and treats outliers. Identifier columns (customer numbers, row
// ids) are not carried as extras (src/ingest/column_roles.h), and closed periods
// (shop shut: zero sales nearly everywhere, or an open/closed column) are marked
// missing with an extra column `closed` and never filled (src/ingest/closures.h).
// Both throw invplan::Error: kBadInput for data that cannot be read as documented
// (file:line: column 'x': expected ..., got "..."), kUsage for inconsistent
// options.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/options.h"
#include "invplan/panel.h"
#include "invplan/run_context.h"
#include "invplan/shard.h"

namespace invplan {

enum class BadRowPolicy { kError, kSkip };
enum class NegativePolicy { kKeep, kDrop, kZero };
enum class FillMethod { kZero, kInterpolate, kMean, kNone };
enum class OutlierMethod { kNone, kClip, kInterpolate };
enum class ClosurePolicy { kAuto, kNone };

struct IngestOptions {
  std::string input = "-";  // path, "-" = standard input
  std::string date_col = "date";
  std::string sku_col = "sku";
  std::string qty_col = "quantity";
  std::string location_col;  // empty: no location
  // strftime-style format (%Y %y %m %d %b %H %M %S) for dates that are not ISO.
  std::string date_format;
  std::string frequency;  // D|W|M|Q|Y, empty = infer from the dates
  // Extra columns to carry along; empty = every other column that is numeric and
  // not an identifier (by its name or its values: src/ingest/column_roles.h).
  std::vector<std::string> extra_cols;
  BadRowPolicy on_bad_row = BadRowPolicy::kError;
  // Rows with a negative quantity (returns, cancellations): kept and summed,
  // dropped (as if absent), or counted as zero sales (the row still marks the
  // period as active).
  NegativePolicy negatives = NegativePolicy::kZero;
  // The memory the panel may be estimated to need (see ingest/memory_budget.h):
  // a size such as "8G"; empty = half of the available memory. Above it, ingest
  // stops with kBadInput and the estimate before allocating.
  std::string max_memory;
  // Closed periods (shop shut: src/ingest/closures.h) are marked missing, with an
  // extra column `closed`; kNone: no such marking.
  ClosurePolicy closures = ClosurePolicy::kAuto;
  // Keep only the series of this shard (invplan/shard.h). The others' rows are
  // read and checked but not kept: what decides for the whole file (the inferred
  // frequency, the columns carried, shop-wide closed periods) is decided as
  // without sharding, from a census of every series' quantity and closure
  // columns, so a shard's series are exactly those of the unsharded panel. Set
  // through ShardOptionTable by the stages that include it.
  ShardOptions shard;
};

// Per-series counts of what ingest and cleaning did.
struct SeriesReport {
  std::uint64_t rows = 0;       // input rows aggregated into the series
  std::uint64_t negatives = 0;  // rows with a negative quantity (handled per policy)
  std::uint64_t filled = 0;     // periods without rows, filled per --fill
  std::uint64_t outliers = 0;   // values changed by the outlier rule
  std::uint64_t closed = 0;     // closed periods (missing, not filled)
};

struct IngestReport {
  std::uint64_t rows_read = 0;                // data rows seen (excluding header and empty lines)
  std::uint64_t rows_used = 0;                // rows aggregated
  std::uint64_t rows_skipped = 0;             // bad rows skipped (--on-bad-row skip)
  std::uint64_t rows_dropped_negative = 0;    // rows dropped by --negatives drop
  std::vector<std::string> skipped_examples;  // the first few skip messages
  bool frequency_inferred = false;
  std::uint64_t closed_shop_periods = 0;  // periods every series of a location was shut
  // Columns not carried (not numeric, or identifiers: see --extra-cols), and why,
  // aligned with ignored_columns.
  std::vector<std::string> ignored_columns;
  std::vector<std::string> ignored_reasons;
  std::vector<SeriesReport> series;  // aligned with Panel::series
};

// Reads and aggregates `options.input`; appends the file's InputInfo to `run` if
// not null.
Panel ReadPanel(const IngestOptions& options, IngestReport* report, RunInfo* run = nullptr);

struct CleanOptions {
  FillMethod fill = FillMethod::kZero;
  OutlierMethod outliers = OutlierMethod::kNone;
  double outlier_z = 5.0;  // robust z-score threshold
  int season = 0;          // 0: from the frequency; 1: no seasonality
};

// The options of IngestOptions and CleanOptions (--input ... --negatives and
// --fill ... --season), shared by every command that reads sales data.
// `input_required`: --input must be given.
const OptionTable<IngestOptions>& IngestOptionTable(bool input_required = true);
const OptionTable<CleanOptions>& CleanOptionTable();

// Completes and cleans every series in place on `threads` threads (0: all
// cores; the result does not depend on it); adds counts to report->series.
void CleanPanel(Panel* panel, const CleanOptions& options, int threads, IngestReport* report);

// Reads and cleans in one call on `threads` threads: what forecast, detect and
// train-rl use.
Panel LoadPanel(const IngestOptions& ingest, const CleanOptions& clean, int threads,
                IngestReport* report, RunInfo* run = nullptr);

// Writes the panel as long CSV: date,sku[,location],quantity,extras...
void WritePanelCsv(const Panel& panel, const std::string& path);

// The clean stage: ReadPanel + CleanPanel, then the cleaned CSV (if `output` is not
// empty) and the report artifact (format invplan.clean-report, if `report_path`
// is not empty). At least one of the two outputs is required.
struct CleanStageOptions {
  IngestOptions ingest;
  CleanOptions clean;
  std::string output;       // cleaned panel CSV
  std::string report_path;  // JSON report
};
const OptionTable<CleanStageOptions>& CleanStageOptionTable();

struct CleanResult {
  Json report;  // the report artifact (also when it is not written)
  std::string output;
  // One readable line: series, periods, rows read/skipped, filled, outliers.
  std::string Summary() const;
};
// Validates the options (CleanStageOptionTable) and runs the stage.
CleanResult RunClean(const CleanStageOptions& options, RunContext& ctx);

// The report's "totals" from its "series" entries (series, periods, filled,
// outliers, negatives, closed) and the shop-wide closed periods: what the stage
// writes, and what `invplan merge` recomputes for the union of shards.
Json CleanReportTotals(const Json& series, std::uint64_t closed_shop_periods);

constexpr const char* kCleanReportFormat = "invplan.clean-report";
constexpr int kCleanReportSchema = 1;

}  // namespace invplan
