# Coverage of invplan's ETS prediction intervals against R's forecast::ets on the
# yearly, quarterly and monthly M3 series (2,829 series, official horizons): the 80 %
# and 95 % intervals of `invplan forecast --model ets` (one panel per frequency) and of
# forecast(ets(y), level = c(80, 95)) in R 4.2 / forecast 8.20, scored on the test parts
# by scripts/bench/ets_coverage.py. R takes about 13 minutes of CPU.
#
# Usage: scripts/bench.sh ets_coverage
# Environment: M3 (path of M3_long.csv; M3_info.csv beside it).
M3=${M3:-$ROOT/../shared/data/m3/M3_long.csv}
[[ -f $M3 ]] || { echo "M3 data not found at $M3" >&2; exit 1; }
bench_build
bench_install_deb r-cran-forecast "Rscript -e 'suppressMessages(library(forecast))'" || {
  echo "!! this benchmark needs R's forecast package" >&2; exit 1; }
WORK=$(mktemp -d /tmp/bench-ets-coverage.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
$PY scripts/bench/ets_coverage.py split "$WORK" "$M3" "${M3%/*}/M3_info.csv"
for k in Y Q M; do
  h=6; [[ $k == Q ]] && h=8; [[ $k == M ]] && h=18
  "$INVPLAN" forecast --input "$WORK/${k}_train.csv" --model ets --horizon $h --threads 1 \
    --quiet -o "$WORK/ets$k.json"
done
Rscript scripts/bench/ets_coverage.R "$M3" "${M3%/*}/M3_info.csv" "$WORK/r_ets.csv"
$PY scripts/bench/ets_coverage.py score "$WORK"
