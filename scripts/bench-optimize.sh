#!/usr/bin/env bash
# Benchmark of `invplan optimize`: the multiple-choice knapsack method (mck)
# against CBC solving the plain 0-1 model, on generated candidate files with
# budget and capacity both binding.
#
#   scripts/bench-optimize.sh [SKUS=10000] [BIG_SKUS=100000]
#
# Prints, per instance: time and status of each solver, the objectives and
# whether they are identical, and the speed ratio. Environment:
#   BUILD_DIR      build directory (default build-release; built if needed)
#   CBC_LIMIT      time limit for the CBC run in seconds (default 900)
#   MCK_LIMIT      time limit for the mck runs (default 600)
#   SEED           generator seed (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
SKUS=${1:-10000}
BIG=${2:-100000}
BUILD_DIR=${BUILD_DIR:-build-release}
CBC_LIMIT=${CBC_LIMIT:-900}
MCK_LIMIT=${MCK_LIMIT:-600}
SEED=${SEED:-1}
PY=/usr/bin/python3

if ! pkg-config --exists cbc; then
  echo "coinor-libcbc-dev is missing; trying apt-get install" >&2
  if ! (apt-get install -y coinor-libcbc-dev >/dev/null 2>&1); then
    echo "cannot install coinor-libcbc-dev: the CBC comparison cannot run" >&2
    exit 1
  fi
fi
if [ ! -x "$BUILD_DIR/invplan" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DINVPLAN_TESTS=OFF >/dev/null
fi
cmake --build "$BUILD_DIR" -j2 --target invplan >/dev/null
INVPLAN=$BUILD_DIR/invplan

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

field() {  # field FILE KEY
  "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d.get(sys.argv[2]); print(v if v is not None else "null")' "$1" "$2"
}

run() {  # run NAME SOLVER LIMIT CSV BUDGET CAPACITY
  local name=$1 solver=$2 limit=$3 csv=$4 budget=$5 cap=$6
  local out="$WORK/$name-$solver.json"
  local t0 t1
  t0=$(date +%s.%N)
  "$INVPLAN" -q optimize --candidates "$csv" --budget "$budget" --capacity "$cap" \
    --solver "$solver" --time-limit "$limit" -o "$out" || true
  t1=$(date +%s.%N)
  local wall
  wall=$(echo "$t1 - $t0" | bc -l)
  printf '  %-4s %-10s wall %8.2f s  solve %8.2f s  objective %s  gap %s\n' "$solver" \
    "$(field "$out" status)" "$wall" "$(field "$out" solve_seconds)" "$(field "$out" objective)" \
    "$(field "$out" gap)"
  echo "$wall" >"$WORK/$name-$solver.wall"
}

instance() {  # instance NAME SKUS WITH_CBC
  local name=$1 n=$2 with_cbc=$3
  local csv="$WORK/$name.csv"
  local limits
  limits=$("$PY" scripts/bench/optimize_gen.py "$n" "$csv" "$SEED")
  local budget cap
  budget=$(echo "$limits" | sed -E 's/.*budget=([0-9.]+).*/\1/')
  cap=$(echo "$limits" | sed -E 's/.*capacity=([0-9.]+).*/\1/')
  echo "$name: $n SKUs, $(($(wc -l <"$csv") - 1)) candidate lines, budget $budget, capacity $cap"
  run "$name" mck "$MCK_LIMIT" "$csv" "$budget" "$cap"
  if [ "$with_cbc" = 1 ]; then
    run "$name" cbc "$CBC_LIMIT" "$csv" "$budget" "$cap"
    "$PY" - "$WORK/$name-mck.json" "$WORK/$name-cbc.json" "$WORK/$name-mck.wall" "$WORK/$name-cbc.wall" <<'PYEOF'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
ta, tb = float(open(sys.argv[3]).read()), float(open(sys.argv[4]).read())
oa, ob = a["objective"], b["objective"]
same = oa is not None and ob is not None and abs(oa - ob) <= 1e-9 * max(1.0, abs(ob))
print("  objectives %s (mck %s, cbc %s; both proven: %s)" % (
    "identical" if same else "DIFFER", oa, ob, a["status"] == b["status"] == "optimal"))
print("  speed-up mck vs cbc: %.1fx (wall, whole command)" % (tb / ta))
PYEOF
  fi
}

instance "plain-$SKUS" "$SKUS" 1
[ "$BIG" -gt 0 ] && instance "big-$BIG" "$BIG" 0
