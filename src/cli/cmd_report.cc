#include "cli/command.h"
#include "invplan/report.h"

namespace invplan::cli {

Action SetupReport(CLI::App& app) {
  return TableCommand(app, ReportOptionTable(), [](const ReportOptions& o, Context& ctx) {
    return RunReport(o, ctx.run).Summary();
  });
}

}  // namespace invplan::cli
