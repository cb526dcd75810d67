// invplan/detect.h — the detect stage: anomalous records found by an isolation
// forest, typed and explained.
//
// Two ways to feed it:
//  * table mode (`features` not empty): the named numeric columns of any CSV are
//    the feature vectors, one per data row. Training uses a uniform sample of at
//    most `train_rows` rows (all rows when the file is smaller, in which case the
//    file is read once); scoring then streams through the file in chunks, so
//    memory stays bounded whatever the number of rows. Standard input is copied
//    to a temporary file first when it has to be read twice.
//  * inventory mode (no `features`): the sales CSV is loaded and cleaned into a
//    Panel (invplan/ingest.h) and every SKU x period gets derived features
//    (quantity against a robust seasonal baseline or a forecast, change from the
//    previous period, position in the season, on_hand/receipts/price when present).
//
// Output (format "invplan.anomalies"): the envelope, then `mode`, `features`,
// `model` (settings), `threshold`, `records` (flagged rows, or every row with
// all_rows, in input order) and `summary`. The records are written as they are
// scored. A record: row, line, sku/date (when known), score, anomaly, type,
// explanation [{feature, value, expected, share}] and, in inventory mode, note: the
// record in planner units ("sold 0, expected about 37, on hand 0").
// Closed periods (invplan/ingest.h, --closures) are neither trained on nor scored.
//
// A trained forest can be saved (format "invplan.detect-model") and used later
// without retraining. Same inputs and seed give the same output for any thread
// count. Errors: Error(kUsage) for inconsistent options, Error(kBadInput) for
// unreadable data (file:line: column 'x': ...), Error(kArtifact) for a bad model or
// forecast artifact.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/ingest.h"
#include "invplan/options.h"
#include "invplan/run_context.h"

namespace invplan {

constexpr const char* kAnomaliesFormat = "invplan.anomalies";
constexpr int kAnomaliesSchema = 1;
constexpr const char* kDetectModelFormat = "invplan.detect-model";
constexpr int kDetectModelSchema = 1;

enum class MissingPolicy { kError, kImpute };

struct DetectOptions {
  // Input. ingest.input is the CSV in both modes; in table mode ingest.sku_col and
  // ingest.date_col, when the file has them, are copied into the records.
  IngestOptions ingest;
  CleanOptions clean;                 // inventory mode only
  std::vector<std::string> features;  // table mode: numeric columns to use
  // Table mode: a missing value (empty, NA, NaN, null, ?) is an error, or is
  // replaced by the training median of its column (counted in the summary).
  MissingPolicy missing = MissingPolicy::kError;
  std::string forecast;  // inventory mode: forecast artifact for residual features
  // Inventory mode: score only the periods from this date (YYYY-MM-DD) on, or
  // only the last `last` periods of the panel; the forest still trains on the
  // whole history. Empty / 0: every period.
  std::string since;
  int last = 0;

  // Forest.
  int trees = 100;
  std::size_t sample_size = 256;  // psi
  int extension_level = 0;        // 0 = axis-parallel; at most features - 1
  // "auto": flag scores above 0.5 (the paper's rule); a fraction f in (0, 0.5]:
  // the threshold is the (1 - f) quantile of the training rows' scores (with a
  // saved model: of the quantiles it stored). Empty: "auto" when training, the
  // model's own threshold when scoring with `model`.
  std::string contamination;
  std::size_t train_rows = 100000;  // at most this many rows (a uniform sample) train
  std::string model;                // score with this saved forest instead of training
  std::string save_model;           // save the trained forest here

  // Output.
  std::string output;                         // records artifact ("-" = stdout); empty = none
  OutputFormat format = OutputFormat::kJson;  // of `output`
  std::string csv_output;                     // JSON runs: the records as CSV as well; empty = none
  bool all_rows = false;                      // every scored row, not only the anomalies
  int explain = 3;                            // features listed per explanation
  std::size_t chunk_rows = 65536;             // rows scored per batch (not an option)
};

// The options of `invplan detect`, declared once (invplan/options.h).
const OptionTable<DetectOptions>& DetectOptionTable();

struct DetectSummary {
  std::string mode;  // "table" or "inventory"
  std::vector<std::string> features;
  std::uint64_t rows_scored = 0;
  std::uint64_t anomalies = 0;
  std::uint64_t training_rows = 0;   // rows the forest was trained on (0 with a loaded model)
  std::uint64_t imputed_values = 0;  // table mode, --missing impute
  std::uint64_t imputed_rows = 0;
  std::uint64_t forecast_periods = 0;  // inventory mode: periods with a forecast baseline
  std::uint64_t closed_periods = 0;    // inventory mode: closed periods, not scored
  std::string scored_from;             // inventory mode, --since/--last: first date scored
  double threshold = 0.5;
  std::string threshold_rule;  // "auto", "contamination 0.05", "model"
  std::map<std::string, std::uint64_t> by_type;

  std::string output;  // where the records went ("" none, "-" stdout)
  std::string saved_model;

  Json ToJson() const;
  // One readable line: rows scored, anomalies by type, threshold.
  std::string Summary() const;
};

// Validates the options (DetectOptionTable) and runs the stage; appends the
// inputs it reads to ctx.run.inputs.
DetectSummary RunDetect(const DetectOptions& options, RunContext& ctx);

}  // namespace invplan
