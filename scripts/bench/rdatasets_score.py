"""Scores invplan's auto-ARIMA against R's on the classic R series.

Usage: rdatasets_score.py DIR FORECAST.json... ; DIR holds r.csv and test.csv
from arima_rdatasets.R. Prints one line per series (spec, MASE, R's) and the
counts of identical specifications and the geometric mean MASE ratio.
"""
import csv
import json
import math
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import figures  # noqa: E402

work = sys.argv[1]
ref = {row["sku"]: row for row in csv.DictReader(open(f"{work}/r.csv"))}
test = {}
for row in csv.DictReader(open(f"{work}/test.csv")):
    test.setdefault(row["sku"], []).append((float(row["value"]), float(row["scale"])))
same = 0
ratios = []
print(f"{'series':26} {'invplan':38} {'MASE':>6}   {'R auto.arima':38} {'MASE':>6}")
for path in sys.argv[2:]:
    for s in json.load(open(path))["series"]:
        sku = s["sku"]
        means = [p["mean"] for p in s["forecast"]]
        actual = test[sku]
        mase = sum(abs(a - m) for (a, _), m in zip(actual, means)) / len(actual) / actual[0][1]
        r = ref[sku]
        spec = s["model"]["spec"]
        mark = "  " if spec == r["spec"] else "!="
        same += spec == r["spec"]
        ratios.append(mase / float(r["mase"]))
        print(f"{sku:26} {spec:38} {mase:6.3f} {mark} {r['spec']:38} {float(r['mase']):6.3f}")
geo = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
print(f"same specification as R: {same} of {len(ratios)}; "
      f"geometric mean MASE ratio invplan/R {geo:.3f}")
figures.record("same_spec", same)
figures.record("series", len(ratios))
figures.record("geo_mase_ratio", round(geo, 4))
