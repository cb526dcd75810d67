#!/usr/bin/python3
"""AUC and speed of `invplan detect` against scikit-learn's IsolationForest.

Usage: detect_compare.py INVPLAN DATA_DIR [SEEDS]
Both use 100 trees and psi = 256; each runs SEEDS seeds (default 5) per set and
the mean AUC is compared, with the standard error of the difference as noise.
"""
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import warnings

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

from figures import record

SETS = ["wine", "breast_cancer", "digits", "iris", "shuttle_like", "satellite_like",
        "pima_like", "ionosphere_like", "mammography_like"]


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    with open(path) as f:
        header = f.readline().strip().split(",")
    return data[:, :-1], data[:, -1], header[:-1]


def invplan_scores(binary, path, features, seed, threads=0, extra=()):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "scores.csv")
        cmd = [binary, "detect", "-q", "-i", path, "--features", ",".join(features),
               "--all-rows", "--format", "csv", "-o", out, "--seed", str(seed),
               "--threads", str(threads), *extra]
        subprocess.run(cmd, check=True)
        with open(out) as f:
            return np.array([float(r["score"]) for r in csv.DictReader(f)])


def quality(binary, data_dir, seeds):
    print(f"{'set':<18}{'rows':>7}{'cols':>5}  {'invplan AUC':>14}  {'sklearn AUC':>14}  "
          f"{'diff':>7}  verdict")
    ours_all, theirs_all, ok_all = [], [], True
    for name in SETS:
        path = os.path.join(data_dir, name + ".csv")
        x, y, features = load(path)
        ours = [roc_auc_score(y, invplan_scores(binary, path, features, s)) for s in seeds]
        theirs = []
        for s in seeds:
            f = IsolationForest(n_estimators=100, max_samples=256, random_state=s).fit(x)
            theirs.append(roc_auc_score(y, -f.score_samples(x)))
        mo, mt = statistics.mean(ours), statistics.mean(theirs)
        se = ((statistics.stdev(ours) ** 2 + statistics.stdev(theirs) ** 2) / len(seeds)) ** 0.5
        ok = mo >= mt - max(2 * se, 0.005)
        ok_all &= ok
        ours_all.append(mo)
        theirs_all.append(mt)
        record(f"auc.{name}.invplan", mo)
        record(f"auc.{name}.sklearn", mt)
        print(f"{name:<18}{len(y):>7}{x.shape[1]:>5}  {mo:.4f}±{statistics.stdev(ours):.4f}  "
              f"{mt:.4f}±{statistics.stdev(theirs):.4f}  {mo - mt:+.4f}  "
              f"{'ok' if ok else 'BELOW'}")
    mo, mt = statistics.mean(ours_all), statistics.mean(theirs_all)
    record("auc.mean.invplan", mo)
    record("auc.mean.sklearn", mt)
    print(f"{'mean':<30}  {mo:.4f}          {mt:.4f}          {mo - mt:+.4f}  "
          f"{'ok' if mo >= mt - 0.005 else 'BELOW'}")
    return ok_all and mo >= mt - 0.005


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def speed(binary, data_dir):
    path = os.path.join(data_dir, "speed_50k.csv")
    x, y, features = load(path)
    print(f"\nspeed: 50,000 x 9 table ({os.path.getsize(path) / 1e6:.1f} MB CSV); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    sk, sk_cpu = [], []
    for s in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        f = IsolationForest(n_estimators=100, max_samples=256, random_state=s).fit(x)
        f.score_samples(x)
        sk.append(time.perf_counter() - t0)
        sk_cpu.append(time.process_time() - c0)
    sk_t, sk_c = statistics.median(sk), statistics.median(sk_cpu)
    record("speed.sklearn.wall_ms", sk_t * 1000)
    record("speed.sklearn.cpu_ms", sk_c * 1000)
    print(f"  scikit-learn fit + score_samples in-process (no CSV parsing): "
          f"wall {sk_t * 1000:7.1f} ms, CPU {sk_c * 1000:7.1f} ms")
    ok = True
    for threads in (0, 1):
        runs, cpus = [], []
        for s in range(5):
            with tempfile.TemporaryDirectory() as tmp:
                cmd = [binary, "detect", "-q", "-i", path, "--features", ",".join(features),
                       "-o", os.path.join(tmp, "a.json"), "--seed", str(s),
                       "--threads", str(threads)]
                t0, c0 = time.perf_counter(), child_cpu()
                subprocess.run(cmd, check=True)
                runs.append(time.perf_counter() - t0)
                cpus.append(child_cpu() - c0)
        t, c = statistics.median(runs), statistics.median(cpus)
        label = "all cores" if threads == 0 else "1 thread "
        key = "speed.invplan_" + ("all_cores" if threads == 0 else "1_thread")
        record(key + ".wall_ms", t * 1000)
        record(key + ".cpu_ms", c * 1000)
        record(key + ".wall_ratio", sk_t / t)
        record(key + ".cpu_ratio", sk_c / max(c, 1e-3))
        print(f"  invplan detect, whole process ({label}, CSV in, JSON out): "
              f"wall {t * 1000:7.1f} ms, CPU {c * 1000:7.1f} ms"
              f"  -> {sk_t / t:5.1f}x (wall), {sk_c / max(c, 1e-3):5.1f}x (CPU)")
        if threads == 0:
            ok = sk_t / t >= 10
    if not ok:
        print("  (wall-clock ratio below 10x: compare the CPU ratio when the machine is loaded)")
    return ok


if __name__ == "__main__":
    warnings.filterwarnings("ignore", message="max_samples")
    binary, data_dir = sys.argv[1], sys.argv[2]
    seeds = list(range(int(sys.argv[3]) if len(sys.argv) > 3 else 5))
    q = quality(binary, data_dir, seeds)
    s = speed(binary, data_dir)
    print(f"\nquality goal (AUC >= scikit-learn within noise, each set and mean): "
          f"{'met' if q else 'NOT met'}")
    print(f"speed goal (>= 10x scikit-learn on 50,000 x 9): {'met' if s else 'NOT met'}")
    record("quality_goal", "met" if q else "not met")
    record("speed_goal", "met" if s else "not met")
