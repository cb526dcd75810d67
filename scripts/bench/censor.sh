# Stock-out censoring in forecasts: accuracy against TRUE demand, which the sales hide.
#
# The demo data generator (scripts/gen_demo_data.py) knows the true daily demand
# of every SKU (--truth-demand). Its sales are cut 28 days before the end of the
# data (or of --end DATE, which drops what follows it); `invplan forecast`
# (--model auto unless told) forecasts those 28 days with --stockouts keep,
# missing and censor. Scored against the true demand of
# the 28 days, on the SKUs with a stock-out (closing on_hand <= 0) in the
# fitting window, and on the others as a control:
#   bias   mean over SKUs of mean(forecast - demand), and Σ(forecast - demand) /
#          Σ demand in percent
#   MASE   mean |forecast - demand| scaled by the in-sample mean |d_t - d_{t-7}|
#          of the true demand (the same yardstick for every mode), averaged over SKUs
# and the ratios of missing and censor to keep. Also the count of stock-out
# periods and the wall time of each run, with the machine load.
#
# --regressors: promo and holiday as regressors (their holdout values taken from
# the sales rows of those days; a SKU-day without a row has no promotion).
#
# --model M: the forecast model (default auto), e.g. rnn for the network's censored loss.
#
# Usage: scripts/bench.sh censor [--seed N] [--threads N] [--end YYYY-MM-DD] [--regressors] [--model M]
# Environment: INVPLAN (a built invplan to use instead of building build/bench).
SEED=20231
THREADS=0
END=2025-12-31
REGRESSORS=()
MODEL=auto
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seed) SEED=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    --end) END=$2; shift ;;
    --model) MODEL=$2; shift ;;
    --regressors) REGRESSORS=(--regressors promo,holiday --future "$BENCH_TMP/censor/future.csv") ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [[ -z ${INVPLAN:-} ]]; then
  bench_build
fi
WORK=$BENCH_TMP/censor
mkdir -p "$WORK"
echo "== generating the demo data (seed $SEED) and its true demand"
$PY scripts/gen_demo_data.py --out "$WORK" --seed "$SEED" --truth-demand "$WORK/truth.csv"
# The last 28 days up to END are held out: the forecast never sees them.
CUTOFF=$($PY -c 'import datetime as d, sys; print(d.date.fromisoformat(sys.argv[1]) - d.timedelta(days=27))' "$END")
awk -F, -v c="$CUTOFF" 'NR == 1 || $1 < c' "$WORK/sales.csv" >"$WORK/fit.csv"
awk -F, -v e="$END" 'NR == 1 || $1 <= e' "$WORK/truth.csv" >"$WORK/truth_end.csv"
echo "fitting window: up to the day before $CUTOFF; holdout: 28 days to $END"
if [[ ${#REGRESSORS[@]} -gt 0 ]]; then
  $PY - "$WORK/sales.csv" "$WORK/truth_end.csv" "$CUTOFF" "$WORK/future.csv" <<'PYEOF'
import csv, sys
sales, truth, cutoff, out = sys.argv[1:5]
promo, holiday = {}, {}
with open(sales) as f:
    for r in csv.DictReader(f):
        if r["date"] >= cutoff:
            promo[(r["date"], r["sku"])] = r["promo"]
            holiday[r["date"]] = r["holiday"]
with open(truth) as f, open(out, "w") as o:
    o.write("date,sku,promo,holiday\n")
    for r in csv.DictReader(f):
        if r["date"] >= cutoff:
            d = r["date"]
            o.write("%s,%s,%s,%s\n" % (d, r["sku"], promo.get((d, r["sku"]), "0"), holiday.get(d, "0")))
PYEOF
  echo "regressors: promo, holiday"
fi
echo "load before: $(bench_load)"
for mode in keep missing censor; do
  t0=$(date +%s.%N)
  "$INVPLAN" forecast -i "$WORK/fit.csv" --stockouts "$mode" --model "$MODEL" --horizon 28 --threads "$THREADS" \
    "${REGRESSORS[@]}" -o "$WORK/fc_$mode.json" -q
  t1=$(date +%s.%N)
  secs=$(echo "$t1 - $t0" | bc)
  printf 'forecast --stockouts %-8s %6.1f s\n' "$mode" "$secs"
  bench_figure "seconds_$mode" "$secs"
done
echo "load after: $(bench_load)"
$PY scripts/bench/censor_eval.py "$WORK/fit.csv" "$WORK/truth_end.csv" "$CUTOFF" \
  "$WORK/fc_keep.json" "$WORK/fc_missing.json" "$WORK/fc_censor.json"
