# Nightly updates (--update-from) against refitting every night, on the demo data.
#
# data/sales.csv is cut so that night k's history ends on day T-35+k (T: its
# last day), k = 0..7. Both chains fit night 0 in full; the refit chain then
# fits every night from scratch, the update chain continues night k-1's
# artifact (invplan forecast --update-from). Printed: the CPU time (user +
# system, all threads) of nights 1..7 in each chain and the ratio, how many
# SKUs were updated or refitted and why, and the accuracy of each night's
# 28-day forecast against the days after its cut (all in the data): per SKU
# the MASE (mean absolute error over the 28 days, scaled by the in-sample
# mean absolute weekly seasonal-naive error of that night's history), averaged
# over SKUs and the 7 nights, for each chain, and the ratio update/refit.
#
# Usage: scripts/bench.sh update [--threads N] [--model M]
# Environment: INVPLAN_BIN (a built invplan instead of building build/bench).
THREADS=0
MODEL=auto
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) THREADS=$2; shift ;;
    --model) MODEL=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [[ -n ${INVPLAN_BIN:-} ]]; then
  INVPLAN=$INVPLAN_BIN
else
  bench_build
fi
invplan_ensure_demo_data
echo "load at start: $(bench_load) ($(nproc) cores)"

$PY - "$INVPLAN" "$BENCH_TMP" "$THREADS" "$MODEL" <<'PYEOF'
import collections, csv, datetime as dt, json, os, resource, subprocess, sys
sys.path.insert(0, "scripts/bench")
from figures import record
invplan, work, threads, model = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
NIGHTS, H, M = 7, 28, 7

rows = list(csv.reader(open("data/sales.csv")))
header, rows = rows[0], rows[1:]
last = max(dt.date.fromisoformat(r[0]) for r in rows)
cuts = [last - dt.timedelta(days=35 - k) for k in range(NIGHTS + 1)]
actual = collections.defaultdict(dict)  # sku -> date -> quantity
for r in rows:
    actual[r[1]][r[0]] = float(r[2]) if r[2] else float("nan")
for k, cut in enumerate(cuts):
    with open(f"{work}/sales{k}.csv", "w") as f:
        f.write(",".join(header) + "\n")
        c = cut.isoformat()
        f.writelines(",".join(r) + "\n" for r in rows if r[0] <= c)

def cpu():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime

def forecast(k, out, previous=None):
    args = [invplan, "forecast", "-i", f"{work}/sales{k}.csv", "-m", model, "-H", str(H),
            "--threads", threads, "-q", "-o", out]
    if previous:
        args += ["--update-from", previous]
    before = cpu()
    subprocess.run(args, check=True)
    return cpu() - before

refit_cpu, update_cpu = [], []
night0 = forecast(0, f"{work}/refit0.json")
for k in range(1, NIGHTS + 1):
    refit_cpu.append(forecast(k, f"{work}/refit{k}.json"))
    prev = f"{work}/refit0.json" if k == 1 else f"{work}/update{k - 1}.json"
    update_cpu.append(forecast(k, f"{work}/update{k}.json", prev))

def score(path, cut):
    """Mean over SKUs of the 28-day MASE (scale: in-sample weekly naive MAE)."""
    doc = json.load(open(path))
    total, n, reasons = 0.0, 0, collections.Counter()
    c = cut.isoformat()
    for s in doc["series"]:
        reasons[(s.get("fit"), s.get("fit_reason"))] += 1
        hist = [v for d, v in sorted(actual[s["sku"]].items()) if d <= c and v == v]
        scale = sum(abs(hist[t] - hist[t - M]) for t in range(M, len(hist))) / max(1, len(hist) - M)
        if scale <= 0:
            continue
        errs = [abs(p["mean"] - actual[s["sku"]][p["date"]]) for p in s["forecast"]
                if p["date"] in actual[s["sku"]] and actual[s["sku"]][p["date"]] == actual[s["sku"]][p["date"]]]
        if errs:
            total += sum(errs) / len(errs) / scale
            n += 1
    return total / n, reasons

refit_mase, update_mase = [], []
reasons = collections.Counter()
for k in range(1, NIGHTS + 1):
    refit_mase.append(score(f"{work}/refit{k}.json", cuts[k])[0])
    m, r = score(f"{work}/update{k}.json", cuts[k])
    update_mase.append(m)
    reasons += r
rc, uc = sum(refit_cpu), sum(update_cpu)
rm, um = sum(refit_mase) / NIGHTS, sum(update_mase) / NIGHTS
print(f"cuts {cuts[0]} .. {cuts[-1]}, model {model}, {len(actual)} SKUs, horizon {H}")
print(f"night 0 full fit: {night0:.2f} s CPU")
print("night  refit CPU s  update CPU s  refit MASE  update MASE")
for k in range(NIGHTS):
    print(f"{k + 1:5d}  {refit_cpu[k]:11.2f}  {update_cpu[k]:12.3f}  {refit_mase[k]:10.4f}  {update_mase[k]:11.4f}")
print(f"nights 1-{NIGHTS}: refit {rc:.2f} s CPU, update {uc:.3f} s CPU: refit/update = {rc / uc:.1f}x (goal >= 20x)")
print(f"mean 28-day MASE: refit {rm:.4f}, update {um:.4f}: update/refit = {um / rm:.4f} (goal within 1%)")
print("update chain, SKU-nights by fit and reason: " +
      ", ".join(f"{f}/{r} {n}" for (f, r), n in sorted(reasons.items())))
record("refit_cpu_s", rc)
record("update_cpu_s", uc)
record("cpu_ratio", rc / uc)
record("refit_mase", rm)
record("update_mase", um)
record("mase_ratio", um / rm)
for (f, r), n in sorted(reasons.items()):
    record(f"sku_nights_{f}_{r}", n)
PYEOF
echo "load at end: $(bench_load)"
