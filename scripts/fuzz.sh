#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on) in build/fuzz and runs each for SECONDS (default
# 60) from its seed corpus in tests/fuzz/corpus/NAME. New inputs go to
# build/fuzz/corpus/NAME; crashes to build/fuzz/crashes/. Needs clang (apt-get
# install clang). Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
command -v clang++ >/dev/null || { echo "error: clang++ is missing (apt-get install clang)" >&2; exit 2; }
. scripts/deps.sh && invplan_ensure_deps
CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINVPLAN_FUZZ=ON \
  -DINVPLAN_TESTS=OFF -DINVPLAN_WERROR=OFF >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=()
  for f in tests/fuzz/fuzz_*.cc; do targets+=("$(basename "${f%.cc}")"); done
fi
cmake --build build/fuzz -j"$(nproc)" --target "${targets[@]}"
mkdir -p build/fuzz/crashes
for t in "${targets[@]}"; do
  name=${t#fuzz_}
  mkdir -p "build/fuzz/corpus/$name"
  echo "== $t: ${seconds}s" >&2
  "build/fuzz/$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix=build/fuzz/crashes/ "build/fuzz/corpus/$name" "tests/fuzz/corpus/$name"
done
