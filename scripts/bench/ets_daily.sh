# invplan's ETS against R's forecast::ets on the daily demo SKUs: data/sales.csv cleaned
# by `invplan clean`, the last 28 days held out, `invplan forecast --model ets --holdout
# 28 --stockouts keep` against ets(ts(y, frequency = 7)) in R 4.2 / forecast 8.20
# (scripts/bench/ets_daily.R). Prints the geometric mean of the per-SKU MASE ratios, the
# same-model count, interval coverage and the CPU of both (invplan's includes parsing
# and its two fits per SKU: the backtest's and the full history's).
#
# Usage: scripts/bench.sh ets_daily
bench_build
bench_install_deb r-cran-forecast "Rscript -e 'suppressMessages(library(forecast))'" || {
  echo "!! this benchmark needs R's forecast package" >&2; exit 1; }
[[ -f data/sales.csv ]] || $PY scripts/gen_demo_data.py
WORK=$(mktemp -d /tmp/bench-ets-daily.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$INVPLAN" clean -i data/sales.csv -o "$WORK/clean.csv" --quiet
/usr/bin/time -f "invplan: %U s user + %S s sys CPU" "$INVPLAN" forecast --input "$WORK/clean.csv" \
  --model ets --holdout 28 --stockouts keep --threads 1 --quiet -o "$WORK/ets.json"
Rscript scripts/bench/ets_daily.R "$WORK/clean.csv" "$WORK/r.csv"
$PY - "$WORK" <<'PYEOF'
import csv, json, math, sys
sys.path.insert(0, "scripts/bench")
import figures
work = sys.argv[1]
ref = {r["sku"]: r for r in csv.DictReader(open(f"{work}/r.csv"))}
rows = [s for s in json.load(open(f"{work}/ets.json"))["series"]
        if "backtest" in s and s["sku"] in ref]
ratios = [s["backtest"]["model"]["mase"] / float(ref[s["sku"]]["mase"]) for s in rows
          if s["backtest"]["model"]["mase"] > 0 and float(ref[s["sku"]]["mase"]) > 0]
geo = math.exp(sum(map(math.log, ratios)) / len(ratios))
same = sum(s["backtest"]["spec"] == ref[s["sku"]]["spec"] for s in rows)
n = len(rows)
mean = lambda f: sum(map(f, rows)) / n
print(f"{n} SKUs: geometric mean MASE ratio invplan/R {geo:.3f}; same model {same} of {n}")
print(f"mean MASE invplan {mean(lambda s: s['backtest']['model']['mase']):.3f}, "
      f"R {mean(lambda s: float(ref[s['sku']]['mase'])):.3f}")
print(f"coverage 80 %: invplan {mean(lambda s: s['backtest']['model']['coverage80']):.3f}, "
      f"R {mean(lambda s: float(ref[s['sku']]['c80'])):.3f}; 95 %: invplan "
      f"{mean(lambda s: s['backtest']['model']['coverage95']):.3f}, "
      f"R {mean(lambda s: float(ref[s['sku']]['c95'])):.3f}")
figures.record("geo_mase_ratio", round(geo, 4))
figures.record("same_model", same)
PYEOF
