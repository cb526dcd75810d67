# The nightly plan on the demo data: CPU and wall time of the whole plan and of the rerun
# with nothing changed, the policy methods used, and whether excluding detected data errors
# from the forecast's history helps (backtest MASE on the SKUs whose injected errors are
# listed in data/anomalies_truth.csv, with and without the exclusion).
# Goals: the whole plan at most 60 s of CPU on 2 cores, the rerun under 0.5 s, and a lower
# MASE with the exclusion on the SKUs with injected data errors. Then the money of the
# policy plan against the single-period plan and ordering up to the mean
# (scripts/bench/plan_money.py; BENCH_MONEY_PATHS demand paths, default 100).
# Usage: scripts/bench.sh plan
# Environment: BENCH_DIR (default /tmp/invplan-bench-plan).
BENCH_DIR=${BENCH_DIR:-/tmp/invplan-bench-plan}
bench_build
BIN=$INVPLAN
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"

echo "== the demo plan (data/plan.toml), from scratch"
/usr/bin/time -f "%e %U %S %M" -o "$BENCH_DIR/time1" "$BIN" run --config data/plan.toml \
  --out "$BENCH_DIR/out" -q
read -r wall user sys rss <"$BENCH_DIR/time1"
cpu=$($PY -c "print(round($user + $sys, 2))")
echo "   wall $wall s, CPU $cpu s (goal <= 60 s), peak RSS $((rss / 1024)) MB"
bench_figure plan_wall_seconds "$wall"
bench_figure plan_cpu_seconds "$cpu"

echo "== the same plan again, nothing changed"
/usr/bin/time -f "%e %U %S" -o "$BENCH_DIR/time2" "$BIN" run --config data/plan.toml \
  --out "$BENCH_DIR/out" -q
read -r wall2 user2 sys2 <"$BENCH_DIR/time2"
echo "   wall $wall2 s (goal < 0.5 s)"
bench_figure rerun_wall_seconds "$wall2"

echo "== per stage, policy methods, and the backtest with and without excluded data errors"
latest=$BENCH_DIR/out/latest
common=(-i data/sales.csv --fill zero --regressors promo,holiday --future data/future.csv
  --horizon 28 --holdout 28 -q)
"$BIN" forecast "${common[@]}" -o "$BENCH_DIR/without.json"
"$BIN" forecast "${common[@]}" --anomalies "$latest/anomalies.json" -o "$BENCH_DIR/with.json"
$PY - "$latest" "$BENCH_DIR" <<'PY'
import csv, json, statistics, sys
sys.path.insert(0, "scripts/bench")
import figures
latest, bench = sys.argv[1], sys.argv[2]
manifest = json.load(open(latest + "/manifest.json"))
for s in manifest["stages"]:
    print(f"   {s['stage']:9s} {s['status']:8s} wall {s['wall_seconds']:6.2f} s")
pol = json.load(open(latest + "/policies.json"))["policies"]
methods = {}
for p in pol:
    methods[p["method"]] = methods.get(p["method"], 0) + 1
cpu = sum(p["cpu_seconds"] for p in pol)
print(f"   policy methods: {methods}; policy CPU {cpu:.1f} s for {len(pol)} SKUs")
figures.record("policy_cpu_seconds", round(cpu, 2))
for m, n in methods.items():
    figures.record(f"policy_{m}", n)
truth = {}
for r in csv.DictReader(open("data/anomalies_truth.csv")):
    truth.setdefault(r["sku"], set()).add(r["type"])
errors = {s for s, t in truth.items() if "data_error" in t}
def mase(path):
    out = {}
    for s in json.load(open(path))["series"]:
        b = s.get("backtest") or {}
        m = (b.get("model") or {}).get("mase")
        if m is not None:
            out[s["sku"]] = m
    return out
a, b = mase(bench + "/without.json"), mase(bench + "/with.json")
for name, keys in (("SKUs with injected data errors", errors), ("all SKUs", set(a))):
    k = [s for s in keys if s in a and s in b]
    wo, wi = statistics.mean(a[s] for s in k), statistics.mean(b[s] for s in k)
    better = sum(b[s] < a[s] - 1e-12 for s in k)
    worse = sum(b[s] > a[s] + 1e-12 for s in k)
    print(f"   {name} ({len(k)}): mean MASE without {wo:.4f}, with {wi:.4f} "
          f"(ratio {wi / wo:.3f}); better on {better}, worse on {worse}")
    key = "errors" if "errors" in name else "all"
    figures.record(f"mase_without_{key}", round(wo, 4))
    figures.record(f"mase_with_{key}", round(wi, 4))
PY
echo "== the Q-learning learner on every demo SKU: gap of the learned table to the exact optimum"
echo "   (goal: median <= 1 %, worst <= 5 %; one thread, tonight's forecast and the items master)"
/usr/bin/time -f "%U %S" -o "$BENCH_DIR/time3" "$BIN" train-rl --forecast "$latest/forecast.json" \
  --items data/items.csv --method q-learning --threads 1 -o "$BENCH_DIR/qlearning.json" -q
read -r quser qsys <"$BENCH_DIR/time3"
$PY - "$BENCH_DIR/qlearning.json" "$quser" "$qsys" <<'PY'
import json, statistics, sys
sys.path.insert(0, "scripts/bench")
import figures
pol = json.load(open(sys.argv[1]))["policies"]
gaps, replaced = [], 0
for p in pol:
    g = p.get("evaluation", {}).get("gaps", {}).get("to_exact_optimum")
    if g is not None:
        gaps.append(100 * g)
    replaced += "replaced" in p
gaps.sort()
q = lambda f: gaps[min(len(gaps) - 1, int(f * len(gaps)))]
cpu = float(sys.argv[2]) + float(sys.argv[3])
print(f"   {len(gaps)} of {len(pol)} SKUs with an exact optimum; gap % median {statistics.median(gaps):.2f}, "
      f"p90 {q(0.9):.2f}, worst {gaps[-1]:.2f}; within 1 %: {sum(g <= 1 for g in gaps)}, "
      f"within 5 %: {sum(g <= 5 for g in gaps)}; replaced by (s,S): {replaced}; CPU {cpu:.0f} s")
figures.record("qlearning_gap_median_pct", round(statistics.median(gaps), 3))
figures.record("qlearning_gap_worst_pct", round(gaps[-1], 3))
figures.record("qlearning_replaced", replaced)
PY
echo "== the money: the next 28 days of the demo SKUs under three ordering rules, decided every"
echo "   night from the stock: tonight's policies, the single-period plan mode of optimize, and"
echo "   ordering up to the forecast mean over lead time + 1 (demand drawn from the generator's own"
echo "   process; common random numbers; leftover stock counted at unit cost)"
$PY scripts/gen_demo_data.py --out "$BENCH_DIR/gen" --future-demand "$BENCH_DIR/future_demand.csv" \
  --future-paths "${BENCH_MONEY_PATHS:-100}"
"$BIN" optimize --forecast "$latest/forecast.json" --items data/items.csv \
  -o "$BENCH_DIR/single.json" -q
$PY scripts/bench/plan_money.py "$latest" data/items.csv data/future.csv \
  "$BENCH_DIR/future_demand.csv" "$BENCH_DIR/single.json"
