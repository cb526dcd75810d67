# Forecast accuracy and speed against R's forecast::auto.arima on the M3
# competition data (monthly, quarterly, yearly; official horizons 18, 8, 6).
#
# For each frequency, the training parts of the chosen series are written as one
# sales CSV (synthetic dates, all ending in the same period, one SKU per series), forecast by
#   invplan forecast --model arima
# and, from the same series, by auto.arima + forecast() in one Rscript process.
# Both are scored on the held-out test parts: per-series MASE (scaled by the
# in-sample seasonal naive), the geometric mean of the MASE ratios invplan/R,
# the coverage of the 95 % intervals, and the wall time of each whole process.
#
# Usage: scripts/bench.sh forecast [--all] [--per-freq N] [--threads N]
#   default: 30 series of each frequency (every k-th, deterministic); --all: every series.
# Environment: M3 (path of M3_long.csv).
M3=${M3:-$ROOT/../shared/data/m3/M3_long.csv}
PER_FREQ=30
THREADS=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --all) PER_FREQ=0 ;;
    --per-freq) PER_FREQ=$2; shift ;;
    --threads) THREADS=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -f $M3 ]] || { echo "M3 data not found at $M3" >&2; exit 1; }

bench_build

HAVE_R=1
bench_install_deb r-cran-forecast "Rscript -e 'suppressMessages(library(forecast))'" || {
  echo "!! reporting invplan's figures only, without the comparison" >&2
  HAVE_R=0
}

