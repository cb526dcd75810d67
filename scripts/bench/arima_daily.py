"""Daily ARIMA benchmark data and scoring (used by scripts/bench.sh arima-daily).

  arima_daily.py split SALES_CSV WORK_DIR N_SKUS HOLDOUT
      writes train.csv, test.csv (complete daily grids, missing days = 0 sales) and
      future.csv (promo, holiday over the held-out days) for every other SKU of the
      first 2*N_SKUS;
  arima_daily.py score WORK_DIR NAME=FORECAST_CSV ... REFERENCE=FORECAST_CSV
      MASE per SKU (scaled by the in-sample weekly naive error), mean MASE and the
      geometric mean of the MASE ratios of each forecast to the last one.
"""
import collections
import csv
import math
import sys


def split(sales, work, n_skus, holdout):
    rows = list(csv.DictReader(open(sales)))
    skus = sorted(set(r["sku"] for r in rows))[: 2 * n_skus : 2]
    dates = sorted(set(r["date"] for r in rows))
    holiday = {r["date"]: r["holiday"] for r in rows}
    by = {(r["sku"], r["date"]): r for r in rows if r["sku"] in set(skus)}
    cut = dates[-holdout]
    names = ["date", "sku", "quantity", "promo", "holiday"]
    with open(f"{work}/train.csv", "w", newline="") as a, open(f"{work}/test.csv", "w", newline="") as b, \
            open(f"{work}/future.csv", "w", newline="") as c:
        tr, te, fu = csv.writer(a), csv.writer(b), csv.writer(c)
        tr.writerow(names)
        te.writerow(names)
        fu.writerow(["date", "sku", "promo", "holiday"])
        for s in skus:
            first = min(d for (k, d) in by if k == s)
            for d in dates:
                if d < first:
                    continue
                r = by.get((s, d))
                q = max(0.0, float(r["quantity"])) if r else 0.0
                promo = r["promo"] if r else "0"
                (tr if d < cut else te).writerow([d, s, q, promo, holiday[d]])
                if d >= cut:
                    fu.writerow([d, s, promo, holiday[d]])
    print(f"{len(skus)} SKUs, training up to {cut} (exclusive), {holdout} days held out")


def score(work, named):
    train, test = collections.defaultdict(list), collections.defaultdict(dict)
    for r in csv.DictReader(open(f"{work}/train.csv")):
        train[r["sku"]].append(float(r["quantity"]))
    for r in csv.DictReader(open(f"{work}/test.csv")):
        test[r["sku"]][r["date"]] = float(r["quantity"])
    res = {}
    for name, path in named:
        f = collections.defaultdict(dict)
        for r in csv.DictReader(open(path)):
            f[r["sku"]][r["date"]] = float(r["mean"])
        res[name] = {}
        for s, y in train.items():
            scale = sum(abs(y[i] - y[i - 7]) for i in range(7, len(y))) / (len(y) - 7)
            res[name][s] = sum(abs(v - f[s][d]) for d, v in test[s].items()) / len(test[s]) / scale
    ref = named[-1][0]
    for name, _ in named:
        m = sum(res[name].values()) / len(res[name])
        g = math.exp(sum(math.log(res[name][s] / res[ref][s]) for s in res[name]) / len(res[name]))
        print(f"  {name:22s} mean MASE {m:.4f}   geometric mean ratio to {ref}: {g:.4f}")
        record(f"mase.{name}", m)
        record(f"geo_ratio_to_{ref}.{name}", g)


if __name__ == "__main__":
    if sys.argv[1] == "split":
        split(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        score(sys.argv[2], [tuple(a.split("=", 1)) for a in sys.argv[3:]])
