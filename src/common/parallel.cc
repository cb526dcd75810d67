#include "common/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace invplan {
namespace {

std::atomic<std::size_t> g_workers_started{0};

}  // namespace

void CountWorkerThread() {
  g_workers_started.fetch_add(1, std::memory_order_relaxed);
}

std::size_t WorkerThreadsStarted() {
  return g_workers_started.load(std::memory_order_relaxed);
}

int ResolveThreads(int requested) {
  if (requested > 0) return requested;
  unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

void ParallelFor(std::size_t n, int threads, const std::function<void(std::size_t)>& fn,
                 std::size_t chunk) {
  if (n == 0) return;
  if (chunk == 0) chunk = 1;
  std::size_t workers = std::min<std::size_t>(static_cast<std::size_t>(ResolveThreads(threads)),
                                              (n + chunk - 1) / chunk);
  if (workers <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      std::size_t begin = next.fetch_add(chunk);
      if (begin >= n) break;
      std::size_t end = std::min(n, begin + chunk);
      try {
        for (std::size_t i = begin; i < end; ++i) fn(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        // Only the first error is kept; the other workers stop at their next chunk.
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (std::size_t t = 1; t < workers; ++t) {
    CountWorkerThread();
    pool.emplace_back(work);
  }
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace invplan
