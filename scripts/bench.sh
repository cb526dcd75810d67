#!/usr/bin/env bash
# Runs one benchmark: scripts/bench.sh NAME [args]; without NAME, lists them;
# scripts/bench.sh NAME --help describes one.
#
# A benchmark is scripts/bench/NAME.sh, sourced in a subshell after the shared
# setup below: it prints its figures as before, and the ones it records with
# bench_figure (shell) or figures.record (scripts/bench/figures.py) are written,
# with the machine's load average at the start and the end, the core count and
# the printed lines, to out/bench/NAME.json.
# Environment: BENCH_BUILD_DIR (default build/bench: one Release tree for every
# benchmark, brought up to date on each run), BENCH_OUT (default out/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

bench_list() {
  echo "benchmarks (scripts/bench.sh NAME [args]; scripts/bench.sh NAME --help says more):"
  local f
  for f in scripts/bench/*.sh; do
    printf '  %-12s %s\n' "$(basename "$f" .sh)" "$(sed -n '1s/^# //p' "$f")"
    printf '  %-12s usage: %s\n' "" "$(sed -n 's/^# Usage: //p' "$f" | head -1)"
  done
}
if [[ $# -eq 0 || $1 == -h || $1 == --help ]]; then
  bench_list
  exit 0
fi
BENCH_NAME=$1
shift
BENCH_SCRIPT=scripts/bench/$BENCH_NAME.sh
if [[ ! -f $BENCH_SCRIPT ]]; then
  echo "unknown benchmark '$BENCH_NAME'" >&2
  bench_list >&2
  exit 2
fi
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '/^#/!q; s/^# \{0,1\}//p' "$BENCH_SCRIPT"
  exit 0
fi

. scripts/deps.sh
BENCH_BUILD_DIR=${BENCH_BUILD_DIR:-build/bench}
BENCH_OUT=${BENCH_OUT:-out/bench}
PY=/usr/bin/python3
mkdir -p "$BENCH_OUT"
BENCH_TMP=$(mktemp -d "/tmp/invplan-bench-$BENCH_NAME.XXXXXX")
trap 'rm -rf "$BENCH_TMP"' EXIT
export BENCH_FIGURES=$BENCH_TMP/figures.tsv
: >"$BENCH_FIGURES"

# The helpers a benchmark may use.
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }
# bench_figure KEY VALUE: one figure (a number or a word) for the JSON file.
bench_figure() { printf '%s\t%s\n' "$1" "$2" >>"$BENCH_FIGURES"; }
# bench_build: brings the Release invplan of $BENCH_BUILD_DIR up to date; sets INVPLAN.
bench_build() {
  echo "== building invplan (Release) in $BENCH_BUILD_DIR"
  invplan_build "$BENCH_BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DINVPLAN_TESTS=OFF -- invplan \
    >/dev/null
  INVPLAN=$ROOT/$BENCH_BUILD_DIR/invplan
}
# bench_install_deb PACKAGE CHECK: installs the Debian package with apt-get unless the
# shell command CHECK succeeds; fails, saying so, when CHECK still fails after.
bench_install_deb() {
  eval "$2" >/dev/null 2>&1 && return 0
  echo "== $1 missing: installing it with apt-get"
  invplan_ensure_packages "$1" >/dev/null 2>&1 || true
  eval "$2" >/dev/null 2>&1 && return 0
  echo "!! could not install $1 (no root or no package source)" >&2
  return 1
}

load_start=$(bench_load)
started=$(date -u +%FT%TZ)
set +e
(
  set -e
  . "$BENCH_SCRIPT" "$@"
) 2>&1 | tee "$BENCH_TMP/output.txt"
status=${PIPESTATUS[0]}
set -e
"$PY" - "$BENCH_OUT/$BENCH_NAME.json" "$BENCH_NAME" "$started" "$load_start" "$(bench_load)" \
  "$(nproc)" "$status" "$BENCH_FIGURES" "$BENCH_TMP/output.txt" "$@" <<'PYEOF'
import datetime, json, math, sys
out, name, started, load0, load1, nproc, status, figures, output = sys.argv[1:10]

def value(text):
    for kind in (int, float):
        try:
            v = kind(text)
            return v if math.isfinite(v) else None
        except ValueError:
            pass
    return text

doc = {
    "name": name,
    "args": sys.argv[10:],
    "started": started,
    "finished": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "exit_status": int(status),
    "nproc": int(nproc),
    "load_average_start": [float(x) for x in load0.split()],
    "load_average_end": [float(x) for x in load1.split()],
    "figures": {k: value(v) for k, v in
                (line.rstrip("\n").split("\t", 1) for line in open(figures) if "\t" in line)},
    "output": open(output, errors="replace").read().splitlines(),
}
with open(out, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
PYEOF
echo "== figures: $BENCH_OUT/$BENCH_NAME.json"
exit "$status"
