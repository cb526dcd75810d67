// invplan/run_context.h — what every stage gets besides its options: the
// run-wide settings (threads, seed, progress, cancellation) and the run record
// that artifacts embed.
//
// Contracts:
//  * `threads` is the limit for every part of the stage, reading and cleaning
//    included: 1 means one thread everywhere (0: all cores).
//  * Results depend on `seed` and never on `threads`.
//  * A stage polls ThrowIfCancelled() between units of work; a cancelled stage
//    throws Error(kInternal, "cancelled") and writes no partial artifact.
#pragma once

#include <atomic>
#include <cstdint>

#include "invplan/artifact.h"

namespace invplan {

struct RunContext {
  int threads = 0;                            // 0: all cores
  std::uint64_t seed = 42;                    // every random choice derives from it
  bool progress = true;                       // progress bars (drawn only on a terminal)
  const std::atomic<bool>* cancel = nullptr;  // set by the caller to stop the stage
  RunInfo run;                                // argv, resolved config, inputs read

  bool Cancelled() const { return cancel != nullptr && cancel->load(std::memory_order_relaxed); }
  void ThrowIfCancelled() const;
};

}  // namespace invplan
