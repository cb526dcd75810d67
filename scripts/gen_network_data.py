#!/usr/bin/env python3
"""Deterministic generator of the demo network in data/ (standard library only).

One distribution centre (DC, 7 days from supplier ACME) feeding ten stores
(S01..S10, 1 day from the DC): data/network.csv, and one year (2025) of daily
sales per store for four SKUs with a weekly pattern: data/network_sales.csv
(columns date,sku,location,quantity), and tonight's stock per SKU and location:
data/network_stock.csv (sku,location,on_hand,on_order; the DC runs short of NW-100).

    python3 scripts/gen_network_data.py [--out data] [--seed 7]
"""
import argparse
import datetime as dt
import math
import os
import random

START = dt.date(2025, 1, 1)
DAYS = 365
SKUS = {"NW-100": 6.0, "NW-200": 2.5, "NW-300": 12.0, "NW-400": 1.2}  # chain-wide level per store
WEEK = [0.9, 0.85, 0.9, 1.0, 1.15, 1.3, 0.9]


def poisson(rng, lam):
    if lam <= 0:
        return 0
    l, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= l:
            return k
        k += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="data")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    stores = ["S%02d" % i for i in range(1, 11)]
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "network.csv"), "w") as f:
        f.write("location,parent,lead_time,holding_cost,capacity,transport_cost\n")
        f.write("DC,ACME,7,0.02,50000,0.10\n")
        for s in stores:
            f.write("%s,DC,1,0.05,,0.25\n" % s)
    # Store sizes differ: each store's share of the chain level.
    size = {s: rng.uniform(0.5, 1.8) for s in stores}
    with open(os.path.join(a.out, "network_sales.csv"), "w") as f:
        f.write("date,sku,location,quantity\n")
        for d in range(DAYS):
            day = START + dt.timedelta(days=d)
            for sku, level in SKUS.items():
                for s in stores:
                    # Gamma-mixed Poisson: more spread than Poisson, as store sales are.
                    lam = level * size[s] * WEEK[day.weekday()] * rng.gammavariate(4.0, 0.25)
                    f.write("%s,%s,%s,%d\n" % (day.isoformat(), sku, s, poisson(rng, lam)))
    # Tonight's stock (its own random stream, so the sales above do not depend on it).
    srng = random.Random(a.seed + 1)
    dc_stock = {"NW-100": 40, "NW-200": 300, "NW-300": 900, "NW-400": 150}
    with open(os.path.join(a.out, "network_stock.csv"), "w") as f:
        f.write("sku,location,on_hand,on_order\n")
        for sku, level in SKUS.items():
            f.write("%s,DC,%d,%d\n" % (sku, dc_stock[sku], 0))
            for s in stores:
                f.write("%s,%s,%d,0\n" % (sku, s, int(srng.uniform(0.0, 2.0) * level * size[s])))


if __name__ == "__main__":
    main()
