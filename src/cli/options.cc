#include "cli/options.h"

#include <cstdio>
#include <map>

namespace invplan::cli {

void AddIngestOptions(CLI::App& app, IngestOptions* o, bool input_required) {
  auto* in = app.add_option("-i,--input", o->input, "Sales CSV (long format); - for stdin");
  if (input_required) in->required();
  app.add_option("--date-col", o->date_col, "Date column")->capture_default_str();
  app.add_option("--sku-col", o->sku_col, "SKU column")->capture_default_str();
  app.add_option("--qty-col", o->qty_col, "Quantity column")->capture_default_str();
  app.add_option("--location-col", o->location_col, "Location column (optional)");
  app.add_option("--date-format", o->date_format,
                 "strftime-style date format for non-ISO dates, e.g. %m/%d/%y");
  app.add_option("--freq", o->frequency, "Frequency D|W|M|Q|Y (default: inferred from the dates)")
      ->check(CLI::IsMember({"D", "W", "M", "Q", "Y", "d", "w", "m", "q", "y"}));
  app.add_option("--extra-cols", o->extra_cols,
                 "Extra numeric columns to carry along (default: all numeric columns)")
      ->delimiter(',');
  app.add_option("--on-bad-row", o->on_bad_row, "What to do with a bad row: error|skip")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, BadRowPolicy>{{"error", BadRowPolicy::kError},
                                              {"skip", BadRowPolicy::kSkip}}))
      ->default_str("error")
      ->option_text("error|skip (default: error)");
  app.add_option("--negatives", o->negatives,
                 "Rows with negative quantity (returns): keep|drop|zero")
      ->transform(CLI::CheckedTransformer(std::map<std::string, NegativePolicy>{
          {"keep", NegativePolicy::kKeep},
          {"drop", NegativePolicy::kDrop},
          {"zero", NegativePolicy::kZero}}))
      ->default_str("zero")
      ->option_text("keep|drop|zero (default: zero)");
}

void AddCleanOptions(CLI::App& app, CleanOptions* o) {
  app.add_option("--fill", o->fill, "Fill missing periods: zero|interpolate|mean|none")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, FillMethod>{{"zero", FillMethod::kZero},
                                            {"interpolate", FillMethod::kInterpolate},
                                            {"mean", FillMethod::kMean},
                                            {"none", FillMethod::kNone}}))
      ->default_str("zero")
      ->option_text("zero|interpolate|mean|none (default: zero)");
  app.add_option("--outliers", o->outliers, "Outlier treatment: none|clip|interpolate")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, OutlierMethod>{{"none", OutlierMethod::kNone},
                                               {"clip", OutlierMethod::kClip},
                                               {"interpolate", OutlierMethod::kInterpolate}}))
      ->default_str("none")
      ->option_text("none|clip|interpolate (default: none)");
  app.add_option("--outlier-z", o->outlier_z, "Robust z-score above which a value is an outlier")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--season", o->season,
                 "Seasonal period (default from the frequency: D 7, W 52, M 12, Q 4, Y 1)")
      ->check(CLI::NonNegativeNumber);
}

void Summary(const Context& ctx, const std::string& text) {
  if (ctx.global.quiet) return;
  std::fprintf(stderr, "%s\n", text.c_str());
}

}  // namespace invplan::cli
