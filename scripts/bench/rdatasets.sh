# invplan's auto-ARIMA against R's auto.arima on 31 classic series of R's datasets package
# (AirPassengers, co2, the Seatbelts columns, sunspots, lynx, Nile, ...): the last 18
# months, 8 quarters or 6 years held out, the rest fitted by both programs with default
# options. scripts/bench/arima_rdatasets.R writes the series and R 4.2 / forecast 8.20's
# fits; invplan forecasts one panel per frequency; scripts/bench/rdatasets_score.py
# prints each series' specification and MASE (scaled by the in-sample seasonal naive)
# beside R's, the number of identical specifications and the geometric mean MASE ratio.
#
# Usage: scripts/bench.sh rdatasets
bench_build
bench_install_deb r-cran-forecast "Rscript -e 'suppressMessages(library(forecast))'" || {
  echo "!! this benchmark needs R's forecast package" >&2; exit 1; }
WORK=$(mktemp -d /tmp/bench-rdatasets.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
Rscript scripts/bench/arima_rdatasets.R "$WORK"
for k in M Q Y; do
  "$INVPLAN" forecast --input "$WORK/${k}_train.csv" --model arima --horizon 18 --threads 1 \
    --quiet -o "$WORK/$k.json"
done
$PY scripts/bench/rdatasets_score.py "$WORK" "$WORK/M.json" "$WORK/Q.json" "$WORK/Y.json"
