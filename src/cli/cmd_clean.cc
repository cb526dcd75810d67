#include <memory>

#include "cli/options.h"
#include "invplan/error.h"
#include "invplan/ingest.h"

namespace invplan::cli {

Action SetupClean(CLI::App& app) {
  auto o = std::make_shared<CleanStageOptions>();
  AddIngestOptions(app, &o->ingest);
  AddCleanOptions(app, &o->clean);
  app.add_option("-o,--output", o->output, "Cleaned panel CSV (- for stdout)");
  app.add_option("--report", o->report_path, "Cleaning report JSON (- for stdout)");
  return [o](Context& ctx) {
    if (o->output.empty() && o->report_path.empty()) {
      throw UsageError("clean: nothing to write; give --output and/or --report");
    }
    o->clean.threads = ctx.global.threads;
    Json report = RunClean(*o, &ctx.run);
    const auto& t = report["totals"];
    Summary(ctx, "clean: " + std::to_string(t["series"].get<long long>()) + " series, " +
                     std::to_string(t["periods"].get<long long>()) + " periods (" +
                     report["frequency"].get<std::string>() + "), " +
                     std::to_string(report["rows"]["read"].get<long long>()) + " rows read, " +
                     std::to_string(report["rows"]["skipped"].get<long long>()) + " skipped, " +
                     std::to_string(t["filled"].get<long long>()) + " filled, " +
                     std::to_string(t["outliers"].get<long long>()) + " outliers, " +
                     std::to_string(t["negatives"].get<long long>()) + " negative rows" +
                     (o->output.empty() || o->output == "-" ? "" : " -> " + o->output));
  };
}

}  // namespace invplan::cli
