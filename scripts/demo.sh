#!/usr/bin/env bash
# Builds invplan (Release) and runs the nightly planning job on the demo data in
# data/: clean -> forecast -> detect -> train-rl -> simulate -> optimize.
# Results go to out/demo/ (or the directory given as the first argument).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
invplan_ensure_deps
echo "== building invplan (Release)"
invplan_build build/release -DCMAKE_BUILD_TYPE=Release -- invplan >/dev/null
bin=build/release/invplan
out=${1:-out/demo}
mkdir -p "$out"

echo "== clean: data/sales.csv -> $out/clean.csv, $out/clean.json"
"$bin" clean --input data/sales.csv --output "$out/clean.csv" --report "$out/clean.json"

echo "== forecast: 28 days per SKU, promotions and holidays as regressors -> $out/forecast.json"
"$bin" forecast --input data/sales.csv --regressors promo,holiday --future data/future.csv \
  --horizon 28 --output "$out/forecast.json" --csv "$out/forecast.csv"

echo "== detect: anomalous sales/stock records -> $out/anomalies.json"
"$bin" detect --input data/sales.csv --forecast "$out/forecast.json" --contamination 0.005 \
  --output "$out/anomalies.json" --csv "$out/anomalies.csv"

echo "== train-rl: replenishment policy for SKU-120 from its forecast -> $out/policy.json"
"$bin" train-rl --forecast "$out/forecast.json" --items data/items.csv --sku SKU-120 \
  --output "$out/policy.json"

echo "== simulate: the learned policy over 20 x 10,000 days -> $out/simulation.json"
"$bin" simulate --policy "$out/policy.json" --sku SKU-120 --output "$out/simulation.json"

echo "== optimize: tonight's purchase orders under budget and capacity -> $out/orders.json"
"$bin" optimize --forecast "$out/forecast.json" --items data/items.csv --budget 3000 \
  --capacity 25 --supplier-min data/supplier_minimums.csv --output "$out/orders.json"
"$bin" optimize -q --forecast "$out/forecast.json" --items data/items.csv --budget 3000 \
  --capacity 25 --supplier-min data/supplier_minimums.csv --format csv --output "$out/orders.csv"

echo
echo "Results in $out/:"
ls -1 "$out" | sed 's/^/  /'
