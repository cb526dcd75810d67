#!/usr/bin/python3
"""Generates a candidates CSV for `invplan optimize` benchmarks.

Each SKU gets about 23 candidate order quantities (multiples of its pack size)
whose value is a noisy concave expected profit; cost and volume are quantity
times a per-unit cost and a per-unit volume drawn independently, so budget and
capacity cut in different directions. Prints the budget and capacity that make
both binding (a fraction of what the unconstrained best plan would use).

usage: optimize_gen.py SKUS OUT.csv [SEED] [SUPPLIERS]
"""
import math
import random
import sys


def main():
    skus = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    n_sup = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    rng = random.Random(seed)
    best_cost = best_vol = 0.0
    with open(out, "w") as f:
        f.write("sku,quantity,cost,value,volume,supplier\n")
        for i in range(skus):
            mu = math.exp(rng.gauss(3.0, 1.0))
            unit_cost = rng.uniform(1.0, 50.0)
            margin = unit_cost * rng.uniform(0.3, 2.0)
            unit_vol = rng.uniform(0.01, 1.0)
            pack = max(1, round(mu / 8))
            n = rng.randint(20, 26)
            sup = "SUP%02d" % rng.randrange(n_sup) if n_sup else ""
            best = (0.0, 0.0, 0.0)
            for k in range(1, n + 1):
                q = pack * k
                sales = mu * (1.0 - math.exp(-q / mu))
                value = (margin + unit_cost) * sales - unit_cost * q
                value *= 1.0 + rng.uniform(-0.02, 0.02)
                value = round(value, 4)
                cost = round(unit_cost * q, 4)
                vol = round(unit_vol * q, 4)
                f.write("S%06d,%d,%r,%r,%r,%s\n" % (i, q, cost, value, vol, sup))
                if value > best[0]:
                    best = (value, cost, vol)
            best_cost += best[1]
            best_vol += best[2]
    print("budget=%.2f capacity=%.2f" % (0.45 * best_cost, 0.4 * best_vol))


if __name__ == "__main__":
    main()
