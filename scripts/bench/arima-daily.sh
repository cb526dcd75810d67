# Daily ARIMA with regressors against R's forecast::auto.arima: N SKUs of the demo
# data (every other one of the first 2N), the last 28 days held out, promo and holiday
# as regressors. Compares invplan's approximate search (the default for long series,
# as R's) and its exact search with R on accuracy (MASE, geometric mean of ratios) and
# CPU time, all on one core.
# Usage: scripts/bench.sh arima-daily [N_SKUS=20]
N=${1:-20}
bench_build
HAVE_R=1
bench_install_deb r-cran-forecast "Rscript -e 'suppressMessages(library(forecast))'" || {
  echo "!! invplan's figures only" >&2; HAVE_R=0; }
WORK=$(mktemp -d /tmp/bench-arima-daily.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
invplan_ensure_demo_data
$PY scripts/bench/arima_daily.py split data/sales.csv "$WORK" "$N" 28
echo "load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores; CPU seconds (user + sys):"
for mode in approximate exact; do
  /usr/bin/time -f "%U %S" -o "$WORK/$mode.time" "$INVPLAN" forecast -q \
    -i "$WORK/train.csv" --regressors promo,holiday --future "$WORK/future.csv" -m arima \
    -H 28 --arima-search "$mode" --threads 1 -o "$WORK/$mode.json" --csv "$WORK/$mode.csv"
  secs=$(awk '{print $1 + $2}' "$WORK/$mode.time")
  echo "  invplan --arima-search $mode: $secs s"
  bench_figure "cpu_seconds.invplan_$mode" "$secs"
done
named=("approximate=$WORK/approximate.csv" "exact=$WORK/exact.csv")
if [[ $HAVE_R == 1 ]]; then
  Rscript scripts/bench/arima_daily.R "$WORK"
  r=$(cat "$WORK/r_cpu")
  speedup() { awk -v r="$r" '{printf "%.0f", r / ($1 + $2)}' "$WORK/$1.time"; }
  echo "  R auto.arima: $r s  (speed-up: approximate $(speedup approximate)x, exact $(speedup exact)x)"
  bench_figure cpu_seconds.r_auto_arima "$r"
  bench_figure speedup.approximate "$(speedup approximate)"
  bench_figure speedup.exact "$(speedup exact)"
  named+=("R_auto.arima=$WORK/r.csv")
fi
echo "accuracy on the held-out 28 days:"
$PY scripts/bench/arima_daily.py score "$WORK" "${named[@]}"
