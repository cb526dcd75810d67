// The option tables of ingest and cleaning (see invplan/options.h): declared
// once, used by clean, forecast, detect, train-rl and `invplan run`.
#include "invplan/error.h"
#include "invplan/ingest.h"

namespace invplan {
namespace {

OptionTable<IngestOptions> MakeIngestTable(bool input_required) {
  OptionTable<IngestOptions> t;
  t.Group("Input");
  auto in = t.Text("input", &IngestOptions::input, "Sales CSV (long format); - for stdin", "FILE");
  in.Short('i');
  if (input_required) in.Required();
  t.Text("date-col", &IngestOptions::date_col, "Date column", "NAME");
  t.Text("sku-col", &IngestOptions::sku_col, "SKU column", "NAME");
  t.Text("qty-col", &IngestOptions::qty_col, "Quantity column", "NAME");
  t.Text("location-col", &IngestOptions::location_col, "Location column (optional)", "NAME");
  t.Text("date-format", &IngestOptions::date_format,
         "strftime-style date format for non-ISO dates, e.g. %m/%d/%y", "FORMAT");
  t.Choice("freq", &IngestOptions::frequency, "Frequency (default: inferred from the dates)",
           std::vector<std::pair<std::string, std::string>>{{"D", "D"},
                                                            {"W", "W"},
                                                            {"M", "M"},
                                                            {"Q", "Q"},
                                                            {"Y", "Y"},
                                                            {"d", "D"},
                                                            {"w", "W"},
                                                            {"m", "M"},
                                                            {"q", "Q"},
                                                            {"y", "Y"}})
      .Value("D|W|M|Q|Y");
  t.TextList("extra-cols", &IngestOptions::extra_cols,
             "Extra numeric columns to carry along (default: all numeric columns but identifiers)");
  t.Choice("on-bad-row", &IngestOptions::on_bad_row, "What to do with a bad row",
           std::vector<std::pair<std::string, BadRowPolicy>>{{"error", BadRowPolicy::kError},
                                                             {"skip", BadRowPolicy::kSkip}});
  t.Choice("negatives", &IngestOptions::negatives, "Rows with negative quantity (returns)",
           std::vector<std::pair<std::string, NegativePolicy>>{{"keep", NegativePolicy::kKeep},
                                                               {"drop", NegativePolicy::kDrop},
                                                               {"zero", NegativePolicy::kZero}});
  t.Text("max-memory", &IngestOptions::max_memory,
         "Refuse input whose panel (series x periods x columns) is estimated to need more "
         "memory than this, e.g. 8G (default: half of the physical memory, or of ulimit -v or the "
         "container's limit when lower)",
         "SIZE");
  t.Choice("closures", &IngestOptions::closures,
           "Closed periods (nearly every SKU sells nothing, or an open/closed column says so): "
           "auto marks them missing (not filled, not scored), none keeps them as zero sales",
           std::vector<std::pair<std::string, ClosurePolicy>>{{"auto", ClosurePolicy::kAuto},
                                                              {"none", ClosurePolicy::kNone}});
  return t;
}

OptionTable<CleanOptions> MakeCleanTable() {
  OptionTable<CleanOptions> t;
  t.Group("Cleaning");
  t.Choice(
      "fill", &CleanOptions::fill, "Fill missing periods",
      std::vector<std::pair<std::string, FillMethod>>{{"zero", FillMethod::kZero},
                                                      {"interpolate", FillMethod::kInterpolate},
                                                      {"mean", FillMethod::kMean},
                                                      {"none", FillMethod::kNone}});
  t.Choice("outliers", &CleanOptions::outliers, "Outlier treatment",
           std::vector<std::pair<std::string, OutlierMethod>>{
               {"none", OutlierMethod::kNone},
               {"clip", OutlierMethod::kClip},
               {"interpolate", OutlierMethod::kInterpolate}});
  t.Number("outlier-z", &CleanOptions::outlier_z,
           "Robust z-score above which a value is an outlier", 0.0, std::nullopt, true);
  t.Int("season", &CleanOptions::season,
        "Seasonal period (0: from the frequency: D 7, W 52, M 12, Q 4, Y 1)", 0, 100000);
  return t;
}

OptionTable<CleanStageOptions> MakeCleanStageTable() {
  OptionTable<CleanStageOptions> t;
  t.Include(IngestOptionTable(), &CleanStageOptions::ingest);
  t.Include(CleanOptionTable(), &CleanStageOptions::clean);
  t.Include(
      ShardOptionTable(), [](auto& o) -> auto& { return o.ingest.shard; });
  t.Group("Output");
  t.Text("output", &CleanStageOptions::output, "Cleaned panel CSV (- for stdout)", "FILE")
      .Short('o');
  t.Text("report", &CleanStageOptions::report_path, "Cleaning report JSON (- for stdout)", "FILE");
  t.Rule([](const CleanStageOptions& o) {
    if (o.output.empty() && o.report_path.empty()) {
      throw UsageError("clean: nothing to write; give --output and/or --report");
    }
    if (o.output == "-" && o.report_path == "-") {
      throw UsageError("--output and --report cannot both be standard output");
    }
  });
  return t;
}

}  // namespace

const OptionTable<IngestOptions>& IngestOptionTable(bool input_required) {
  static const OptionTable<IngestOptions> kRequired = MakeIngestTable(true);
  static const OptionTable<IngestOptions> kOptional = MakeIngestTable(false);
  return input_required ? kRequired : kOptional;
}

const OptionTable<CleanOptions>& CleanOptionTable() {
  static const OptionTable<CleanOptions> kTable = MakeCleanTable();
  return kTable;
}

const OptionTable<CleanStageOptions>& CleanStageOptionTable() {
  static const OptionTable<CleanStageOptions> kTable = MakeCleanStageTable();
  return kTable;
}

}  // namespace invplan
