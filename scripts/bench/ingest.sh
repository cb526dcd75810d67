# Benchmark of `invplan clean` on a generated multi-million-row sales file, against
# pandas doing the same job in the same run (read_csv + groupby-sum + complete
# daily grid per SKU with zero fill + to_csv). Prints rows/s, MB/s, CPU time
# (user + sys), wall time and peak memory of both, the ratios, and the machine's
# load, since wall times on a shared machine say more about the load than the code.
# Usage: scripts/bench.sh ingest [ROWS]   (default 5,000,000)
#   INVPLAN_BUILD_DIR  build tree to use (default: the runner's, build/bench)
#   INVPLAN_THREADS    --threads for invplan (default 0: all cores)
invplan_ensure_deps
invplan_ensure_packages time >/dev/null 2>&1 || true
BENCH_BUILD_DIR=${INVPLAN_BUILD_DIR:-$BENCH_BUILD_DIR}
bench_build
bin=$INVPLAN
threads=${INVPLAN_THREADS:-0}
rows=${1:-5000000}
work=$(mktemp -d /tmp/invplan-bench-ingest.XXXXXX)
trap 'rm -rf "$work"' EXIT

# 5,000 SKUs over as many days as the row count needs, ~8% of SKU-days absent
# (gaps to fill), rows in date order as exports come, a price column carried along.
awk -v rows="$rows" 'BEGIN {
  srand(7); print "date,sku,quantity,price"; skus = 5000; n = 0;
  for (d = 0; n < rows; d++) {
    t = 1672531200 + d * 86400; date = strftime("%Y-%m-%d", t, 1);
    for (s = 1; s <= skus && n < rows; s++) {
      if (rand() < 0.08) continue;
      printf "%s,SKU-%05d,%d,%.2f\n", date, s, int(rand() * 20), 1 + (s % 50) * 0.5; n++
    }
  }
}' > "$work/sales.csv"
bytes=$(stat -c %s "$work/sales.csv")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "input: $rows rows, $mb MB ($work/sales.csv)"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "cores: $(nproc), load average (1/5/15 min) before: $(load)"
bench_figure input.rows "$rows"
bench_figure input.mb "$mb"

measure() {  # measure NAME OUTPUT COMMAND... ; sets SECS (wall), CPU (user+sys), KB (peak RSS)
  local log="$work/$1.time" user sys
  rm -f "$2"
  shift 2
  # Outputs of the previous run are removed and dirty pages written back first:
  # freeing a replaced 100 MB file, or the kernel flushing the last one, would
  # otherwise land in the next measured run.
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" >/dev/null
  read -r SECS user sys KB < "$log"
  CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}
div() { awk -v a="$1" -v b="$2" 'BEGIN { print a / b }'; }
report() {  # report LABEL WALL CPU KB KEY
  local rps mbps peak
  rps=$(div "$rows" "$2"); mbps=$(div "$bytes" "$2e6"); peak=$(div "$4" 1024)
  printf "%-14s wall %6.2f s  cpu %6.2f s  %9.0f rows/s  %6.1f MB/s (wall)  peak %5.0f MB\n" "$1" "$2" "$3" \
    "$rps" "$mbps" "$peak"
  bench_figure "$5.wall_seconds" "$2"
  bench_figure "$5.cpu_seconds" "$3"
  bench_figure "$5.rows_per_second" "$rps"
  bench_figure "$5.mb_per_second" "$mbps"
  bench_figure "$5.peak_mb" "$peak"
}

# invplan runs five times after one unmeasured warm-up run (the first run after
# the file was written is consistently slower), and the median of each figure is
# reported: a run takes about a second, so one slow moment of a busy machine
# would decide a single run.
"$bin" clean -q --threads "$threads" --input "$work/sales.csv" --output "$work/clean.csv" --freq D
walls=() cpus=() kbs=()
for i in 1 2 3 4 5; do
  measure invplan "$work/clean.csv" "$bin" clean -q --threads "$threads" --input "$work/sales.csv" \
    --output "$work/clean.csv" --freq D
  walls+=("$SECS"); cpus+=("$CPU"); kbs+=("$KB")
done
median() { printf '%s\n' "$@" | sort -g | sed -n 3p; }
inv_s=$(median "${walls[@]}"); inv_cpu=$(median "${cpus[@]}"); inv_kb=$(median "${kbs[@]}")
report "invplan clean:" "$inv_s" "$inv_cpu" "$inv_kb" invplan
echo "  (threads: $threads; runs: wall ${walls[*]} s, cpu ${cpus[*]} s)"

if /usr/bin/python3 -c "import pandas" 2>/dev/null || invplan_ensure_packages python3-pandas >/dev/null 2>&1; then
  cat > "$work/pandas_clean.py" <<'PY'
import sys
import pandas as pd
src, dst = sys.argv[1], sys.argv[2]
df = pd.read_csv(src, parse_dates=["date"])
g = df.groupby(["sku", "date"], sort=True).agg(quantity=("quantity", "sum"), price=("price", "mean"))
parts = []
for sku, part in g.groupby(level=0, sort=True):
    part = part.droplevel(0)
    full = pd.date_range(part.index.min(), part.index.max(), freq="D")
    part = part.reindex(full)
    part["quantity"] = part["quantity"].fillna(0)
    part["price"] = part["price"].ffill()
    part.insert(0, "sku", sku)
    parts.append(part)
out = pd.concat(parts)
out.index.name = "date"
out.to_csv(dst)
PY
  measure pandas "$work/pandas.csv" /usr/bin/python3 "$work/pandas_clean.py" "$work/sales.csv" \
    "$work/pandas.csv"
  pd_s=$SECS; pd_kb=$KB; pd_cpu=$CPU
  report "pandas:" "$pd_s" "$pd_cpu" "$pd_kb" pandas
  inv_lines=$(wc -l < "$work/clean.csv"); pd_lines=$(wc -l < "$work/pandas.csv")
  echo "output rows: invplan $((inv_lines - 1)), pandas $((pd_lines - 1))"
  echo "load average (1/5/15 min) after: $(load)"
  awk -v a="$pd_s" -v b="$inv_s" -v ca="$pd_cpu" -v cb="$inv_cpu" -v ka="$pd_kb" -v kb="$inv_kb" \
    'BEGIN { printf "ratios: invplan is %.1fx faster than pandas in CPU time, %.1fx in wall time; peak memory %.2f of pandas (goal: >= 20x faster, a fraction of the memory)\n", ca / cb, a / b, kb / ka }'
  bench_figure ratio.cpu_pandas_to_invplan "$(div "$pd_cpu" "$inv_cpu")"
  bench_figure ratio.wall_pandas_to_invplan "$(div "$pd_s" "$inv_s")"
  bench_figure ratio.peak_invplan_to_pandas "$(div "$inv_kb" "$pd_kb")"
else
  echo "pandas: not available (python3-pandas could not be installed); no reference measured"
fi