WORK=$(mktemp -d /tmp/bench-forecast.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# Split M3 into per-frequency training CSVs (dated) and test CSVs.
$PY - "$M3" "$WORK" "$PER_FREQ" "${M3%/*}/M3_info.csv" <<'PYEOF'
import csv, sys, collections
m3, work, per_freq, info_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
period = {}
with open(info_path) as f:
    for row in csv.DictReader(f):
        period[row["series"]] = row["period"]
series = collections.defaultdict(lambda: {"train": [], "test": []})
with open(m3) as f:
    for row in csv.DictReader(f):
        series[row["series"]][row["split"]].append((int(row["t"]), float(row["value"])))
freqs = {"MONTHLY": ("M", 12, 18), "QUARTERLY": ("Q", 4, 8), "YEARLY": ("Y", 1, 6)}
for name, (code, m, h) in freqs.items():
    ids = sorted(s for s in series if period.get(s) == name)
    if per_freq > 0 and len(ids) > per_freq:
        step = len(ids) / per_freq
        ids = [ids[int(i * step)] for i in range(per_freq)]
    with open(f"{work}/{code}_train.csv", "w") as tr, open(f"{work}/{code}_test.csv", "w") as te:
        tr.write("date,sku,quantity\n")
        te.write("sku,step,value\n")
        for s in ids:
            train = sorted(series[s]["train"])
            for t, v in train:
                # Every series ends in the same period (as in a sales panel).
                k = 400 - len(train) + t - 1
                if code == "M":
                    date = f"{1970 + k // 12:04d}-{k % 12 + 1:02d}-01"
                elif code == "Q":
                    date = f"{1970 + k // 4:04d}-{3 * (k % 4) + 1:02d}-01"
                else:
                    date = f"{1970 + k:04d}-01-01"
                tr.write(f"{date},{s},{v!r}\n")
            for i, (t, v) in enumerate(sorted(series[s]["test"])[:h]):
                te.write(f"{s},{i + 1},{v!r}\n")
    print(f"{code} {m} {h} {len(ids)}", file=open(f"{work}/{code}_meta", "w"))
PYEOF

cat > "$WORK/auto_arima.R" <<'REOF'
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
m <- as.integer(args[2]); h <- as.integer(args[3])
out <- file(args[4], "w")
writeLines("sku,step,mean,lo95,hi95", out)
for (s in unique(d$sku)) {
  y <- ts(d$quantity[d$sku == s], frequency = m)
  fc <- tryCatch(forecast(auto.arima(y), h = h, level = 95),
                 error = function(e) forecast(naive(y, h = h, level = 95)))
  writeLines(sprintf("%s,%d,%.17g,%.17g,%.17g", s, seq_len(h), as.numeric(fc$mean),
                     as.numeric(fc$lower), as.numeric(fc$upper)), out)
}
close(out)
REOF

for code in M Q Y; do
  read -r _ m h n < "$WORK/${code}_meta"
  echo "== $code: $n series, horizon $h, season $m"
  t0=$EPOCHREALTIME
  "$INVPLAN" forecast -i "$WORK/${code}_train.csv" --freq "$code" -m arima -H "$h" --level 95 \
    --csv "$WORK/${code}_invplan.csv" -o "$WORK/${code}_invplan.json" --threads "$THREADS" -q
  t1=$EPOCHREALTIME
  echo "invplan $t0 $t1" > "$WORK/${code}_time"
  if [[ $HAVE_R == 1 ]]; then
    t0=$EPOCHREALTIME
    Rscript "$WORK/auto_arima.R" "$WORK/${code}_train.csv" "$m" "$h" "$WORK/${code}_r.csv"
    t1=$EPOCHREALTIME
    echo "r $t0 $t1" >> "$WORK/${code}_time"
  fi
done

$PY - "$WORK" "$HAVE_R" <<'PYEOF'
import csv, math, sys, collections
sys.path.insert(0, "scripts/bench")
from figures import record
work, have_r = sys.argv[1], sys.argv[2] == "1"

def read_points(path, mean="mean", lo="lo95", hi="hi95"):
    out = collections.defaultdict(dict)
    with open(path) as f:
        rows = list(csv.DictReader(f))
    if rows and "step" not in rows[0]:
        count = collections.Counter()
        for r in rows:
            count[r["sku"]] += 1
            r["step"] = count[r["sku"]]
    for r in rows:
        out[r["sku"]][int(r["step"])] = (float(r[mean]), float(r[lo]), float(r[hi]))
    return out

tot = {"ratios": [], "inv_t": 0.0, "r_t": 0.0, "n": 0, "inv_cov": [0, 0], "r_cov": [0, 0]}
print(f"{'freq':5}{'series':>7}{'MASE inv':>10}{'MASE R':>9}{'geo ratio':>10}"
      f"{'cov95 inv':>10}{'cov95 R':>9}{'time inv':>10}{'time R':>9}{'speed':>8}")
for code in "MQY":
    _, m, h, n = open(f"{work}/{code}_meta").read().split()
    m, h = int(m), int(h)
    train = collections.defaultdict(list)
    with open(f"{work}/{code}_train.csv") as f:
        for r in csv.DictReader(f):
            train[r["sku"]].append(float(r["quantity"]))
    test = collections.defaultdict(dict)
    with open(f"{work}/{code}_test.csv") as f:
        for r in csv.DictReader(f):
            test[r["sku"]][int(r["step"])] = float(r["value"])
    times = {w[0]: float(w[2]) - float(w[1]) for w in (l.split() for l in open(f"{work}/{code}_time"))}
    inv = read_points(f"{work}/{code}_invplan.csv")
    rr = read_points(f"{work}/{code}_r.csv") if have_r else {}

    def score(points, s, cov):
        y = train[s]
        lag = m if len(y) > m else 1
        scale = sum(abs(y[t] - y[t - lag]) for t in range(lag, len(y))) / (len(y) - lag)
        err = 0.0
        for k, a in test[s].items():
            f, lo, hi = points[s][k]
            err += abs(a - f)
            cov[0] += lo <= a <= hi
            cov[1] += 1
        return err / len(test[s]) / scale if scale > 0 else float("nan")

    mi, mr, ratios, ci, cr = [], [], [], [0, 0], [0, 0]
    for s in test:
        a = score(inv, s, ci)
        mi.append(a)
        if have_r:
            b = score(rr, s, cr)
            mr.append(b)
            if a > 0 and b > 0 and math.isfinite(a / b):
                ratios.append(a / b)
    ti = float(times["invplan"])
    tr = float(times.get("r", "nan"))
    mean = lambda v: sum(x for x in v if math.isfinite(x)) / max(1, sum(math.isfinite(x) for x in v))
    geo = math.exp(sum(map(math.log, ratios)) / len(ratios)) if ratios else float("nan")
    cov_r = cr[0] / cr[1] if cr[1] else float("nan")
    for key, v in (("series", len(test)), ("mase_invplan", mean(mi)),
                   ("mase_r", mean(mr) if mr else float("nan")), ("geo_ratio", geo),
                   ("coverage95_invplan", ci[0] / ci[1]), ("coverage95_r", cov_r),
                   ("seconds_invplan", ti), ("seconds_r", tr), ("speed_ratio", tr / ti)):
        record(f"{code}.{key}", v)
    print(f"{code:5}{len(test):7}{mean(mi):10.3f}{(mean(mr) if mr else float('nan')):9.3f}"
          f"{geo:10.3f}{ci[0] / ci[1]:10.3f}{cov_r:9.3f}{ti:10.2f}{tr:9.2f}{tr / ti:8.1f}")
    tot["ratios"] += ratios
    tot["inv_t"] += ti
    tot["r_t"] += tr if have_r else 0
    tot["n"] += len(test)
    for k in range(2):
        tot["inv_cov"][k] += ci[k]
        tot["r_cov"][k] += cr[k]
r = tot["ratios"]
geo = math.exp(sum(map(math.log, r)) / len(r)) if r else float("nan")
print(f"all  {tot['n']:7}{'':19}{geo:10.3f}{tot['inv_cov'][0] / tot['inv_cov'][1]:10.3f}"
      f"{(tot['r_cov'][0] / tot['r_cov'][1]) if tot['r_cov'][1] else float('nan'):9.3f}"
      f"{tot['inv_t']:10.2f}{tot['r_t'] if have_r else float('nan'):9.2f}"
      f"{(tot['r_t'] / tot['inv_t']) if have_r else float('nan'):8.1f}")
record("all.series", tot["n"])
record("all.geo_ratio", geo)
record("all.coverage95_invplan", tot["inv_cov"][0] / tot["inv_cov"][1])
record("all.coverage95_r", (tot["r_cov"][0] / tot["r_cov"][1]) if tot["r_cov"][1] else float("nan"))
record("all.seconds_invplan", tot["inv_t"])
record("all.seconds_r", tot["r_t"] if have_r else float("nan"))
record("all.speed_ratio", (tot["r_t"] / tot["inv_t"]) if have_r else float("nan"))
print("geo ratio = geometric mean over series of MASE(invplan)/MASE(R auto.arima) (<= 1: invplan"
      " at least as accurate); speed = R time / invplan time (whole processes)")
PYEOF
