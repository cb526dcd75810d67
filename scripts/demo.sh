#!/usr/bin/env bash
# Builds invplan (Release) and runs the nightly planning job on the demo data in
# data/: `invplan run` (clean -> forecast -> detect -> policy -> optimize -> report,
# data/plan.toml) into out/plan/, then a Q-learning policy for one SKU and its
# simulation into out/demo/ (or the directory given as the first argument), and ends
# with the path of the run's HTML report.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
invplan_ensure_deps
echo "== building invplan (Release; the first build takes about 5 minutes on 2 cores)"
# The build's own percentage lines show progress; compiler commands are not shown.
invplan_build build/release -DCMAKE_BUILD_TYPE=Release -- invplan | grep --line-buffered '%\]' |
  sed -u 's/^/  /' || true
bin=build/release/invplan
[ -x "$bin" ] || { echo "error: the build failed" >&2; exit 1; }
echo "   invplan is at $bin (cmake --install build/release puts it on PATH)"
out=${1:-out/demo}
mkdir -p "$out"

echo "== run: clean -> forecast -> detect -> policy -> optimize -> report (data/plan.toml) -> out/plan/"
"$bin" run --config data/plan.toml --out out/plan
plan=out/plan/latest

echo "== train-rl: a Q-learning policy for SKU-120 from its forecast -> $out/policy.json"
"$bin" train-rl --forecast "$plan/forecast.json" --items data/items.csv --sku SKU-120 \
  --output "$out/policy.json"

echo "== simulate: the learned policy over 20 x 10,000 days -> $out/simulation.json"
"$bin" simulate --policy "$out/policy.json" --sku SKU-120 --output "$out/simulation.json"

echo
echo "Tonight's plan in $plan/ (manifest: out/plan/manifest.json):"
ls -1 "$plan/" | sed 's/^/  /'
echo "Policy and simulation in $out/:"
ls -1 "$out" | sed 's/^/  /'

echo
echo "Report: $(cd "$plan" && pwd -P)/report.html"
