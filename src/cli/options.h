// Option groups shared by several commands, declared once here.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "cli/command.h"
#include "invplan/ingest.h"

namespace invplan::cli {

// --input, --date-col, --sku-col, --qty-col, --location-col, --date-format,
// --freq, --extra-cols, --on-bad-row, --negatives. `input_required`: --input
// must be given (otherwise it defaults to "-", standard input).
void AddIngestOptions(CLI::App& app, IngestOptions* options, bool input_required = true);
// --fill, --outliers, --outlier-z, --season.
void AddCleanOptions(CLI::App& app, CleanOptions* options);

// A readable summary line on standard error, unless --quiet.
void Summary(const Context& ctx, const std::string& text);

}  // namespace invplan::cli
