# Benchmarks of `invplan detect` against scikit-learn's IsolationForest:
#  1. quality: ROC AUC on outlier benchmark tables (100 trees, psi = 256, 5 seeds
#     each), goal: at least scikit-learn's AUC within noise on each set and on
#     average;
#  2. speed: the whole invplan process on a 50,000 x 9 CSV against scikit-learn's
#     in-process fit + score_samples on the same data, goal >= 10x;
#  3. scale: scoring 10 million rows (a 1M-row block repeated) with a saved model
#     and training + scoring them from scratch, with peak RSS (/usr/bin/time -v).
# Usage: scripts/bench.sh detect [--quick]   (--quick: 3 seeds, no 10M run)
# Environment: BENCH_DIR (default /tmp/invplan-bench-detect).
BENCH_DIR=${BENCH_DIR:-/tmp/invplan-bench-detect}
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1

bench_install_deb python3-sklearn "$PY -c 'import sklearn, numpy'" || {
  echo "ERROR: the comparison needs python3-sklearn: apt-get install python3-sklearn" >&2
  exit 1
}

bench_build
BIN=$INVPLAN

mkdir -p "$BENCH_DIR"
if [[ ! -f "$BENCH_DIR/block_1m.csv" ]]; then
  echo "== generating benchmark tables in $BENCH_DIR"
  $PY scripts/bench/detect_datasets.py "$BENCH_DIR"
fi
cat <<'TXT'
== data sets: the ODDS files (Shuttle, Satellite, Pima, Breastw, Ionosphere, ...) are not
   available offline. Used instead: scikit-learn's bundled wine (ODDS construction: classes 2+3
   inliers, 10 of class 1 outliers), breast cancer WDBC (malignant = outliers), digits (1-9
   inliers, 48 zeros), iris (5 setosa outliers); and *_like tables generated with fixed seeds
   to the shape and outlier share of the ODDS set named (scripts/bench/detect_datasets.py).
TXT
SEEDS=5
[[ $QUICK == 1 ]] && SEEDS=3
echo "== quality and speed against scikit-learn $($PY -c 'import sklearn; print(sklearn.__version__)')"
$PY scripts/bench/detect_compare.py "$BIN" "$BENCH_DIR" "$SEEDS"

[[ $QUICK == 1 ]] && exit 0
echo
echo "== 10,000,000 rows x 9 (the 1M-row block repeated 10 times)"
BIG="$BENCH_DIR/rows_10m.csv"
if [[ ! -f "$BIG" ]]; then
  cp "$BENCH_DIR/block_1m.csv" "$BIG"
  for _ in 2 3 4 5 6 7 8 9 10; do tail -n +2 "$BENCH_DIR/block_1m.csv" >> "$BIG"; done
fi
echo "   $(du -h "$BIG" | cut -f1) CSV, $(($(wc -l < "$BIG") - 1)) rows"
F=f0,f1,f2,f3,f4,f5,f6,f7,f8
report() {  # report TIME_FILE NAME
  grep -E "Elapsed|Maximum resident" "$1" | sed -e 's/^\s*/   /'
  bench_figure "$2.wall" "$(sed -n 's/.*Elapsed.*: //p' "$1")"
  bench_figure "$2.peak_kb" "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$1")"
}
"$BIN" detect -q -i "$BENCH_DIR/block_1m.csv" --features $F --contamination 0.001 \
  --save-model "$BENCH_DIR/model.json"
echo "-- scoring with a saved model (one streaming pass), anomalies to JSON:"
/usr/bin/time -v "$BIN" detect -q -i "$BIG" --model "$BENCH_DIR/model.json" \
  -o "$BENCH_DIR/anomalies_10m.json" 2> "$BENCH_DIR/time_model.txt"
report "$BENCH_DIR/time_model.txt" rows_10m_saved_model
echo "   $($PY -c "import json; d=json.load(open('$BENCH_DIR/anomalies_10m.json')); print(d['summary']['rows_scored'], 'rows scored,', d['summary']['anomalies'], 'anomalies')")"
echo "-- training on a 100,000-row sample, then scoring (two passes):"
/usr/bin/time -v "$BIN" detect -q -i "$BIG" --features $F --contamination 0.001 \
  -o "$BENCH_DIR/anomalies_10m_trained.json" 2> "$BENCH_DIR/time_train.txt"
report "$BENCH_DIR/time_train.txt" rows_10m_trained
echo "-- for scale, the same on the 1M-row block (peak RSS should barely grow with rows):"
/usr/bin/time -v "$BIN" detect -q -i "$BENCH_DIR/block_1m.csv" --model "$BENCH_DIR/model.json" \
  -o "$BENCH_DIR/anomalies_1m.json" 2> "$BENCH_DIR/time_1m.txt"
report "$BENCH_DIR/time_1m.txt" rows_1m_saved_model
