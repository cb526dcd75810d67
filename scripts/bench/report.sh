# Size and speed of `invplan report`: the page of the demo run (data/plan.toml) and of
# generated artifacts of a large catalogue (scripts/bench/report_gen.py), plain and
# with SKUs flagged as anomalous on every day (the worst case for the page's size).
# Goals: the demo page under 3 MB and 1 s; the large pages bounded (under 20 MB).
# Prints wall and CPU time (user + sys) and peak memory of the whole process
# (/usr/bin/time), best of three runs, and the page's size.
# Usage: scripts/bench.sh report [SKUS=100000] [DENSE=300]
# Environment: BENCH_DIR (default /tmp/invplan-bench-report).
SKUS=${1:-100000}
DENSE=${2:-300}
BENCH_DIR=${BENCH_DIR:-/tmp/invplan-bench-report}
bench_build
mkdir -p "$BENCH_DIR"

# measure NAME ARGS...: three runs of `invplan report ARGS -o BENCH_DIR/NAME.html`.
measure() {
  local name=$1 best="" line size
  shift
  for _ in 1 2 3; do
    line=$(/usr/bin/time -f "%e %U %S %M" "$INVPLAN" report "$@" -o "$BENCH_DIR/$name.html" -q \
      2>&1 >/dev/null | tail -1)
    if [[ -z $best ]] || awk -v a="$line" -v b="$best" 'BEGIN { split(a, x); split(b, y); exit !(x[1] < y[1]) }'; then
      best=$line
    fi
  done
  size=$(stat -c %s "$BENCH_DIR/$name.html")
  read -r wall user sys peak <<<"$best"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  printf '  %-6s page %s MB, wall %s s, CPU %s s, peak %d MB\n' "$name" \
    "$(awk -v b="$size" 'BEGIN { printf "%.2f", b / 1e6 }')" "$wall" "$cpu" $((peak / 1024))
  bench_figure "${name}_bytes" "$size"
  bench_figure "${name}_wall_s" "$wall"
  bench_figure "${name}_cpu_s" "$cpu"
  bench_figure "${name}_peak_kb" "$peak"
}

echo "== demo run (data/plan.toml) -> $BENCH_DIR/plan"
"$INVPLAN" run --config data/plan.toml --out "$BENCH_DIR/plan" -q
echo "== generating $SKUS SKUs ($DENSE flagged on every day) in $BENCH_DIR"
$PY scripts/bench/report_gen.py --skus "$SKUS" --out "$BENCH_DIR/large"
$PY scripts/bench/report_gen.py --skus "$SKUS" --dense "$DENSE" --out "$BENCH_DIR/dense"
echo "== invplan report (best of three)"
measure demo --run "$BENCH_DIR/plan"
for name in large dense; do
  d=$BENCH_DIR/$name
  measure "$name" --forecast "$d/forecast.json" --sales "$d/clean.csv" \
    --anomalies "$d/anomalies.json" --orders "$d/orders.json"
done
