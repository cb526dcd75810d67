#!/usr/bin/env python3
"""Measures how well the forecast's cumulative (lead-time) demand covers what
was actually sold: holds out the last H periods of a sales CSV, runs
`invplan forecast --quantiles` on the rest, and for totals over the first h
periods (h = 7 and H by default) reports, over all SKUs:

  * the median ratio of the recorded total variance (correlated errors) to the
    independent sum of the periods' variances,
  * the share of actual totals <= the total's q-quantile, from the recorded
    cumulative demand and from the independent sum (the count distribution
    with the summed mean and variance, as invplan did before schema 3).

Standard library only. Usage (from the repository root):
  python3 scripts/leadtime_coverage.py [--sales data/sales.csv] [--holdout 28]
      [--invplan build/release/invplan] [--by-model] [-- extra forecast options]
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import date, timedelta


def count_quantile(mean, var, p):
    """Smallest k with P(D <= k) >= p for the count distribution with these
    moments: negative binomial when var > mean, else Poisson (as invplan)."""
    if mean <= 0:
        return 0.0
    if var > mean * (1 + 1e-9):
        r = mean * mean / (var - mean)
        q = mean / (r + mean)
        logpk = r * math.log(r / (r + mean))
        step = lambda k: math.log((k + r) / (k + 1.0) * q)
    else:
        logpk = -mean
        step = lambda k: math.log(mean / (k + 1.0))
    cdf, k = math.exp(logpk), 0
    while cdf < p and k < 10 * (mean + 10 * math.sqrt(var)) + 100:
        logpk += step(k)
        k += 1
        cdf += math.exp(logpk)
    return float(k)


def point_variance(point):
    d = point.get("distribution", {})
    fam = d.get("family")
    if fam == "negbin":
        return d["mu"] + d["mu"] ** 2 / d["size"]
    if fam == "poisson":
        return d["mu"]
    if fam == "normal" and "transform" not in d:
        return max(point["mean"], d["sigma"] ** 2)
    raise SystemExit("only untransformed normal and count forecasts are handled here")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sales", default="data/sales.csv")
    ap.add_argument("--holdout", type=int, default=28)
    ap.add_argument("--invplan", default="build/release/invplan")
    ap.add_argument("--quantiles", default="0.9,0.95")
    ap.add_argument("--spans", default="7")
    ap.add_argument("--by-model", action="store_true", help="also per model")
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    rows = list(csv.reader(open(a.sales, newline="")))
    header, body = rows[0], rows[1:]
    di, si, qi = header.index("date"), header.index("sku"), header.index("quantity")
    last = max(date.fromisoformat(r[di]) for r in body)
    cut = last - timedelta(days=a.holdout - 1)
    actual = defaultdict(lambda: [0.0] * a.holdout)
    with tempfile.TemporaryDirectory() as tmp:
        train = os.path.join(tmp, "train.csv")
        with open(train, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            for r in body:
                d = date.fromisoformat(r[di])
                if d < cut:
                    w.writerow(r)
                elif r[qi]:
                    # Returns (negative rows) count as 0, as forecast reads them.
                    actual[r[si]][(d - cut).days] += max(0.0, float(r[qi]))
        out = os.path.join(tmp, "fc.json")
        cmd = [a.invplan, "forecast", "-q", "-i", train, "--freq", "D", "-H", str(a.holdout),
               "--quantiles", a.quantiles, "-o", out] + a.extra
        subprocess.run(cmd, check=True)
        doc = json.load(open(out))
    levels = [float(x) for x in a.quantiles.split(",")]
    spans = [int(x) for x in a.spans.split(",")] + [a.holdout]
    groups = [("all", doc["series"])]
    if a.by_model:
        names = sorted({s["model"]["name"] for s in doc["series"]})
        groups += [(m, [s for s in doc["series"] if s["model"]["name"] == m]) for m in names]
    for (group, series), h in [(g, h) for g in groups for h in spans]:
        ratios, hits_c, hits_i, n = [], [0] * len(levels), [0] * len(levels), 0
        for s in series:
            pts = s["forecast"][:h]
            c = s["cumulative"][h - 1]
            total = sum(actual[s["sku"]][:h])
            indep = sum(point_variance(p) for p in pts)
            mean = sum(p["mean"] for p in pts)
            if indep > 0:
                ratios.append(c["variance"] / indep)
            for k, q in enumerate(levels):
                hits_c[k] += total <= c["q" + format(q, "g")]
                hits_i[k] += total <= count_quantile(mean, indep, q)
            n += 1
        ratios.sort()
        med = ratios[len(ratios) // 2] if ratios else float("nan")
        print(f"{group} h={h}: {n} SKUs, median variance ratio correlated/independent {med:.2f} "
              f"(quartiles {ratios[len(ratios)//4]:.2f}..{ratios[3*len(ratios)//4]:.2f})")
        for k, q in enumerate(levels):
            print(f"  q{q:g}: actual total <= quantile for {hits_c[k]/n:.3f} of SKUs "
                  f"(correlated sum), {hits_i[k]/n:.3f} (independent sum)")


if __name__ == "__main__":
    sys.exit(main())
