# Benchmark of `invplan optimize`: the multiple-choice knapsack method (mck)
# against CBC solving the plain 0-1 model, on generated candidate files with
# budget and capacity both binding.
#
# Usage: scripts/bench.sh optimize [SKUS=10000] [BIG_SKUS=100000]
#
# Prints, per instance: CPU time (user+sys, from /usr/bin/time), wall time and
# status of each solver, the objectives and whether they are identical, and the
# speed ratios (CPU and wall) of mck against CBC measured in the same run. The
# machine may be shared: CPU times are the figures to compare. Environment:
#   CBC_LIMIT      time limit for the CBC run in seconds (default 900)
#   MCK_LIMIT      time limit for the mck runs (default 600)
#   SEED           generator seed (default 1)
SKUS=${1:-10000}
BIG=${2:-100000}
CBC_LIMIT=${CBC_LIMIT:-900}
MCK_LIMIT=${MCK_LIMIT:-600}
SEED=${SEED:-1}

bench_install_deb coinor-libcbc-dev "pkg-config --exists cbc" || {
  echo "cannot install coinor-libcbc-dev: the CBC comparison cannot run" >&2
  exit 1
}
bench_build

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

field() {  # field FILE KEY
  "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d.get(sys.argv[2]); print(v if v is not None else "null")' "$1" "$2"
}

run() {  # run NAME SOLVER LIMIT CSV BUDGET CAPACITY
  local name=$1 solver=$2 limit=$3 csv=$4 budget=$5 cap=$6
  local out="$WORK/$name-$solver.json" tf="$WORK/$name-$solver.time"
  /usr/bin/time -f "%U %S %e %M" -o "$tf" "$INVPLAN" -q optimize --candidates "$csv" \
    --budget "$budget" --capacity "$cap" --solver "$solver" --time-limit "$limit" -o "$out" || true
  local user sys wall mem cpu
  read -r user sys wall mem <"$tf"
  cpu=$(echo "$user + $sys" | bc -l)
  printf '  %-4s %-10s cpu %8.2f s  wall %8.2f s  solve %8.2f s  %6d MB  objective %s  gap %s\n' \
    "$solver" "$(field "$out" status)" "$cpu" "$wall" "$(field "$out" solve_seconds)" \
    $((mem / 1024)) "$(field "$out" objective)" "$(field "$out" gap)"
  echo "$cpu $wall" >"$WORK/$name-$solver.cpu"
  bench_figure "$name.$solver.status" "$(field "$out" status)"
  bench_figure "$name.$solver.cpu_seconds" "$cpu"
  bench_figure "$name.$solver.wall_seconds" "$wall"
  bench_figure "$name.$solver.solve_seconds" "$(field "$out" solve_seconds)"
  bench_figure "$name.$solver.peak_mb" $((mem / 1024))
  bench_figure "$name.$solver.objective" "$(field "$out" objective)"
  bench_figure "$name.$solver.gap" "$(field "$out" gap)"
}

instance() {  # instance NAME SKUS WITH_CBC
  local name=$1 n=$2 with_cbc=$3
  local csv="$WORK/$name.csv"
  local limits
  limits=$("$PY" scripts/bench/optimize_gen.py "$n" "$csv" "$SEED")
  local budget cap
  budget=$(echo "$limits" | sed -E 's/.*budget=([0-9.]+).*/\1/')
  cap=$(echo "$limits" | sed -E 's/.*capacity=([0-9.]+).*/\1/')
  echo "$name: $n SKUs, $(($(wc -l <"$csv") - 1)) candidate lines, budget $budget, capacity $cap" \
    "(load average $(cut -d' ' -f1-3 /proc/loadavg))"
  run "$name" mck "$MCK_LIMIT" "$csv" "$budget" "$cap"
  if [ "$with_cbc" = 1 ]; then
    run "$name" cbc "$CBC_LIMIT" "$csv" "$budget" "$cap"
    "$PY" - "$name" "$WORK/$name-mck.json" "$WORK/$name-cbc.json" "$WORK/$name-mck.cpu" "$WORK/$name-cbc.cpu" <<'PYEOF'
import json, sys
sys.path.insert(0, "scripts/bench")
from figures import record
name = sys.argv[1]
a, b = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
ca, wa = map(float, open(sys.argv[4]).read().split())
cb, wb = map(float, open(sys.argv[5]).read().split())
oa, ob = a["objective"], b["objective"]
same = oa is not None and ob is not None and abs(oa - ob) <= 1e-9 * max(1.0, abs(ob))
print("  objectives %s (mck %r, cbc %r; both proven: %s)" % (
    "identical" if same else "DIFFER", oa, ob, a["status"] == b["status"] == "optimal"))
print("  mck vs cbc: %.1fx less CPU, %.1fx less wall (whole command)" % (cb / ca, wb / wa))
record(name + ".objectives_identical", "yes" if same else "no")
record(name + ".cpu_ratio_cbc_to_mck", cb / ca)
record(name + ".wall_ratio_cbc_to_mck", wb / wa)
PYEOF
  fi
}

instance "plain-$SKUS" "$SKUS" 1
if [ "$BIG" -gt 0 ]; then instance "big-$BIG" "$BIG" 0; fi
