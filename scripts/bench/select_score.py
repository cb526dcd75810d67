"""Scores forecasts of competition series (select.sh, m4_weekly.sh): sMAPE (M3/M4's
200|y - f| / (|y| + |f|)) and MASE (MAE over the in-sample MAE of the naive at lag
--mase-lag: "season" = the series' seasonal period when the training part is longer,
or 1) per period name and overall, per method, with the CPU seconds each log reports
("cpu NAME SECONDS" lines).

Usage: select_score.py LONG.csv INFO.csv OURS.csv OURS.log [REF.csv REF.log PREFIX]
       [--mase-lag season|1]
OURS.csv: series,period,step,actual,METHOD...; REF.csv: series,step,METHOD... (PREFIX is
put before its method names)."""
import collections
import csv
import math
import sys

sys.path.insert(0, "scripts/bench")
from figures import record  # noqa: E402

args = [a for a in sys.argv[1:] if not a.startswith("--")]
lag_rule = "season"
if "--mase-lag" in sys.argv:
    lag_rule = sys.argv[sys.argv.index("--mase-lag") + 1]
    args.remove(lag_rule)
long_csv, info_csv, ours_csv, ours_log = args[:4]
ref = args[4:7] if len(args) >= 7 else None

train = collections.defaultdict(list)
with open(long_csv) as f:
    for r in csv.DictReader(f):
        if r["split"] == "train":
            train[r["series"]].append(float(r["value"]))
season = {}
with open(info_csv) as f:
    rd = csv.reader(f)
    next(rd)
    for row in rd:
        season[row[0]] = int(row[7])

rows = collections.defaultdict(list)
with open(ours_csv) as f:
    rd = csv.DictReader(f)
    methods = rd.fieldnames[4:]
    for r in rd:
        rows[r["series"]].append(r)
cpu = {}


def read_cpu(path, prefix):
    for line in open(path):
        w = line.split()
        if len(w) == 3 and w[0] == "cpu":
            cpu[prefix + w[1]] = float(w[2])


read_cpu(ours_log, "")
refs = collections.defaultdict(dict)
if ref:
    ref_csv, ref_log, prefix = ref
    read_cpu(ref_log, prefix)
    with open(ref_csv) as f:
        rd = csv.DictReader(f)
        ref_methods = [m for m in rd.fieldnames[2:] if not m.startswith("cpu_")]
        for r in rd:
            refs[r["series"]][int(r["step"])] = r
    methods = [prefix + m for m in ref_methods] + methods


def smape(a, f):
    return sum(200 * abs(x - y) / (abs(x) + abs(y)) if abs(x) + abs(y) > 0 else 0
               for x, y in zip(a, f)) / len(a)


def mase(s, a, f):
    y = train[s]
    lag = season[s] if lag_rule == "season" and len(y) > season[s] else 1
    scale = sum(abs(y[t] - y[t - lag]) for t in range(lag, len(y))) / (len(y) - lag)
    return sum(abs(x - z) for x, z in zip(a, f)) / len(a) / scale if scale > 0 else math.nan


acc = collections.defaultdict(lambda: collections.defaultdict(list))
skipped = 0
for s, rs in rows.items():
    if ref and s not in refs:  # a reference run stopped early: the series both have
        skipped += 1
        continue
    a = [float(r["actual"]) for r in rs]
    fc = {}
    for m in methods:
        if ref and m.startswith(ref[2]):
            fc[m] = [float(refs[s][int(r["step"])][m[len(ref[2]):]]) for r in rs]
        else:
            fc[m] = [float(r[m]) for r in rs]
    for key in (rs[0]["period"], "ALL"):
        acc[key]["n"].append(1)
        for m in methods:
            acc[key]["smape " + m].append(smape(a, fc[m]))
            acc[key]["mase " + m].append(mase(s, a, fc[m]))


def mean(v):
    v = [x for x in v if math.isfinite(x)]
    return sum(v) / max(1, len(v))


if skipped:
    print(f"{skipped} series left out: not in the reference run")
periods = [k for k in acc if k != "ALL"] + ["ALL"]
print(f"sMAPE (%) and MASE (lag {lag_rule}) per method; CPU seconds on one core")
head = f"{'method':24}" + "".join(f"{k + ' (' + str(len(acc[k]['n'])) + ')':>22}" for k in periods)
print(head + f"{'CPU s':>10}")
for m in methods:
    line = f"{m:24}"
    for k in periods:
        sm, ma = mean(acc[k]["smape " + m]), mean(acc[k]["mase " + m])
        line += f"{sm:13.2f} ({ma:6.3f})"
        record(f"{k}.smape.{m}", round(sm, 4))
        record(f"{k}.mase.{m}", round(ma, 4))
    line += f"{cpu[m]:10.1f}" if m in cpu else f"{'':10}"
    if m in cpu:
        record(f"cpu_seconds.{m}", cpu[m])
    print(line)
