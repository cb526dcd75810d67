"""Figures of a benchmark for its JSON file (see scripts/bench.sh): record(key, value)
appends to the file named by $BENCH_FIGURES, and does nothing without it."""
import math
import os


def record(key, value):
    path = os.environ.get("BENCH_FIGURES")
    if not path:
        return
    if isinstance(value, float) and not math.isfinite(value):
        value = "nan"
    elif isinstance(value, float):
        value = repr(round(value, 6))
    with open(path, "a") as f:
        f.write(f"{key}\t{value}\n")
