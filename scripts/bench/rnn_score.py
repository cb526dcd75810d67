"""Scores held-out forecasts for scripts/bench.sh rnn.

  rnn_score.py TRAIN.csv ACTUAL.csv SEASON [--subset FILE] [--from-first-sale]
               [--figures PREFIX] NAME=FORECAST ...

FORECAST is an invplan forecast artifact (.json) or a CSV with
sku,step,mean,lo80,hi80,lo95,hi95. Prints, per forecast, the mean over SKUs of
MASE (mean absolute error over the held-out steps divided by the in-sample
mean absolute seasonal difference; with --from-first-sale the in-sample part
starts at the SKU's first non-zero value, as the M5 scaling does), of RMSSE
(root mean squared error divided by the root in-sample mean squared one-step
difference, M5's own measure, same start) and the coverage of the 80 % and
95 % intervals pooled over all points. Negative means count as 0. SKUs with a
zero scale are left out (and counted). The figures are also recorded for the
benchmark's JSON file (figures.py), under PREFIX.NAME.
"""
import csv
import json
import sys

from figures import record


def load_forecast(path):
    out = {}
    if path.endswith(".json"):
        with open(path) as fh:
            doc = json.load(fh)
        for s in doc["series"]:
            out[str(s["sku"])] = [(p["mean"], p.get("lo80"), p.get("hi80"), p.get("lo95"),
                                   p.get("hi95")) for p in s["forecast"]]
    else:
        with open(path) as fh:
            rows = sorted(csv.DictReader(fh), key=lambda r: (r["sku"], int(r["step"])))
        for r in rows:
            out.setdefault(r["sku"], []).append(
                tuple(float(r[k]) for k in ("mean", "lo80", "hi80", "lo95", "hi95")))
    return out


def main():
    args = sys.argv[1:]
    train_path, actual_path, season = args[0], args[1], int(args[2])
    args = args[3:]
    subset, first_sale, prefix = None, False, "scores"
    while args and args[0].startswith("--"):
        if args[0] == "--subset":
            with open(args[1]) as fh:
                subset = {l.strip() for l in fh if l.strip()}
            args = args[2:]
        elif args[0] == "--figures":
            prefix = args[1]
            args = args[2:]
        else:
            first_sale = True
            args = args[1:]
    history = {}
    with open(train_path) as fh:
        for r in csv.DictReader(fh):
            history.setdefault(r["sku"], []).append((r["date"], float(r["quantity"])))
    actual = {}
    with open(actual_path) as fh:
        for r in csv.DictReader(fh):
            actual.setdefault(r["sku"], []).append((int(r["step"]), float(r["value"])))
    scale, scale2 = {}, {}
    for sku, rows in history.items():
        y = [v for _, v in sorted(rows)]
        if first_sale:
            k = next((i for i, v in enumerate(y) if v != 0), len(y))
            y = y[k:]
        d = [abs(y[t] - y[t - season]) for t in range(season, len(y))]
        scale[sku] = sum(d) / len(d) if d else 0.0
        d2 = [(y[t] - y[t - 1]) ** 2 for t in range(1, len(y))]
        scale2[sku] = sum(d2) / len(d2) if d2 else 0.0
    skus = sorted(s for s in actual if subset is None or s in subset)
    zero = [s for s in skus if scale[s] == 0 or scale2[s] == 0]
    skus = [s for s in skus if scale[s] > 0 and scale2[s] > 0]
    for spec in args:
        name, path = spec.split("=", 1)
        fc = load_forecast(path)
        mase, rmsse, c80, c95, n = 0.0, 0.0, 0, 0, 0
        for sku in skus:
            f = fc[sku]
            err, err2 = 0.0, 0.0
            for step, a in sorted(actual[sku]):
                mean, lo80, hi80, lo95, hi95 = f[step - 1]
                err += abs(a - max(mean, 0.0))
                err2 += (a - max(mean, 0.0)) ** 2
                c80 += lo80 <= a <= hi80
                c95 += lo95 <= a <= hi95
                n += 1
            mase += err / len(actual[sku]) / scale[sku]
            rmsse += (err2 / len(actual[sku]) / scale2[sku]) ** 0.5
        print("%-14s MASE %.3f  RMSSE %.3f  coverage80 %.1f%%  coverage95 %.1f%%  (%d SKUs%s)" %
              (name, mase / len(skus), rmsse / len(skus), 100.0 * c80 / n, 100.0 * c95 / n,
               len(skus),
               ", %d with zero scale left out" % len(zero) if zero else ""))
        for key, v in (("mase", mase / len(skus)), ("rmsse", rmsse / len(skus)),
                       ("coverage80", c80 / n), ("coverage95", c95 / n)):
            record(f"{prefix}.{name}.{key}", v)


main()
