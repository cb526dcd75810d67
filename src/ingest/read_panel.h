// Ingest internals shared by the stage functions and the tests.
#pragma once

#include "invplan/ingest.h"

namespace invplan {

// ReadPanel on `threads` threads (0: all cores; 1: all on the calling thread).
// `chunk_bytes` sets how much input each parse task takes (tests use small
// chunks to cut records at many places). The result does not depend on either.
Panel ReadPanelThreaded(const IngestOptions& options, int threads, IngestReport* report,
                        RunInfo* run = nullptr, std::size_t chunk_bytes = std::size_t(4) << 20);

}  // namespace invplan
