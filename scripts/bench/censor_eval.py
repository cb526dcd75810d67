"""Scores forecasts against true demand (scripts/bench/censor.sh).

    censor_eval.py FIT_SALES TRUTH CUTOFF FC_KEEP FC_MISSING FC_CENSOR
"""
import csv
import json
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(__file__))
import figures  # noqa: E402

SEASON = 7


def main():
    fit_path, truth_path, cutoff = sys.argv[1:4]
    runs = dict(zip(("keep", "missing", "censor"), sys.argv[4:7]))
    stockouts = defaultdict(int)
    with open(fit_path) as f:
        for r in csv.DictReader(f):
            if float(r["on_hand"]) <= 0:
                stockouts[r["sku"]] += 1
    history, future = defaultdict(list), defaultdict(dict)
    with open(truth_path) as f:
        for r in csv.DictReader(f):
            if r["date"] < cutoff:
                history[r["sku"]].append(float(r["demand"]))
            else:
                future[r["sku"]][r["date"]] = float(r["demand"])
    scale = {}
    for sku, d in history.items():
        diffs = [abs(d[t] - d[t - SEASON]) for t in range(SEASON, len(d))]
        scale[sku] = sum(diffs) / len(diffs) if diffs else 0.0
    print("stock-out SKU-days in the fitting window: %d on %d of %d SKUs"
          % (sum(stockouts.values()), len(stockouts), len(history)))
    figures.record("stockout_days", sum(stockouts.values()))
    figures.record("stockout_skus", len(stockouts))
    scores = {}
    for mode, path in runs.items():
        with open(path) as f:
            doc = json.load(f)
        per = {}
        for s in doc["series"]:
            truth = future.get(s["sku"], {})
            pairs = [(p["mean"], truth[p["date"]]) for p in s["forecast"] if p["date"] in truth]
            if not pairs or scale.get(s["sku"], 0.0) <= 0.0:
                continue
            err = [fc - d for fc, d in pairs]
            per[s["sku"]] = (sum(err) / len(err), sum(abs(e) for e in err) / len(err) / scale[s["sku"]],
                             sum(err), sum(d for _, d in pairs))
        scores[mode] = per

    def summary(per, skus):
        rows = [per[k] for k in skus if k in per]
        n = len(rows)
        bias = sum(r[0] for r in rows) / n
        rel = 100.0 * sum(r[2] for r in rows) / sum(r[3] for r in rows)
        mase = sum(r[1] for r in rows) / n
        return n, bias, rel, mase

    groups = (("with stock-outs", lambda k: k in stockouts), ("control (none)", lambda k: k not in stockouts))
    for name, member in groups:
        print("\nSKUs %s:" % name)
        print("  %-8s %5s %12s %10s %8s" % ("mode", "SKUs", "bias/day", "bias %", "MASE"))
        base = None
        for mode in runs:
            skus = [k for k in scores[mode] if member(k)]
            n, bias, rel, mase = summary(scores[mode], skus)
            print("  %-8s %5d %12.3f %9.2f%% %8.3f" % (mode, n, bias, rel, mase))
            tag = "stockout" if name.startswith("with") else "control"
            figures.record("%s_%s_bias" % (tag, mode), bias)
            figures.record("%s_%s_bias_pct" % (tag, mode), rel)
            figures.record("%s_%s_mase" % (tag, mode), mase)
            if base is None:
                base = (bias, mase)
            else:
                rb = abs(bias) / abs(base[0]) if base[0] else float("nan")
                rm = mase / base[1] if base[1] else float("nan")
                print("  %-8s |bias| / keep = %.3f   MASE / keep = %.3f" % ("", rb, rm))
                figures.record("%s_%s_bias_ratio" % (tag, mode), rb)
                figures.record("%s_%s_mase_ratio" % (tag, mode), rm)


if __name__ == "__main__":
    main()
