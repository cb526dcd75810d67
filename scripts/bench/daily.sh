# Multiple seasonality for daily data: --fourier and --decompose mstl against auto.
#
# 28-day backtests (`--holdout 28`, `--threads 1`) on three daily data sets:
#   demo-dec   data/sales.csv (scripts/gen_demo_data.py, 200 SKUs, 3 years), held out
#              2025-12-04..2025-12-31: the Christmas ramp
#   demo-sep   the same file cut after 2025-09-30 (held out 2025-09-03..30)
#   rossmann   ../shared/data/rossmann stores 1-100 (--date-col Date --sku-col Store
#              --qty-col Sales --freq D), held out 2015-07-04..31
# Configurations: auto (today's default: ARIMA on daily data), auto with --fourier
# 365.25:K for K = 2, 4, 8 (regressors of ARIMA), --decompose mstl (default periods 7
# and 365) with ARIMA (auto) and with ETS (auto --select aicc); each without and with
# regressors (demo: promo,holiday; Rossmann: Promo,SchoolHoliday; with regressors auto
# keeps ARIMA for every smooth SKU, so mstl-ets then equals mstl-arima).
# Per run: MASE (mean over SKUs) and its ratio to auto's, coverage of the 80 % and
# 95 % intervals, bias of the total (Σ forecast - Σ actual over Σ actual, smooth and
# erratic SKUs where auto fits a model), CPU seconds (user + sys), and the machine load.
#
# Usage: scripts/bench.sh daily [--only demo-dec|demo-sep|rossmann] [--configs "NAME ..."]
#        [--regressors no|yes|both]
#   NAME: auto fourier2 fourier4 fourier8 mstl-arima mstl-ets (default: all)
# Environment: INVPLAN (a built invplan instead of building build/bench); DAILY_WORK (a
# folder kept between runs: the artifacts and runs.txt stay there, and runs already
# listed in its runs.txt are not repeated, so the table can be completed in parts).
ONLY=
CONFIG_FILTER=
REG_MODES=(no yes)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) ONLY=$2; shift ;;
    --configs) CONFIG_FILTER=$2; shift ;;
    --regressors) [[ $2 == both ]] && REG_MODES=(no yes) || REG_MODES=("$2"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -n ${INVPLAN:-} ]] || bench_build
WORK=${DAILY_WORK:-$BENCH_TMP/daily}
mkdir -p "$WORK"
ROSSMANN=$ROOT/../shared/data/rossmann/train_stores_1_100.csv
[[ -f $ROOT/data/sales.csv ]] || $PY scripts/gen_demo_data.py --out "$ROOT/data"

# The inputs: each data set's file and a future file of its regressors (the
# backtest scores the held-out periods, whose regressors come from the history;
# the future file only lets the final forecast run).
awk -F, 'NR == 1 || $1 <= "2025-09-30"' "$ROOT/data/sales.csv" >"$WORK/demo-sep.csv"
cp "$ROOT/data/sales.csv" "$WORK/demo-dec.csv"
$PY - "$WORK" "$ROSSMANN" <<'PYEOF'
import csv, datetime as dt, sys
work, ross = sys.argv[1:3]
def future(name, date_col, sku_col, cols, step_days=28):
    last, skus = None, []
    with open(f"{work}/{name}.csv") as f:
        for r in csv.DictReader(f):
            last = max(last or r[date_col], r[date_col])
            if r[sku_col] not in skus:
                skus.append(r[sku_col])
    d0 = dt.date.fromisoformat(last)
    with open(f"{work}/{name}-future.csv", "w") as o:
        o.write(",".join([date_col, sku_col] + cols) + "\n")
        for i in range(1, step_days + 1):
            for s in skus:
                o.write(",".join([str(d0 + dt.timedelta(days=i)), s] + ["0"] * len(cols)) + "\n")
# Rossmann sorted by date, with only the columns used.
with open(ross) as f, open(f"{work}/rossmann.csv", "w") as o:
    rows = sorted(csv.DictReader(f), key=lambda r: (r["Date"], int(r["Store"])))
    o.write("Date,Store,Sales,Promo,SchoolHoliday\n")
    for r in rows:
        o.write(f'{r["Date"]},{r["Store"]},{r["Sales"]},{r["Promo"]},{r["SchoolHoliday"]}\n')
future("demo-dec", "date", "sku", ["promo", "holiday"])
future("demo-sep", "date", "sku", ["promo", "holiday"])
future("rossmann", "Date", "Store", ["Promo", "SchoolHoliday"])
PYEOF

CONFIGS=(
  "auto|"
  "fourier2|--fourier 365.25:2"
  "fourier4|--fourier 365.25:4"
  "fourier8|--fourier 365.25:8"
  "mstl-arima|--decompose mstl"
  "mstl-ets|--decompose mstl --select aicc"
)
echo "load average $(bench_load) on $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p')"
for data in demo-dec demo-sep rossmann; do
  [[ -z $ONLY || $ONLY == "$data" ]] || continue
  if [[ $data == rossmann ]]; then
    COLS=(--date-col Date --sku-col Store --qty-col Sales --freq D)
    REG=Promo,SchoolHoliday
  else
    COLS=()
    REG=promo,holiday
  fi
  for reg in "${REG_MODES[@]}"; do
    for entry in "${CONFIGS[@]}"; do
      name=${entry%%|*}
      [[ -z $CONFIG_FILTER || " $CONFIG_FILTER " == *" $name "* ]] || continue
      read -r -a extra <<<"${entry#*|}"
      REGS=()
      [[ $reg == yes ]] && REGS=(--regressors "$REG" --future "$WORK/$data-future.csv")
      out=$WORK/$data-$name-$reg.json
      grep -q "^$data $name $reg " "$WORK/runs.txt" 2>/dev/null && continue
      # CPU seconds of the run (user + sys), from bash's time.
      TIMEFORMAT='%U %S'
      cpu=$({ time "$INVPLAN" forecast -i "$WORK/$data.csv" "${COLS[@]}" --holdout 28 --threads 1 \
        "${REGS[@]}" "${extra[@]}" -o "$out" -q >/dev/null 2>"$WORK/err.txt"; } 2>&1 | tail -1)
      [[ -s $out ]] || { echo "!! $data $name reg=$reg failed: $(cat "$WORK/err.txt")" >&2; continue; }
      echo "$data $name $reg $(echo "$cpu" | awk '{print $1 + $2}') $out" >>"$WORK/runs.txt"
    done
  done
done
$PY scripts/bench/daily_score.py "$WORK/runs.txt"
echo "load average at the end $(bench_load)"
