#include <map>
#include <memory>

#include "cli/options.h"
#include "invplan/detect.h"

namespace invplan::cli {

Action SetupDetect(CLI::App& app) {
  auto o = std::make_shared<DetectOptions>();
  AddIngestOptions(app, &o->ingest, /*input_required=*/false);
  AddCleanOptions(app, &o->clean);
  app.add_option("--features", o->features,
                 "Table mode: comma-separated numeric columns of any CSV to use as features "
                 "(default: inventory mode on sales data)")
      ->delimiter(',');
  app.add_option("--missing", o->missing,
                 "Table mode: a missing value (empty, NA, NaN, null, ?) is an error or is "
                 "replaced by its column's training median: error|impute")
      ->transform(CLI::CheckedTransformer(std::map<std::string, MissingPolicy>{
          {"error", MissingPolicy::kError}, {"impute", MissingPolicy::kImpute}}))
      ->default_str("error");
  app.add_option("--forecast", o->forecast,
                 "Inventory mode: forecast artifact whose means and intervals are the baseline "
                 "for the periods it covers");
  app.add_option("--trees", o->trees, "Number of isolation trees")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--sample-size", o->sample_size,
                 "Rows drawn (without replacement) for each tree, psi")
      ->check(CLI::Range(2, 1 << 24))
      ->capture_default_str();
  app.add_option("--extension-level", o->extension_level,
                 "Extended isolation forest: 0 = axis-parallel splits, up to features - 1 = "
                 "fully random hyperplanes")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--contamination", o->contamination,
                 "auto (flag scores above 0.5) or the fraction of training rows to flag, in "
                 "(0, 0.5] (default: auto; with --model, the model's threshold)");
  app.add_option("--train-rows", o->train_rows,
                 "Train on at most this many rows (a uniform sample of larger inputs)")
      ->check(CLI::Range(std::size_t{2}, std::size_t{1} << 32))
      ->capture_default_str();
  app.add_option("--model", o->model, "Score with this saved model instead of training");
  app.add_option("--save-model", o->save_model, "Save the trained model (JSON artifact)");
  app.add_option("-o,--output", o->output, "Anomalies artifact (- for stdout)");
  app.add_option("--format", o->format, "Format of --output: json|csv")
      ->transform(CLI::CheckedTransformer(std::map<std::string, RecordFormat>{
          {"json", RecordFormat::kJson}, {"csv", RecordFormat::kCsv}}))
      ->default_str("json");
  app.add_option("--csv-output", o->csv_output, "The records as CSV as well (- for stdout)");
  app.add_flag("--all-rows", o->all_rows, "Write every scored row, not only the anomalies");
  app.add_option("--explain", o->explain, "Features listed in each explanation")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  return [o](Context& ctx) {
    o->threads = ctx.global.threads;
    o->seed = ctx.global.seed;
    DetectSummary s = RunDetect(*o, &ctx.run);
    std::string text = "detect (" + s.mode + " mode): ";
    if (s.rows_scored == 0 && !o->save_model.empty()) {
      text += "trained on " + std::to_string(s.training_rows) + " rows -> " + o->save_model;
    } else {
      char rate[32];
      std::snprintf(rate, sizeof rate, "%.2f%%",
                    s.rows_scored ? 100.0 * static_cast<double>(s.anomalies) / s.rows_scored : 0.0);
      text += std::to_string(s.rows_scored) + " rows scored, " + std::to_string(s.anomalies) +
              " anomalies (" + rate + "), threshold " + FormatDouble(s.threshold) + " (" +
              s.threshold_rule + ")";
      std::string types;
      for (const auto& [type, n] : s.by_type) {
        types += (types.empty() ? "" : ", ") + type + " " + std::to_string(n);
      }
      if (!types.empty()) text += ": " + types;
      if (s.imputed_values) text += "; " + std::to_string(s.imputed_values) + " values imputed";
      if (!o->output.empty() && o->output != "-") text += " -> " + o->output;
    }
    Summary(ctx, text);
  };
}

}  // namespace invplan::cli
