"""Panels and scores for ets_coverage.sh.

split WORK: writes WORK/{Y,Q,M}_train.csv (dated, one SKU per M3 series) and
WORK/test.csv from M3_long.csv / M3_info.csv (paths as further arguments).
score WORK: coverage of invplan's (WORK/ets{Y,Q,M}.json) and R's
(WORK/r_ets.csv) 80 % and 95 % intervals on the test parts, per period, and the
median ratio of the 95 % widths.
"""
import collections
import csv
import datetime
import json
import statistics
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import figures  # noqa: E402

CODES = {"MONTHLY": "M", "QUARTERLY": "Q", "YEARLY": "Y"}


def split(work, long_path, info_path):
    info = {r["series"]: r["period"] for r in csv.DictReader(open(info_path))}
    series = collections.defaultdict(lambda: {"train": [], "test": []})
    for r in csv.DictReader(open(long_path)):
        series[r["series"]][r["split"]].append((int(r["t"]), r["value"]))
    out = {k: open(f"{work}/{k}_train.csv", "w") for k in "MQY"}
    for f in out.values():
        f.write("date,sku,quantity\n")
    with open(f"{work}/test.csv", "w") as te:
        te.write("sku,period,step,value\n")
        for sid, s in series.items():
            k = CODES.get(info[sid])
            if not k:
                continue
            train = [v for _, v in sorted(s["train"])]
            for i, v in enumerate(train):
                back = len(train) - 1 - i  # every series ends in the same period
                if k == "Y":
                    d = datetime.date(2000 - back, 1, 1)
                elif k == "Q":
                    q = 2000 * 4 - back
                    d = datetime.date(q // 4, (q % 4) * 3 + 1, 1)
                else:
                    m = 2000 * 12 - back
                    d = datetime.date(m // 12, m % 12 + 1, 1)
                out[k].write(f"{d},{sid},{v}\n")
            for j, (_, v) in enumerate(sorted(s["test"])):
                te.write(f"{sid},{info[sid]},{j + 1},{v}\n")


def score(work):
    actual = collections.defaultdict(list)
    period = {}
    for r in csv.DictReader(open(f"{work}/test.csv")):
        actual[r["sku"]].append(float(r["value"]))
        period[r["sku"]] = r["period"]
    ref = collections.defaultdict(list)
    for r in csv.DictReader(open(f"{work}/r_ets.csv")):
        ref[r["sku"]].append({k: float(v) for k, v in r.items() if k != "sku"})
    hits = collections.defaultdict(lambda: [0, 0, 0, 0, 0])
    widths = []
    for k in "YQM":
        for s in json.load(open(f"{work}/ets{k}.json"))["series"]:
            sku = s["sku"]
            for p, r, y in zip(s["forecast"], ref[sku], actual[sku]):
                for key in (period[sku], "ALL"):
                    t = hits[key]
                    t[0] += 1
                    t[1] += p["lo80"] <= y <= p["hi80"]
                    t[2] += p["lo95"] <= y <= p["hi95"]
                    t[3] += r["lo80"] <= y <= r["hi80"]
                    t[4] += r["lo95"] <= y <= r["hi95"]
                if r["hi95"] > r["lo95"]:
                    widths.append((p["hi95"] - p["lo95"]) / (r["hi95"] - r["lo95"]))
    print(f"{'period':10} {'points':>7}  80 %: invplan  R     95 %: invplan  R")
    for key in ("YEARLY", "QUARTERLY", "MONTHLY", "ALL"):
        n, a80, a95, r80, r95 = hits[key]
        print(f"{key:10} {n:7}  {100 * a80 / n:12.1f} {100 * r80 / n:5.1f}"
              f"  {100 * a95 / n:12.1f} {100 * r95 / n:5.1f}")
        figures.record(f"cover80_{key.lower()}", round(100 * a80 / n, 2))
        figures.record(f"cover95_{key.lower()}", round(100 * a95 / n, 2))
        figures.record(f"r_cover80_{key.lower()}", round(100 * r80 / n, 2))
        figures.record(f"r_cover95_{key.lower()}", round(100 * r95 / n, 2))
    within = sum(abs(w - 1) < 0.01 for w in widths) / len(widths)
    print(f"95 % width invplan / R: median {statistics.median(widths):.4f}, "
          f"{100 * within:.1f} % of points within 1 %")
    figures.record("width95_median_ratio", round(statistics.median(widths), 4))


if __name__ == "__main__":
    if sys.argv[1] == "split":
        split(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        score(sys.argv[2])
