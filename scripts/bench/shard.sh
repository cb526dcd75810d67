# Sharding: total CPU of N shards run one after another against the unsharded run, and
# peak memory of one shard against the unsharded run; the one-pass split alternative.
# Usage: scripts/bench.sh shard [SKUS]   (generated panel, default 50000 SKUs)
# Figures (all runs with --threads 1, so CPU is the work, not the scheduling):
#  * demo data (200 SKUs, 3 years daily), forecast -m ets: unsharded vs 8 shards
#  * generated panel (SKUS x 56 days, date,sku,quantity,price), forecast -m snaive
#    (a baseline: the cost is then mostly ingest, the worst case for sharding since
#    every shard reads the whole file): unsharded vs 8 shards; and the alternative,
#    one pass partitioning the CSV by the same hash (Python, FNV-1a 64 per SKU) then
#    each shard reading only its piece
#  * peak RSS (/usr/bin/time -v) of the largest shard vs unsharded, at N = 8
#  * a projection for 10 M series per model from the measured CPU per series
# Goals: total CPU of the shards <= 1.10 x unsharded; a shard's peak RSS <= 1/4.
invplan_ensure_deps
invplan_ensure_packages time >/dev/null 2>&1 || true
bench_build
bin=$INVPLAN
skus=${1:-50000}
N=8
work=$(mktemp -d /tmp/invplan-bench-shard.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "cores: $(nproc), load average (1/5/15 min) before: $(bench_load)"

measure() {  # measure LOG COMMAND... ; sets CPU (user+sys s), KB (peak RSS), SECS (wall)
  local log=$1 user sys
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" >/dev/null
  read -r SECS user sys KB <"$log"
  CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# shard_run LABEL KEY INPUT ARGS...: unsharded, then N shards one after another.
shard_run() {
  local label=$1 key=$2 input=$3
  shift 3
  measure "$work/t" "$bin" -q --threads 1 forecast -i "$input" "$@" -o "$work/whole.json"
  local cpu1=$CPU kb1=$KB
  local sum=0 maxkb=0 k
  for ((k = 0; k < N; k++)); do
    measure "$work/t" "$bin" -q --threads 1 forecast -i "$input" "$@" --shard "$k/$N" \
      -o "$work/part-$k.json"
    sum=$(awk -v a="$sum" -v b="$CPU" 'BEGIN { print a + b }')
    ((KB > maxkb)) && maxkb=$KB
  done
  "$bin" -q merge -o "$work/merged.json" "$work"/part-*.json
  local series
  series=$(/usr/bin/python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['series']))" \
    "$work/merged.json")
  printf '%-34s unsharded cpu %7.2f s, peak %6.1f MB | %d shards: cpu %7.2f s (x%s), largest peak %6.1f MB (x%s)\n' \
    "$label" "$cpu1" "$(ratio "$kb1" 1024)" "$N" "$sum" "$(ratio "$sum" "$cpu1")" \
    "$(ratio "$maxkb" 1024)" "$(ratio "$maxkb" "$kb1")"
  bench_figure "$key.series" "$series"
  bench_figure "$key.unsharded_cpu_seconds" "$cpu1"
  bench_figure "$key.shards_cpu_seconds" "$sum"
  bench_figure "$key.cpu_ratio" "$(ratio "$sum" "$cpu1")"
  bench_figure "$key.unsharded_peak_mb" "$(ratio "$kb1" 1024)"
  bench_figure "$key.shard_peak_mb" "$(ratio "$maxkb" 1024)"
  bench_figure "$key.peak_ratio" "$(ratio "$maxkb" "$kb1")"
  bench_figure "$key.cpu_ms_per_series" "$(awk -v c="$cpu1" -v n="$series" 'BEGIN { print 1000 * c / n }')"
  SHARD_CPU1=$cpu1 SHARD_SERIES=$series
}

echo "== demo data (data/sales.csv), forecast -m ets"
shard_run "demo, ets:" demo_ets data/sales.csv -m ets
ets_ms=$(awk -v c="$SHARD_CPU1" -v n="$SHARD_SERIES" 'BEGIN { print 1000 * c / n }')

echo "== generated panel: $skus SKUs x 56 days"
/usr/bin/python3 - "$skus" "$work/panel.csv" <<'PY'
import datetime, random, sys
skus, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
rate = [rng.uniform(0.2, 30) for _ in range(skus)]
day0 = datetime.date(2024, 1, 1)
with open(path, "w") as f:
    f.write("date,sku,quantity,price\n")
    for d in range(56):
        date = (day0 + datetime.timedelta(days=d)).isoformat()
        f.write("".join(f"{date},SKU-{s:06d},{int(rng.expovariate(1 / rate[s]))},{1 + s % 50 * 0.5:.2f}\n"
                        for s in range(skus) if rng.random() > 0.05))
PY
echo "panel: $(($(wc -l <"$work/panel.csv") - 1)) rows, $(du -m "$work/panel.csv" | cut -f1) MB"
shard_run "panel, snaive:" panel_snaive "$work/panel.csv" -m snaive
snaive_ms=$(awk -v c="$SHARD_CPU1" -v n="$SHARD_SERIES" 'BEGIN { print 1000 * c / n }')
panel_cpu1=$SHARD_CPU1

# The alternative: one pass writes each shard's rows to its own file, then each
# shard reads only its piece.
split_py='
import sys
path, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def shard(key):
    h = 0xcbf29ce484222325
    for c in key.encode() + b"\x1f":
        h = ((h ^ c) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h % n
files = [open(f"{out}/piece-{k}.csv", "w") for k in range(n)]
known = {}
with open(path) as f:
    header = f.readline()
    for g in files: g.write(header)
    for line in f:
        sku = line.split(",", 2)[1]
        k = known.get(sku)
        if k is None: k = known[sku] = shard(sku)
        files[k].write(line)
'
measure "$work/t" /usr/bin/python3 -c "$split_py" "$work/panel.csv" "$N" "$work"
split_cpu=$CPU
sum=0
for ((k = 0; k < N; k++)); do
  measure "$work/t" "$bin" -q --threads 1 forecast -i "$work/piece-$k.csv" -m snaive \
    -o "$work/piece-$k.json"
  sum=$(awk -v a="$sum" -v b="$CPU" 'BEGIN { print a + b }')
done
total=$(awk -v a="$sum" -v b="$split_cpu" 'BEGIN { print a + b }')
printf '%-34s split cpu %7.2f s + %d pieces cpu %7.2f s = %7.2f s (x%s of unsharded)\n' \
  "panel, snaive, split first:" "$split_cpu" "$N" "$sum" "$total" "$(ratio "$total" "$panel_cpu1")"
bench_figure panel_split.split_cpu_seconds "$split_cpu"
bench_figure panel_split.pieces_cpu_seconds "$sum"
bench_figure panel_split.cpu_ratio "$(ratio "$total" "$panel_cpu1")"

# 10 M series per model: CPU per series as measured here (one core), on nodes of
# 32 cores, for a 4-hour window; ingest of the whole file by every shard included.
echo "== projection: 10,000,000 series, nodes of 32 cores, 4-hour window"
for m in "ets (3 years daily):$ets_ms" "snaive (56 days):$snaive_ms"; do
  name=${m%%:*} ms=${m##*:}
  awk -v name="$name" -v ms="$ms" 'BEGIN {
    core_h = 1e7 * ms / 1000 / 3600; nodes = core_h / (32 * 4); n = int(nodes); if (n < nodes) n++;
    printf "  %-20s %8.2f ms/series  %9.1f core-hours  %4d nodes for 4 h (%.1f h on 1 node)\n",
      name, ms, core_h, n, core_h / 32 }'
done
bench_figure projection.ets_ms_per_series "$ets_ms"
bench_figure projection.snaive_ms_per_series "$snaive_ms"
echo "load average after: $(bench_load)"
