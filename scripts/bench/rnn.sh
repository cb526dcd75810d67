# Benchmark of the recurrent-network forecaster (`invplan forecast --model rnn`,
# src/forecast/rnn*), all through the command line:
#  1. Rossmann stores 1..100 (../shared/data/rossmann; daily sales with Open,
#     Promo, StateHoliday, SchoolHoliday as regressors; the last 42 days held
#     out): MASE and interval coverage of the global network (default
#     settings) against seasonal naive on all stores, and on a fixed subset
#     (every 5th store: 1, 6, ..., 96) also against invplan's `--model arima`
#     and R's forecast::auto.arima with the same regressors (frequency 7). R
#     runs in the background while the network trains. Training time: CPU
#     seconds (user + sys) and wall time of the whole process.
#  2. M5 (../shared/data/m5): the 10 full item-store series, 28 days ahead from
#     four origins (the last 28 days of their history held out, then the windows
#     28, 56 and 84 days earlier), regressors SNAP day, event day and sell price;
#     MASE and RMSSE of rnn (default seed, two more seeds, and the Gaussian
#     head), seasonal naive and `--model auto` (scaled from each item's first
#     sale, as in the M5 competition), per origin and averaged.
#  3. Speed: seconds per training epoch against the same architecture (GRU,
#     Gaussian head, Adam, clipping) in PyTorch on CPU (Debian's
#     python3-torch) with the same batches, windows and threads.
# Comparison tools (r-cran-forecast, python3-torch) are installed with apt-get
# when missing; without them their parts are skipped, saying so.
#
# Usage: scripts/bench.sh rnn [--threads N] [--subset-step K] [--no-r] [--no-torch]
THREADS=2
STEP=5
USE_R=1
USE_TORCH=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) THREADS=$2; shift ;;
    --subset-step) STEP=$2; shift ;;
    --no-r) USE_R=0 ;;
    --no-torch) USE_TORCH=0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
ROSSMANN=$ROOT/../shared/data/rossmann
M5=$ROOT/../shared/data/m5
[[ -f $ROSSMANN/train_stores_1_100.csv ]] || { echo "missing $ROSSMANN" >&2; exit 1; }

