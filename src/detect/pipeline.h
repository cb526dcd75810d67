// The parts of the detect stage shared by table and inventory mode: options
// checks, training a model, the threshold, and scoring batches into records.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "detect/iforest.h"
#include "detect/model_io.h"
#include "detect/record_writer.h"
#include "invplan/detect.h"

namespace invplan::detect {

// --contamination as given: not given, "auto", or a fraction in (0, 0.5].
struct Contamination {
  bool given = false;
  bool is_auto = true;
  double fraction = 0.0;
};
// Throws Error(kUsage) for anything else.
Contamination ParseContamination(const std::string& text);

// The options with the run's thread count and seed: what the pipeline works with.
struct Settings : DetectOptions {
  int threads = 0;
  std::uint64_t seed = 42;
};

// Trains the forest on `train` (already imputed) and fills the model;
// `train_scores` receives the training rows' scores.
DetectModel TrainModel(const Settings& o, const std::string& mode,
                       const std::vector<std::string>& features, const Matrix& train,
                       std::vector<double> medians, int season, std::vector<double>* train_scores);

// Sets summary->threshold and threshold_rule for a model (trained in this run
// when `train_scores` is not null).
void ResolveThreshold(const Contamination& c, DetectModel* model,
                      const std::vector<double>* train_scores, DetectSummary* summary);

// The fields written before the records.
Json ArtifactHead(const Settings& o, const DetectModel& model, const DetectSummary& summary,
                  bool loaded, const RunInfo& run);

// Per-row details a mode supplies while scoring.
struct RowDetails {
  // Fills row, line, sku, location, date of batch row i.
  std::function<void(std::size_t i, Record* r)> meta;
  // Value and expected value of feature j for batch row i (NaN: none).
  std::function<void(std::size_t i, std::size_t j, double* value, double* expected)> shown;
  // Type of flagged batch row i given the feature shares.
  std::function<std::string(std::size_t i, const std::vector<double>& shares)> type;
  // The record of batch row i in planner units (may be empty: no note).
  std::function<std::string(std::size_t i)> note;
};

// Scores the rows of `x` (or takes `scores` when not null), flags them against
// summary->threshold, explains the flagged ones and writes the records that
// options ask for, in row order. Updates the summary counts.
void ScoreBatch(const Settings& o, const DetectModel& model, const Matrix& x, const double* scores,
                const RowDetails& details, RecordWriter* writer, DetectSummary* summary);

// Ends a run: closes the records with the summary and the inputs (their
// checksums are known only once they have been read), then saves the model
// if asked to.
void FinishRun(const Settings& o, const DetectModel& model, const DetectSummary& summary,
               RecordWriter* writer, const RunInfo& run);

DetectSummary RunTableMode(const Settings& o, const DetectModel* loaded, RunInfo* run);
DetectSummary RunInventoryMode(const Settings& o, const DetectModel* loaded, RunInfo* run);

}  // namespace invplan::detect
