#!/usr/bin/env bash
# Installs what is missing, checks the formatting, builds (Release with the benchmark
# programs, ASan+UBSan, TSan) and runs the tests. Exits non-zero on any failure; a
# formatting difference fails the run after the builds and tests have run.
# Usage: scripts/test.sh [--release-only]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
invplan_ensure_deps
invplan_ensure_test_extras

echo "== Formatting (clang-format)"
format_status=0
scripts/check-format.sh || format_status=$?

# Fresh builds compile each library and test program as a few large files (unity
# builds: the templates every file instantiates are compiled once per batch), and
# the sanitizer builds keep line tables only (-g1: file and line in every report,
# a quarter less compile time than full debug information).
unity=(-DCMAKE_UNITY_BUILD=ON)
sanitizer_flags=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="-O1" -DCMAKE_CXX_FLAGS_DEBUG="-g1")

echo "== Release build (with the benchmark programs) and tests"
invplan_build build/release -DCMAKE_BUILD_TYPE=Release -DINVPLAN_TESTS=ON -DINVPLAN_WERROR=ON \
  -DINVPLAN_BENCHMARKS=ON "${unity[@]}"
ctest --test-dir build/release --output-on-failure -j "$(invplan_jobs)"

if [ "${1:-}" != "--release-only" ]; then
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
  invplan_build build/sanitize "${sanitizer_flags[@]}" "${unity[@]}" -DINVPLAN_SANITIZE=ON
  # The one-node Slurm cluster test runs in the Release pass: under the sanitizers it
  # would only re-run the same stage code, minutes slower, through the job scheduler.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/sanitize --output-on-failure -j "$(invplan_jobs)" -LE '^cluster$'

  # The test programs of the code that runs threads: the thread pool, ingest's parallel
  # reader, forecast's parallel loop, detect, rl and network (the CLI's --threads runs call the same
  # code; leaving the CLI out keeps the pass to the libraries that start threads).
  echo "== ThreadSanitizer build and the tests that run threads"
  tsan_labels=(common ingest forecast detect rl network)
  tsan_targets=()
  for label in "${tsan_labels[@]}"; do tsan_targets+=("invplan_${label}_tests"); done
  invplan_build build/tsan "${sanitizer_flags[@]}" "${unity[@]}" -DINVPLAN_TSAN=ON \
    -- "${tsan_targets[@]}"
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    ctest --test-dir build/tsan --output-on-failure -j "$(invplan_jobs)" \
    -L "^($(IFS='|'; echo "${tsan_labels[*]}"))\$"
fi

# With clang installed, each libFuzzer target of tests/fuzz runs for a short budget
# (INVPLAN_FUZZ_SECONDS, default 30, or 0 under CI=true, whose time budget the clang
# build would not fit; 0 skips); scripts/fuzz.sh runs longer.
if [ -n "${CI:-}" ]; then default_fuzz=0; else default_fuzz=30; fi
fuzz_seconds=${INVPLAN_FUZZ_SECONDS:-$default_fuzz}
if [ "${1:-}" != "--release-only" ] && [ "$fuzz_seconds" -gt 0 ] && command -v clang++ >/dev/null; then
  echo "== libFuzzer targets, ${fuzz_seconds}s each"
  scripts/fuzz.sh "$fuzz_seconds"
fi

if [ "$format_status" -ne 0 ]; then
  echo "FAILED: formatting differs from .clang-format (see the list above)" >&2
  exit "$format_status"
fi