bench_build
WORK=$(mktemp -d /tmp/bench-rnn.XXXXXX)
R_PID=
cleanup() {
  [[ -n $R_PID ]] && kill "$R_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

install_deb() {  # package, import check
  bench_install_deb "$@" || { echo "!! skipping the comparison with $1" >&2; return 1; }
}
[[ $USE_R == 1 ]] && { install_deb r-cran-forecast \
  "Rscript -e 'suppressMessages(library(forecast))'" || USE_R=0; }

# CPU seconds (user + sys) and wall seconds of a command, into $WORK/time_NAME.
timed() {
  local name=$1
  shift
  /usr/bin/time -f "%U %S %e" -o "$WORK/time_$name" "$@"
}
cpu() {
  local user sys wall
  read -r user sys wall <"$WORK/time_$1"
  bench_figure "time.$1.cpu_seconds" "$(echo "$user + $sys" | bc -l)"
  bench_figure "time.$1.wall_seconds" "$wall"
  awk '{printf "%.1f s CPU (user %.1f + sys %.1f), %.1f s wall", $1 + $2, $1, $2, $3}' \
    "$WORK/time_$1"
}

echo "== load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"

# ---- 1. Rossmann -------------------------------------------------------------
$PY scripts/bench/rnn_data.py rossmann "$ROSSMANN" "$WORK" 42 "$STEP"
REGS=open,promo,state_holiday,school_holiday
awk -F, -v list="$WORK/rossmann_subset.txt" \
  'BEGIN { while ((getline s < list) > 0) keep[s] = 1 } NR == 1 || keep[$2]' \
  "$WORK/rossmann_train.csv" > "$WORK/rossmann_subset_train.csv"
nsub=$(wc -l < "$WORK/rossmann_subset.txt")
if [[ $USE_R == 1 ]]; then
  echo "== R auto.arima with regressors on the $nsub-store subset (background)"
  /usr/bin/time -f "%U %S %e" -o "$WORK/time_r" Rscript scripts/bench/rnn_arima.R \
    "$WORK/rossmann_subset_train.csv" "$WORK/rossmann_future.csv" "$WORK/rossmann_subset.txt" \
    "$REGS" "$WORK/r_rossmann.csv" 2>"$WORK/r.log" &
  R_PID=$!
fi
COMMON=(--freq D -H 42 --regressors "$REGS" --future "$WORK/rossmann_future.csv"
        --threads "$THREADS")
echo "== invplan --model rnn, 100 stores, default settings, $THREADS threads"
timed rnn "$INVPLAN" forecast -i "$WORK/rossmann_train.csv" "${COMMON[@]}" --model rnn \
  -o "$WORK/rnn_rossmann.json" 2>"$WORK/rnn.log"
echo "   training: $(cpu rnn)"
$PY - "$WORK/rnn_rossmann.json" <<'PYEOF'
import json, sys
t = json.load(open(sys.argv[1]))["training"]
print("   %s, %d parameters, %d epochs run (best %d), %d x %d windows per epoch, "
      "%.2f s per epoch (wall)" % (t["spec"], t["parameters"], t["epochs_run"], t["best_epoch"],
                                  t["batches_per_epoch"], t["batch"],
                                  t["seconds"] / t["epochs_run"]))
PYEOF
"$INVPLAN" forecast -i "$WORK/rossmann_train.csv" --freq D -H 42 --model snaive -q \
  -o "$WORK/snaive_rossmann.json"
echo "== invplan --model arima with the same regressors, $nsub-store subset"
timed arima "$INVPLAN" forecast -i "$WORK/rossmann_subset_train.csv" "${COMMON[@]}" \
  --model arima -q -o "$WORK/arima_rossmann.json"
echo "   $(cpu arima)"
forecasts=(rnn="$WORK/rnn_rossmann.json" snaive="$WORK/snaive_rossmann.json")
if [[ $USE_R == 1 ]]; then
  echo "== waiting for R"
  if wait "$R_PID"; then
    echo "   R auto.arima: $(cpu r)"
    forecasts+=(r_auto.arima="$WORK/r_rossmann.csv")
  else
    echo "!! R failed:"; tail -5 "$WORK/r.log"
  fi
  R_PID=
fi
echo "== Rossmann accuracy, last 42 days, all 100 stores"
$PY scripts/bench/rnn_score.py "$WORK/rossmann_train.csv" "$WORK/rossmann_actual.csv" 7 \
  --figures rossmann_all rnn="$WORK/rnn_rossmann.json" snaive="$WORK/snaive_rossmann.json"
echo "== Rossmann accuracy, last 42 days, subset of $nsub stores (every ${STEP}th)"
$PY scripts/bench/rnn_score.py "$WORK/rossmann_train.csv" "$WORK/rossmann_actual.csv" 7 \
  --figures rossmann_subset --subset "$WORK/rossmann_subset.txt" "${forecasts[@]}" arima="$WORK/arima_rossmann.json"

# ---- 2. M5 -------------------------------------------------------------------
# Ten series and one 28-day window make a noisy comparison, so four forecast
# origins are scored: the last 28 days of d_1..d_1913 held out, then the windows
# ending 28, 56 and 84 days earlier (each trained only on what precedes it).
# Two more seeds show the spread, the Gaussian head what the negative-binomial
# one (auto on counts) brings.
if [[ -f $M5/spot_sales_train_validation_10series.csv ]]; then
  echo "== M5: 10 item-store series, 28 days ahead from 4 origins (d_1885, d_1857, d_1829, d_1801)"
  for back in 0 28 56 84; do
    d=$WORK/m5_$back
    mkdir -p "$d"
    $PY scripts/bench/rnn_data.py m5 "$M5" "$d" 28 "$back"
    M5ARGS=(-i "$d/m5_train.csv" --freq D -H 28 --regressors snap,event,price
            --future "$d/m5_future.csv" --threads "$THREADS" -q)
    timed "m5rnn_$back" "$INVPLAN" forecast "${M5ARGS[@]}" --model rnn -o "$d/rnn.json"
    for seed in 1 2; do
      "$INVPLAN" forecast "${M5ARGS[@]}" --model rnn --seed "$seed" -o "$d/rnn_seed$seed.json"
    done
    "$INVPLAN" forecast "${M5ARGS[@]}" --model rnn --likelihood gaussian -o "$d/rnn_gaussian.json"
    "$INVPLAN" forecast "${M5ARGS[@]}" --model auto -o "$d/auto.json"
    "$INVPLAN" forecast -i "$d/m5_train.csv" --freq D -H 28 --model snaive -q -o "$d/snaive.json"
    echo "-- origin $back days before the end of d_1913; rnn: $(cpu "m5rnn_$back")"
    $PY scripts/bench/rnn_score.py "$d/m5_train.csv" "$d/m5_actual.csv" 7 --from-first-sale \
      --figures "m5_origin_$back" \
      rnn="$d/rnn.json" rnn_seed1="$d/rnn_seed1.json" rnn_seed2="$d/rnn_seed2.json" \
      rnn_gaussian="$d/rnn_gaussian.json" auto="$d/auto.json" snaive="$d/snaive.json" |
      tee "$d/scores.txt"
  done
  echo "-- mean over the 4 origins"
  $PY - "$WORK"/m5_*/scores.txt <<'PYEOF'
import sys
from collections import defaultdict
sys.path.insert(0, "scripts/bench")
from figures import record
acc = defaultdict(list)
for path in sys.argv[1:]:
    for line in open(path):
        f = line.split()
        acc[f[0]].append((float(f[2]), float(f[4]), float(f[6].rstrip("%")), float(f[8].rstrip("%"))))
for name, v in acc.items():
    n = len(v)
    print("%-14s MASE %.3f  RMSSE %.3f  coverage80 %.1f%%  coverage95 %.1f%%  (%d origins)" %
          (name, sum(x[0] for x in v) / n, sum(x[1] for x in v) / n, sum(x[2] for x in v) / n,
           sum(x[3] for x in v) / n, n))
    for i, key in enumerate(("mase", "rmsse", "coverage80_percent", "coverage95_percent")):
        record(f"m5_mean.{name}.{key}", sum(x[i] for x in v) / n)
PYEOF
else
  echo "== M5 data not found at $M5: skipped"
fi

# ---- 3. epoch speed against PyTorch -------------------------------------------
echo "== load average before the speed comparison: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $USE_TORCH == 1 ]] && { install_deb python3-torch "$PY -c 'import torch'" || USE_TORCH=0; }
if [[ $USE_TORCH == 0 ]]; then
  echo "== PyTorch comparison skipped"
  exit 0
fi
read -r SPEC_STEPS SPEC_FEATURES BATCHES BATCH SECS < <($PY - "$WORK/rnn_rossmann.json" <<'PYEOF'
import json, sys
t = json.load(open(sys.argv[1]))["training"]
print(t["lookback"] + t["horizon"], t["features"], t["batches_per_epoch"], t["batch"],
      "%.3f" % min(e["seconds"] for e in t["curve"]))
PYEOF
)
cat > "$WORK/torch_epoch.py" <<EOF
import time, torch
torch.manual_seed(0)
torch.set_num_threads($THREADS)
B, T, L, F, E, H = $BATCH, $SPEC_STEPS, $SPEC_STEPS - 42, $SPEC_FEATURES, 4, 40
emb = torch.nn.Embedding(100, E)
gru = torch.nn.GRU(F + E, H)
head = torch.nn.Linear(H, 2)
params = list(emb.parameters()) + list(gru.parameters()) + list(head.parameters())
opt = torch.optim.Adam(params, lr=3e-3)
x = torch.randn(T, B, F)
y = torch.randn(T - L, B)
sku = torch.randint(0, 100, (B,))
def epoch():
    for _ in range($BATCHES):
        e = emb(sku).unsqueeze(0).expand(T, B, E)
        out, _ = gru(torch.cat([x, e], 2))
        z = head(out[L:])
        mu, sd = z[..., 0], torch.nn.functional.softplus(z[..., 1]) + 1e-3
        loss = (torch.log(sd) + 0.5 * ((y - mu) / sd) ** 2).mean()
        opt.zero_grad(); loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
epoch()
times = []
for _ in range(3):
    t = time.perf_counter(); epoch(); times.append(time.perf_counter() - t)
print("%.3f" % min(times))
EOF
echo "== speed: one epoch ($BATCHES batches x $BATCH windows x $SPEC_STEPS steps, GRU(40))"
theirs=$($PY "$WORK/torch_epoch.py")
echo "invplan  seconds per epoch: $SECS (fastest epoch of the Rossmann run, with validation)"
echo "PyTorch  seconds per epoch: $theirs (torch $($PY -c 'import torch; print(torch.__version__)'), float32, threads $THREADS)"
awk -v a="$SECS" -v b="$theirs" 'BEGIN { printf "ratio PyTorch/invplan: %.2f (>1: invplan faster)\n", b / a }'
bench_figure speed.invplan_seconds_per_epoch "$SECS"
bench_figure speed.pytorch_seconds_per_epoch "$theirs"
bench_figure speed.ratio_pytorch_to_invplan "$(echo "$theirs / $SECS" | bc -l)"
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
