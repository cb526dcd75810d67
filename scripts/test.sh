#!/usr/bin/env bash
# Installs what is missing, builds (Release and ASan+UBSan) and runs every test.
# Exits non-zero on any failure.  Usage: scripts/test.sh [--release-only]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
invplan_ensure_deps

echo "== Release build and tests"
invplan_build build/release -DCMAKE_BUILD_TYPE=Release
ctest --test-dir build/release --output-on-failure -j "$(invplan_jobs)"

if [ "${1:-}" != "--release-only" ]; then
  echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
  invplan_build build/sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="-O1" -DINVPLAN_SANITIZE=ON
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build/sanitize --output-on-failure -j "$(invplan_jobs)"
fi
