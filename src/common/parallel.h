// Parallel loops over independent tasks. Work is handed out by index, and each
// task must write only its own slot of the output, so results do not depend on the
// number of threads or on scheduling. The first exception thrown by a task is
// rethrown in the caller after all threads have stopped.
#pragma once

#include <cstddef>
#include <functional>

namespace invplan {

// The number of threads to use: `requested` if > 0, otherwise all hardware threads.
int ResolveThreads(int requested);

// Calls fn(i) for i in [0, n) on up to `threads` threads (<= 0: all cores).
// Indices are taken in chunks of `chunk` from a shared counter.
void ParallelFor(std::size_t n, int threads, const std::function<void(std::size_t)>& fn,
                 std::size_t chunk = 1);

// Every worker thread invplan starts is counted here (ParallelFor's and ingest's
// parsers), so a test can check that a run limited to one thread started none.
void CountWorkerThread();
std::size_t WorkerThreadsStarted();

}  // namespace invplan
