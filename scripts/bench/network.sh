# Network planning (invplan network): speed on a large synthetic chain and the value of
# coordinated planning on the demo network.
# Speed: the plan (demand moments, Clark–Scarf levels, tonight's lines) for STORES stores x
# SKUS SKUs in CPU seconds of one thread per 1,000 SKUs, with every location planned alone
# on the same moments as the reference measured in the same run (scripts/bench/network_bench),
# then the whole command on a generated forecast artifact of STORES x 20 SKUs (JSON reading
# included). Value: data/network.csv with a forecast of data/network_sales.csv, simulated
# 365 days x 20 replications with common random numbers, coordinated vs every location alone.
# Goals: under 1 s CPU per 1,000 SKUs at 1,000 stores; same or better fill rate with >= 15%
# less total stock (at the same target, and at the smallest target reaching alone's fill).
# Also: the whole command with a budget on the purchases (exact selection) against the same
# command without.
# Usage: scripts/bench.sh network [STORES] [SKUS]
# Environment: BENCH_DIR (default /tmp/invplan-bench-network).
STORES=${1:-1000}
SKUS=${2:-10000}
BENCH_DIR=${BENCH_DIR:-/tmp/invplan-bench-network}
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"
echo "== building invplan and scripts/bench/network_bench (Release) in $BENCH_BUILD_DIR"
invplan_build "$BENCH_BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DINVPLAN_TESTS=OFF \
  -DINVPLAN_BENCHMARKS=ON -- invplan network_bench >/dev/null
BIN=$ROOT/$BENCH_BUILD_DIR/invplan
echo "   load average: $(bench_load)"

echo "== plan speed: $STORES stores x $SKUS SKUs (forecast series made in memory, one thread)"
"$BENCH_BUILD_DIR/scripts/bench/network_bench" "$STORES" "$SKUS" | tee "$BENCH_DIR/speed.txt" |
  sed 's/^/   /'
per=$(awk '/^plan_cpu_seconds/ {print $4}' "$BENCH_DIR/speed.txt")
per_alone=$(awk '/^alone_cpu_seconds/ {print $4}' "$BENCH_DIR/speed.txt")
ratio=$(awk '/^ratio_plan_to_alone/ {print $2}' "$BENCH_DIR/speed.txt")
echo "   plan: $per s CPU per 1,000 SKUs (goal < 1 s); alone: $per_alone s; ratio $ratio"
bench_figure plan_cpu_per_1000_skus "$per"
bench_figure alone_cpu_per_1000_skus "$per_alone"
bench_figure plan_to_alone_ratio "$ratio"

echo "== the whole command: $STORES stores x 20 SKUs from a forecast artifact"
$PY - "$BENCH_DIR" "$STORES" 20 <<'PY'
import json, random, sys
out, stores, skus = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(3)
with open(out + "/network.csv", "w") as f:
    f.write("location,parent,lead_time,holding_cost\nDC,ACME,7,0.02\n")
    for i in range(stores):
        f.write("S%d,DC,%d,0.05\n" % (i, 1 + i % 2))
series = []
for k in range(skus):
    for i in range(stores):
        mu = rng.uniform(0.2, 20.0); sd = mu * rng.uniform(0.3, 1.0)
        pts = [{"date": "2026-01-%02d" % (t + 1), "mean": mu,
                "distribution": {"family": "normal", "mu": mu, "sigma": sd}} for t in range(9)]
        series.append({"sku": "SKU%d" % k, "location": "S%d" % i, "model": {"name": "bench"},
                       "demand_class": "smooth", "status": "ok", "history_end": "2025-12-31",
                       "forecast": pts})
doc = {"format": "invplan.forecast", "schema_version": 2, "invplan_version": "0.1.0",
       "created_at": "2026-01-01T00:00:00Z", "command": [], "config": {}, "inputs": [],
       "frequency": "D", "horizon": 9, "levels": [], "clipped_at_zero": True, "series": series}
json.dump(doc, open(out + "/forecast.json", "w"))
PY
/usr/bin/time -f "%e %U %S %M" -o "$BENCH_DIR/time" "$BIN" network --network "$BENCH_DIR/network.csv" \
  --forecast "$BENCH_DIR/forecast.json" -o "$BENCH_DIR/plan.json" --threads 1 -q
