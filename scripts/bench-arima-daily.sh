#!/usr/bin/env bash
# Daily ARIMA with regressors against R's forecast::auto.arima: N SKUs of the demo
# data (every other one of the first 2N), the last 28 days held out, promo and holiday
# as regressors. Compares invplan's approximate search (the default for long series,
# as R's) and its exact search with R on accuracy (MASE, geometric mean of ratios) and
# CPU time, all on one core.
# Usage: scripts/bench-arima-daily.sh [N_SKUS=20]
# Environment: BUILD_DIR (default build-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20}
BUILD_DIR=${BUILD_DIR:-build-bench}
PY=/usr/bin/python3
if [[ ! -x $BUILD_DIR/invplan ]]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DINVPLAN_TESTS=OFF >/dev/null
fi
cmake --build "$BUILD_DIR" -j2 --target invplan >/dev/null
HAVE_R=1
if ! Rscript -e 'suppressMessages(library(forecast))' >/dev/null 2>&1; then
  echo "== R forecast package missing: installing r-cran-forecast with apt-get"
  apt-get install -y --no-install-recommends r-cran-forecast >/dev/null 2>&1 || {
    echo "!! could not install r-cran-forecast: invplan's figures only" >&2; HAVE_R=0; }
fi
WORK=$(mktemp -d /tmp/bench-arima-daily.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
$PY scripts/bench/arima_daily.py split data/sales.csv "$WORK" "$N" 28
echo "load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores; CPU seconds (user + sys):"
for mode in approximate exact; do
  /usr/bin/time -f "%U %S" -o "$WORK/$mode.time" "$BUILD_DIR/invplan" forecast -q \
    -i "$WORK/train.csv" --regressors promo,holiday --future "$WORK/future.csv" -m arima \
    -H 28 --arima-search "$mode" --threads 1 -o "$WORK/$mode.json" --csv "$WORK/$mode.csv"
  echo "  invplan --arima-search $mode: $(awk '{print $1 + $2}' "$WORK/$mode.time") s"
done
named=("approximate=$WORK/approximate.csv" "exact=$WORK/exact.csv")
if [[ $HAVE_R == 1 ]]; then
  Rscript scripts/bench/arima_daily.R "$WORK"
  r=$(cat "$WORK/r_cpu")
  echo "  R auto.arima: $r s  (speed-up: approximate $(awk -v r="$r" '{printf "%.0f", r / ($1 + $2)}' "$WORK/approximate.time")x, exact $(awk -v r="$r" '{printf "%.0f", r / ($1 + $2)}' "$WORK/exact.time")x)"
  named+=("R_auto.arima=$WORK/r.csv")
fi
echo "accuracy on the held-out 28 days:"
$PY scripts/bench/arima_daily.py score "$WORK" "${named[@]}"
