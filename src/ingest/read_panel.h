// Ingest internals shared by the stage functions and the tests.
#pragma once

#include <functional>

#include "invplan/ingest.h"

namespace invplan {

// ReadPanel on `threads` threads (0: all cores; 1: all on the calling thread).
// `chunk_bytes` sets how much input each parse task takes (tests use small
// chunks to cut records at many places). The result does not depend on either.
// 2 MB chunks: 4 MB ones kept ~20 MB more memory in flight, and fresh pages cost
// more kernel time (page zeroing) than the extra tasks cost; 1 MB ones spend
// more on per-task work than they save.
Panel ReadPanelThreaded(const IngestOptions& options, int threads, IngestReport* report,
                        RunInfo* run = nullptr, std::size_t chunk_bytes = std::size_t(2) << 20);

// Receives the series of a panel one at a time, in (sku, location) order, with
// the panel's frequency, location flag and extra columns (`shell`, no series)
// and the series' index into report->series. The series is the sink's to keep
// or drop.
using SeriesSink = std::function<void(const Panel& shell, Series&& series, std::size_t index)>;

// ReadPanelThreaded without holding the whole panel: each series goes to `sink`
// as soon as it is assembled, so a caller that writes series out and drops them
// never has the file's panel in memory twice (the per-period cells and the
// series). Returns the panel's frequency, location flag and extra columns, with
// no series. Input errors are all thrown before the first call to `sink`.
Panel ReadPanelSeries(const IngestOptions& options, int threads, IngestReport* report, RunInfo* run,
                      const SeriesSink& sink, std::size_t chunk_bytes = std::size_t(2) << 20);

}  // namespace invplan