read -r wall user sys rss <"$BENCH_DIR/time"
cpu=$($PY -c "print(round($user + $sys, 3))")
echo "   $(du -h "$BENCH_DIR/forecast.json" | cut -f1) artifact: wall $wall s, CPU $cpu s" \
  "($($PY -c "print(round(1000 * ($user + $sys) / 20, 2))") s per 1,000 SKUs), peak $((rss / 1024)) MB"
bench_figure command_cpu_seconds_20_skus "$cpu"

echo "== value on the demo network (data/network.csv, 10 stores, 4 SKUs)"
"$BIN" forecast -i data/network_sales.csv --location-col location -o "$BENCH_DIR/demo_forecast.json" -q
# The plan at the same target as every location alone (0.95), then the smallest target
# on a grid of 0.005 whose mean system fill rate reaches alone's.
for s in 0.95 0.9 0.905 0.91 0.915 0.92 0.925 0.93 0.935 0.94 0.945; do
  "$BIN" network --network data/network.csv --forecast "$BENCH_DIR/demo_forecast.json" \
    --stock data/network_stock.csv --service-level $s --alone-service-level 0.95 \
    --simulate 365 --replications 20 -o "$BENCH_DIR/demo_plan_$s.json" -q
  reached=$($PY - "$BENCH_DIR/demo_plan_$s.json" "$s" <<'PY'
import json, sys
sys.path.insert(0, "scripts/bench")
import figures
d = json.load(open(sys.argv[1]))["simulation"]
s = sys.argv[2]
def f(x, pct=False):
    k = 100 if pct else 1
    return "%.2f [%.2f, %.2f]" % (k * x["mean"], k * x["lo"], k * x["hi"])
p, a = d["plan"]["system"], d["alone"]["system"]
print("   plan at service %s vs alone at 0.95: fill %s%% vs %s%%; stock %s vs %s units; "
      "stock change %s%%" % (s, f(p["fill_rate"], True), f(a["fill_rate"], True),
                              f(p["average_stock"]), f(a["average_stock"]),
                              f(d["stock_change_vs_alone"], True)), file=sys.stderr)
figures.record("fill_plan_" + s, p["fill_rate"]["mean"])
figures.record("fill_alone_" + s, a["fill_rate"]["mean"])
figures.record("stock_change_" + s, d["stock_change_vs_alone"]["mean"])
print("yes" if p["fill_rate"]["mean"] >= a["fill_rate"]["mean"] else "no")
PY
)
  if [ "$s" != 0.95 ] && [ "$reached" = yes ]; then
    echo "   smallest target on the grid reaching alone's fill rate: $s"
    bench_figure smallest_target_same_fill "$s"
    break
  fi
done

echo "== purchase constraints: the same $STORES x 20 SKUs with unit costs and a budget"
$PY - "$BENCH_DIR" <<'PY'
import sys
with open(sys.argv[1] + "/items.csv", "w") as f:
    f.write("sku,unit_cost\n")
    for k in range(20):
        f.write("SKU%d,%d\n" % (k, k % 5 + 1))
PY
/usr/bin/time -f "%e %U %S %M" -o "$BENCH_DIR/time_budget" "$BIN" network \
  --network "$BENCH_DIR/network.csv" --forecast "$BENCH_DIR/forecast.json" \
  --items "$BENCH_DIR/items.csv" --budget 20000 -o "$BENCH_DIR/plan_budget.json" --threads 1 -q
read -r wall user sys rss <"$BENCH_DIR/time_budget"
$PY - "$BENCH_DIR/plan_budget.json" "$($PY -c "print(round($user + $sys, 3))")" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["constraints"]
print("   budget 20000: status %s (%s), %.0f spent, %d purchase lines cut, CPU %s s "
      "(the plan without a budget above)" % (c["status"], c["solver"], c["budget_used"],
                                             len(d["not_ordered"]), sys.argv[2]))
PY
bench_figure command_cpu_seconds_20_skus_budget "$($PY -c "print(round($user + $sys, 3))")"
echo "   load average: $(bench_load)"
