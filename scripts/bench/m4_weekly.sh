# invplan against R's auto.arima, ets and thetaf on the M4 weekly series (359 series of
# 80 to 2,597 weeks, horizon 13, seasonal period 52). scripts/bench/select_bench runs
# the stage's per-series forecast (as `invplan forecast` on weekly data) for arima,
# ets, theta, combo (mean and median) and auto with --select combo, aicc and backtest,
# one configuration after another on one core; scripts/bench/m4_weekly.R runs R 4.2 with
# forecast 8.20 (ts frequency 52: ets() ignores seasons above 24, as invplan's ETS
# does). Scored on Weekly-test.csv by scripts/bench/select_score.py: sMAPE and MASE
# as in the M4 competition (MASE scaled by the in-sample naive at lag 1, the M4
# rule for weekly data), CPU seconds of each method.
#
# Usage: scripts/bench.sh m4weekly [STRIDE=1] [CONFIG...]
#   STRIDE k: every k-th series only; CONFIG: MODEL[:SELECT[:COMBINE]] (default:
#   arima ets theta combo combo:combo:median auto auto:aicc auto:backtest).
# Environment: M4W (folder of Weekly-train.csv and Weekly-test.csv).
M4W=${M4W:-$ROOT/../shared/data/m4_weekly}
STRIDE=${1:-1}
shift || true
CONFIGS=("$@")
[[ ${#CONFIGS[@]} -gt 0 ]] ||
  CONFIGS=(arima ets theta combo combo:combo:median auto auto:aicc auto:backtest)
[[ -f $M4W/Weekly-train.csv ]] || { echo "M4 weekly data not found in $M4W" >&2; exit 1; }
echo "== building scripts/bench/select_bench (Release) in $BENCH_BUILD_DIR"
invplan_build "$BENCH_BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DINVPLAN_BENCHMARKS=ON -- \
  select_bench >/dev/null
HAVE_R=1
bench_install_deb r-cran-forecast "Rscript -e 'suppressMessages(library(forecast))'" || {
  echo "!! invplan's figures only" >&2; HAVE_R=0; }
WORK=$(mktemp -d /tmp/bench-m4w.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# The wide rows (V1 = id, then values, empty after the series' end) as select_bench's
# long CSV and info CSV (M3_info.csv's column layout: horizon 13, period 52).
$PY - "$M4W" "$WORK" "$STRIDE" <<'PYEOF'
import csv, sys
src, work, stride = sys.argv[1], sys.argv[2], int(sys.argv[3])
def rows(name):
    with open(f"{src}/{name}") as f:
        rd = csv.reader(f)
        next(rd)
        return [(r[0], [float(v) for v in r[1:] if v not in ("", "NA")]) for r in rd]
train, test = rows("Weekly-train.csv")[::stride], dict(rows("Weekly-test.csv"))
with open(f"{work}/long.csv", "w") as f:
    f.write("series,split,t,value\n")
    for sid, y in train:
        f.writelines(f"{sid},train,{t + 1},{v!r}\n" for t, v in enumerate(y))
        f.writelines(f"{sid},test,{t + 1},{v!r}\n" for t, v in enumerate(test[sid]))
with open(f"{work}/info.csv", "w") as f:
    f.write("series,period,type,n,h,start_year,start_period,frequency\n")
    f.writelines(f"{sid},WEEKLY,,{len(y)},13,,,52\n" for sid, y in train)
with open(f"{work}/train.csv", "w") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["V1"] + [f"V{i + 2}" for i in range(max(len(y) for _, y in train))])
    for sid, y in train:
        w.writerow([sid] + [repr(v) for v in y])
PYEOF
echo "load average $(bench_load) on $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p')"
"$BENCH_BUILD_DIR/scripts/bench/select_bench" "$WORK/long.csv" "$WORK/info.csv" 1 \
  "$WORK/ours.csv" "${CONFIGS[@]}" | tee "$WORK/ours.txt"
REF=()
if [[ $HAVE_R == 1 ]]; then
  # auto.arima with period 52 takes seconds a series: two processes, one per core,
  # their CPU seconds added.
  for k in 1 2; do
    Rscript scripts/bench/m4_weekly.R "$WORK/train.csv" "$WORK/r$k.csv" $k 2 >"$WORK/r$k.txt" &
  done
  wait
  { cat "$WORK/r1.csv"; tail -n +2 "$WORK/r2.csv"; } >"$WORK/r.csv"
  awk '$1 == "cpu" { s[$2] += $3 } END { for (k in s) printf "cpu %s %.3f\n", k, s[k] }' \
    "$WORK/r1.txt" "$WORK/r2.txt" | tee "$WORK/r.txt"
  REF=("$WORK/r.csv" "$WORK/r.txt" R_)
fi
$PY scripts/bench/select_score.py "$WORK/long.csv" "$WORK/info.csv" "$WORK/ours.csv" \
  "$WORK/ours.txt" "${REF[@]}" --mase-lag 1
echo "load average at the end $(bench_load)"
