#!/usr/bin/env bash
# Builds invplan (Release) and runs the nightly planning job on the demo data in
# data/: clean -> forecast -> detect -> train-rl -> optimize. Results go to out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
invplan_ensure_deps
invplan_build build/release -DCMAKE_BUILD_TYPE=Release -- invplan >/dev/null
bin=build/release/invplan
out=out/demo
mkdir -p "$out"

echo "== clean: data/sales.csv -> $out/clean.csv, $out/clean.json"
"$bin" clean --input data/sales.csv --output "$out/clean.csv" --report "$out/clean.json" \
  --outliers clip

echo
echo "Results in $out/:"
ls -1 "$out" | sed 's/^/  /'
