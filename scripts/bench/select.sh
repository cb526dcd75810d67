# Auto's model choice (--select) on the M3 competition data: every series by default
# (645 yearly, 756 quarterly, 1,428 monthly, 174 other; official horizons 6, 8, 18, 8;
# seasonal period 1, 4, 12, 1). scripts/bench/select_bench runs the stage's per-series
# forecast (ForecastSeries: demand classes, models, fallbacks, as `invplan forecast`)
# once per configuration over all series on one core and times each in CPU seconds:
# arima, ets, theta, ces, combo (mean and median, without and with ces) and auto with
# --select combo, aicc and backtest. Scored on the test parts by
# scripts/bench/select_score.py: sMAPE and MASE (scaled by the in-sample seasonal
# naive) per period and overall.
#
# Usage: scripts/bench.sh select [STRIDE=1] [CONFIG...]
#   STRIDE k: every k-th series of M3_info.csv only; CONFIG:
#   MODEL[:SELECT[:COMBINE[:THETA[:MEMBERS]]]] (THETA: --theta-method, e.g.
#   theta:::dynamic-optimised, combo:combo:mean:auto; MEMBERS: --combo-members joined by +,
#   e.g. combo:combo:mean::arima+ets+theta+ces) (default: arima ets, theta with each
#   --theta-method, ces, combo, combo with DOTM, combo:combo:median, the two combinations
#   with ces, auto auto:aicc auto:backtest).
# Environment: M3 (path of M3_long.csv; M3_info.csv beside it).
M3=${M3:-$ROOT/../shared/data/m3/M3_long.csv}
STRIDE=${1:-1}
shift || true
CONFIGS=("$@")
[[ ${#CONFIGS[@]} -gt 0 ]] ||
  CONFIGS=(arima ets theta theta:::optimised theta:::dynamic theta:::dynamic-optimised
    theta:::auto ces combo combo:combo:mean:dynamic-optimised combo:combo:median
    combo:combo:mean::arima+ets+theta+ces combo:combo:median::arima+ets+theta+ces auto auto:aicc
    auto:backtest)
[[ -f $M3 ]] || { echo "M3 data not found at $M3" >&2; exit 1; }
echo "== building scripts/bench/select_bench (Release) in $BENCH_BUILD_DIR"
invplan_build "$BENCH_BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DINVPLAN_BENCHMARKS=ON -- \
  select_bench >/dev/null
WORK=$(mktemp -d /tmp/bench-select.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "load average $(bench_load) on $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p')"
"$BENCH_BUILD_DIR/scripts/bench/select_bench" "$M3" "${M3%/*}/M3_info.csv" "$STRIDE" \
  "$WORK/ours.csv" "${CONFIGS[@]}" | tee "$WORK/ours.txt"
$PY scripts/bench/select_score.py "$M3" "${M3%/*}/M3_info.csv" "$WORK/ours.csv" "$WORK/ours.txt"
echo "load average at the end $(bench_load)"
