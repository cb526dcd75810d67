"""The table of scripts/bench/daily.sh from its runs file (lines "DATA CONFIG REGRESSORS
CPU ARTIFACT"): per data set and regressors, per configuration the backtest's MASE
(mean over SKUs) and its ratio to auto's, the 80 % / 95 % coverage, the bias of the
total over the smooth/erratic SKUs in percent of their actual total, and CPU seconds.

Usage: daily_score.py RUNS.txt"""
import json
import os
import sys

sys.path.insert(0, "scripts/bench")
from figures import record  # noqa: E402

runs = [line.split() for line in open(sys.argv[1]) if line.strip()]


def holdout_totals(data_csv):
    """Per SKU, the sum of the quantity (third column) over the last 28 dates."""
    import csv
    rows = list(csv.reader(open(data_csv)))[1:]
    dates = sorted({r[0] for r in rows})[-28:]
    first = dates[0]
    totals = {}
    for r in rows:
        if r[0] >= first and r[2] != "":
            totals[r[1]] = totals.get(r[1], 0.0) + float(r[2])
    return totals


def bias_percent(artifact, totals):
    """Σ forecast - Σ actual over Σ actual in the holdout, smooth/erratic SKUs: the
    backtest's bias is the mean error per point, times its points."""
    err = act = 0.0
    for s in artifact["series"]:
        m = s.get("backtest", {}).get("model")
        if s.get("demand_class") not in ("smooth", "erratic") or not m:
            continue
        err += m["bias"] * m["points"]
        act += totals.get(s["sku"], 0.0)
    return 100.0 * err / act if act > 0 else float("nan")


totals_of = {}
base = {}
print(f'{"data":9} {"regressors":10} {"configuration":11} {"MASE":>6} {"ratio":>6} '
      f'{"cov80":>6} {"cov95":>6} {"bias":>10} {"CPU s":>7}')
for data, config, reg, cpu, path in runs:
    a = json.load(open(path))
    bt = a["backtest"]["model"]
    key = (data, reg)
    if config == "auto":
        base[key] = bt["mase"]
    ratio = bt["mase"] / base[key] if key in base else float("nan")
    csv_path = os.path.join(os.path.dirname(path), data + ".csv")
    if csv_path not in totals_of:
        totals_of[csv_path] = holdout_totals(csv_path)
    bias = bias_percent(a, totals_of[csv_path])
    print(f'{data:9} {reg:10} {config:11} {bt["mase"]:6.3f} {ratio:6.3f} '
          f'{bt["coverage80"]:6.2f} {bt["coverage95"]:6.2f} {bias:9.1f}% {float(cpu):7.1f}')
    for k, v in (("mase", bt["mase"]), ("ratio", ratio), ("coverage80", bt["coverage80"]),
                 ("coverage95", bt["coverage95"]), ("bias", bias), ("cpu", float(cpu))):
        record(f"{data}_{reg}_{config}_{k}", round(v, 4))
