# ETS and Theta against R's forecast::ets and forecast::thetaf on the M3 competition
# data (every series by default: 645 yearly, 756 quarterly, 1,428 monthly, 174 other;
# official horizons 6, 8, 18, 8). scripts/bench/ets_m3 fits invplan's engines (ETS
# chosen by AICc, Theta, auto-ARIMA, and their mean as "combo") to each training part
# and times each engine in CPU seconds; scripts/bench/ets_m3.R does the same with R's
# ets(y) and thetaf(y) in one process. Scored on the test parts: sMAPE and MASE (scaled
# by the in-sample seasonal naive) per period and overall, the geometric mean over
# series of the MASE ratios invplan/R, and how often invplan's ETS picks R's model.
#
# Usage: scripts/bench.sh ets [STRIDE=1]
#   STRIDE k: every k-th series of M3_info.csv only (1: all 3,003).
# Environment: M3 (path of M3_long.csv; M3_info.csv beside it).
M3=${M3:-$ROOT/../shared/data/m3/M3_long.csv}
STRIDE=${1:-1}
[[ -f $M3 ]] || { echo "M3 data not found at $M3" >&2; exit 1; }
echo "== building scripts/bench/ets_m3 (Release) in $BENCH_BUILD_DIR"
invplan_build "$BENCH_BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DINVPLAN_BENCHMARKS=ON -- ets_m3 \
  >/dev/null
HAVE_R=1
bench_install_deb r-cran-forecast "Rscript -e 'suppressMessages(library(forecast))'" || {
  echo "!! invplan's figures only" >&2; HAVE_R=0; }
WORK=$(mktemp -d /tmp/bench-ets.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p')"
"$BENCH_BUILD_DIR/scripts/bench/ets_m3" "$M3" "${M3%/*}/M3_info.csv" "$STRIDE" "$WORK/ours.csv" \
  | tee "$WORK/ours.txt"
if [[ $HAVE_R == 1 ]]; then
  Rscript scripts/bench/ets_m3.R "$M3" "${M3%/*}/M3_info.csv" "$STRIDE" "$WORK/r.csv" \
    | tee "$WORK/r.txt"
fi
$PY - "$WORK" "$HAVE_R" "$M3" <<'PYEOF'
import csv, math, sys, collections
sys.path.insert(0, "scripts/bench")
from figures import record
work, have_r, m3 = sys.argv[1], sys.argv[2] == "1", sys.argv[3]
freq = {"YEARLY": 1, "QUARTERLY": 4, "MONTHLY": 12, "OTHER": 1}
train = collections.defaultdict(list)
with open(m3) as f:
    for r in csv.DictReader(f):
        if r["split"] == "train":
            train[r["series"]].append(float(r["value"]))
ours = collections.defaultdict(list)
with open(f"{work}/ours.csv") as f:
    for r in csv.DictReader(f):
        ours[r["series"]].append(r)
ref = collections.defaultdict(list)
if have_r:
    with open(f"{work}/r.csv") as f:
        for r in csv.DictReader(f):
            ref[r["series"]].append(r)
cpu = {}
for name in ("ours", "r") if have_r else ("ours",):
    for line in open(f"{work}/{name}.txt"):
        w = line.split()
        if len(w) == 3 and w[0] == "cpu":
            cpu[f"{name}_{w[1]}"] = float(w[2])

def smape(a, f):
    return sum(200 * abs(x - y) / (abs(x) + abs(y)) for x, y in zip(a, f)) / len(a)

def mase(s, a, f):
    y, m = train[s], freq[ours[s][0]["period"]]
    lag = m if len(y) > m else 1
    scale = sum(abs(y[t] - y[t - lag]) for t in range(lag, len(y))) / (len(y) - lag)
    return sum(abs(x - z) for x, z in zip(a, f)) / len(a) / scale if scale > 0 else float("nan")

methods = ["ets", "theta", "arima", "combo"] + (["R_ets", "R_thetaf"] if have_r else [])
acc = collections.defaultdict(lambda: collections.defaultdict(list))
same = collections.Counter()
for s, rows in ours.items():
    a = [float(r["actual"]) for r in rows]
    fc = {k: [float(r[k]) for r in rows] for k in ["ets", "theta", "arima", "combo"]}
    if have_r:
        rr = ref[s][:len(rows)]
        fc["R_ets"] = [float(r["ets"]) for r in rr]
        fc["R_thetaf"] = [float(r["theta"]) for r in rr]
        same[rows[0]["period"]] += rows[0]["spec"] == rr[0]["spec"].strip()
    for key in (rows[0]["period"], "ALL"):
        acc[key]["n"].append(1)
        for k, f in fc.items():
            acc[key]["smape_" + k].append(smape(a, f))
            acc[key]["mase_" + k].append(mase(s, a, f))
        if have_r:
            for k, rk in (("ets", "R_ets"), ("theta", "R_thetaf")):
                mo, mr = acc[key]["mase_" + k][-1], acc[key]["mase_" + rk][-1]
                if mo > 0 and mr > 0 and math.isfinite(mo / mr):
                    acc[key]["ratio_" + k].append(math.log(mo / mr))
    if have_r:
        same["ALL"] += rows[0]["spec"] == rr[0]["spec"].strip()

mean = lambda v: sum(x for x in v if math.isfinite(x)) / max(1, sum(math.isfinite(x) for x in v))
print("sMAPE (%) per period; MASE in brackets")
print(f"{'period':10}{'series':>7}" + "".join(f"{m:>17}" for m in methods))
for key in ["YEARLY", "QUARTERLY", "MONTHLY", "OTHER", "ALL"]:
    if key not in acc:
        continue
    a = acc[key]
    line = f"{key:10}{len(a['n']):7}"
    for m in methods:
        line += f"{mean(a['smape_' + m]):9.2f} ({mean(a['mase_' + m]):5.3f})"
        record(f"{key}.smape_{m}", round(mean(a["smape_" + m]), 4))
        record(f"{key}.mase_{m}", round(mean(a["mase_" + m]), 4))
    print(line)
if have_r:
    print("geometric mean of per-series MASE ratios invplan/R (< 1: invplan more accurate);"
          " ETS model the same as R's")
    for key in ["YEARLY", "QUARTERLY", "MONTHLY", "OTHER", "ALL"]:
        if key not in acc:
            continue
        g = {k: math.exp(sum(acc[key]["ratio_" + k]) / len(acc[key]["ratio_" + k]))
             for k in ("ets", "theta")}
        n = len(acc[key]["n"])
        print(f"{key:10} ets/R ets {g['ets']:.3f}   theta/R thetaf {g['theta']:.3f}"
              f"   same ETS model {same[key]}/{n} ({100 * same[key] / n:.0f}%)")
        record(f"{key}.gm_mase_ratio_ets", round(g["ets"], 4))
        record(f"{key}.gm_mase_ratio_theta", round(g["theta"], 4))
        record(f"{key}.same_ets_model", same[key])
print("CPU seconds (one core, fitting and forecasting only):")
for k in ("ets", "theta", "arima"):
    line = f"  {k:6} invplan {cpu['ours_' + k]:8.2f}"
    record(f"cpu_seconds.invplan_{k}", cpu["ours_" + k])
    if have_r and "r_" + k in cpu:
        line += f"   R {cpu['r_' + k]:8.2f}   R/invplan {cpu['r_' + k] / cpu['ours_' + k]:6.1f}x"
        record(f"cpu_seconds.r_{k}", cpu["r_" + k])
    print(line)
PYEOF
