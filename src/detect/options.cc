// The options of `invplan detect`, declared once (see invplan/options.h).
#include "detect/pipeline.h"
#include "invplan/detect.h"
#include "invplan/error.h"

namespace invplan {
namespace {

// Which outputs and modes go together.
void CheckCombinations(const DetectOptions& o) {
  detect::ParseContamination(o.contamination);
  if (o.output.empty() && o.csv_output.empty() && o.save_model.empty()) {
    throw UsageError("detect: nothing to write; give --output, --csv and/or --save-model");
  }
  if (o.format == OutputFormat::kCsv && !o.csv_output.empty()) {
    throw UsageError("--format csv already writes CSV to --output; --csv is for JSON runs");
  }
  if (o.format == OutputFormat::kCsv && o.output.empty()) {
    throw UsageError("--format csv needs --output");
  }
  if (!o.model.empty() && !o.save_model.empty()) {
    throw UsageError(
        "--model and --save-model: a loaded model is not retrained, so there is "
        "nothing to save");
  }
  if (!o.since.empty() && o.last > 0) throw UsageError("--since and --last: give one of them");
  std::int64_t day = 0;
  if (!o.since.empty() && !ParseIsoDay(o.since, &day)) {
    throw UsageError("--since: expected a date YYYY-MM-DD, got \"" + o.since + "\"");
  }
  if (!o.features.empty() && (!o.since.empty() || o.last > 0)) {
    throw UsageError("--since and --last apply to inventory mode, not to --features tables");
  }
  if (!o.features.empty() && !o.forecast.empty()) {
    throw UsageError("--forecast applies to inventory mode, not to --features tables");
  }
  for (std::size_t i = 0; i < o.features.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (o.features[i] == o.features[j]) {
        throw UsageError("--features names column '" + o.features[i] + "' twice");
      }
    }
  }
  const int stdout_users = (o.output == "-") + (o.csv_output == "-") + (o.save_model == "-");
  if (stdout_users > 1) throw UsageError("only one output can go to standard output (-)");
  if (o.chunk_rows < 1) throw UsageError("chunk size must be at least 1");
}

OptionTable<DetectOptions> MakeTable() {
  using O = DetectOptions;
  OptionTable<O> t;
  t.Include(IngestOptionTable(/*input_required=*/false), &O::ingest);
  t.Include(CleanOptionTable(), &O::clean);
  t.Group("Modes");
  t.TextList("features", &O::features,
             "Table mode: numeric columns of any CSV to use as features (default: inventory mode "
             "on sales data)");
  t.Choice("missing", &O::missing,
           "Table mode: a missing value (empty, NA, NaN, null, ?) is an error or is replaced by "
           "its column's training median",
           std::vector<std::pair<std::string, MissingPolicy>>{{"error", MissingPolicy::kError},
                                                              {"impute", MissingPolicy::kImpute}});
  t.Text("forecast", &O::forecast,
         "Inventory mode: forecast artifact whose means and intervals are the baseline for the "
         "periods it covers",
         "FILE");
  t.Text("since", &O::since,
         "Inventory mode: score only the periods from this date on (the model still trains on "
         "the whole history)",
         "YYYY-MM-DD");
  t.Int("last", &O::last,
        "Inventory mode: score only the last N periods (the model still trains on the whole "
        "history)",
        0, 1 << 30);
  t.Group("Forest");
  t.Int("trees", &O::trees, "Number of isolation trees", 1, 100000);
  t.Int("sample-size", &O::sample_size, "Rows drawn (without replacement) for each tree, psi", 2,
        1 << 24);
  t.Int("extension-level", &O::extension_level,
        "Extended isolation forest: 0 = axis-parallel splits, up to features - 1 = fully random "
        "hyperplanes",
        0, 1 << 20);
  t.Text("contamination", &O::contamination,
         "auto (flag scores above 0.5) or the fraction of training rows to flag, in (0, 0.5] "
         "(default: auto; with --model, the model's threshold)",
         "auto|F");
  t.Int("train-rows", &O::train_rows,
        "Train on at most this many rows (a uniform sample of larger inputs)", 2, 4294967296LL);
  t.Text("model", &O::model, "Score with this saved model instead of training", "FILE");
  t.Text("save-model", &O::save_model, "Save the trained model (JSON artifact)", "FILE");
  t.Group("Output");
  t.Text("output", &O::output, "Anomalies artifact (- for stdout)", "FILE").Short('o');
  t.Choice("format", &O::format, "Format of --output",
           std::vector<std::pair<std::string, OutputFormat>>{{"json", OutputFormat::kJson},
                                                             {"csv", OutputFormat::kCsv}});
  t.Text("csv", &O::csv_output, "The records as CSV as well, beside the JSON (- for stdout)",
         "FILE");
  t.Flag("all-rows", &O::all_rows, "Write every scored row, not only the anomalies");
  t.Int("explain", &O::explain, "Features listed in each explanation", 0, 1000);
  t.Include(
      ShardOptionTable(), [](auto& o) -> auto& { return o.ingest.shard; });
  t.Rule(CheckCombinations);
  t.Rule([](const O& o) {
    if (!o.ingest.shard.active()) return;
    if (!o.features.empty()) {
      throw UsageError("detect: --shard works in inventory mode (without --features)");
    }
    // A forest trained on one shard's SKUs would score differently from the one
    // trained on all of them: the pieces share one model.
    if (o.model.empty()) {
      throw UsageError(
          "detect: --shard needs --model: train the forest once on every SKU (detect "
          "--save-model FILE), then score each shard with --model FILE");
    }
  });
  return t;
}

}  // namespace

const OptionTable<DetectOptions>& DetectOptionTable() {
  static const OptionTable<DetectOptions> kTable = MakeTable();
  return kTable;
}

}  // namespace invplan
