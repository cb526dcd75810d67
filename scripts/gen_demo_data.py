#!/usr/bin/env python3
"""Deterministic generator of the demo data in data/ (standard library only).

200 SKUs x 3 years of daily sales (2023-01-01..2025-12-31) with weekly and yearly
seasonality, trends, promotions and holidays (as columns), slow and intermittent
movers, stock-outs from a simulated replenishment process, returns, planted
anomalies and data errors (listed in data/anomalies_truth.csv), an items master,
future regressor values and supplier minimums.

    python3 scripts/gen_demo_data.py [--out data] [--seed 20231] [--truth-demand FILE]
                                     [--future-demand FILE [--future-paths N]]

--truth-demand also writes the true daily demand (date,sku,demand) of every SKU,
before stock-outs cut it to the sales and before data errors; --future-demand
writes N independent draws (default 100) of the next 28 days' demand from the
same process (path,date,sku,demand), with the promotions of future.csv. Both
use their own random draws, so the other files stay byte for byte the same.
"""
import argparse
import datetime as dt
import math
import os
import random

START = dt.date(2023, 1, 1)
END = dt.date(2025, 12, 31)
FUTURE_DAYS = 28
SUPPLIERS = ["ACME", "BOLT", "CORA", "DUNE", "EKKO"]


def holidays(year):
    """A fixed retail holiday calendar: dates with holiday=1."""
    days = {dt.date(year, 1, 1), dt.date(year, 5, 1), dt.date(year, 7, 4), dt.date(year, 12, 24),
            dt.date(year, 12, 25), dt.date(year, 12, 26), dt.date(year, 12, 31)}
    nov1 = dt.date(year, 11, 1)
    thanksgiving = nov1 + dt.timedelta(days=(3 - nov1.weekday()) % 7 + 21)
    days.add(thanksgiving)
    days.add(thanksgiving + dt.timedelta(days=1))  # Black Friday
    return days


def poisson(rng, lam):
    if lam <= 0:
        return 0
    if lam < 30:
        l, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= rng.random()
            if p <= l:
                return k
            k += 1
    return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))


def neg_binomial(rng, mean, size):
    if mean <= 0:
        return 0
    lam = rng.gammavariate(size, mean / size)
    return poisson(rng, lam)


def draw_demand(rng, s, m):
    """One period's demand of SKU s with mean level m (before stock-outs)."""
    if s["kind"] == "intermittent":
        return neg_binomial(rng, m * 8, 1.0) if rng.random() < 0.125 else 0
    if s["kind"] == "erratic":
        return neg_binomial(rng, m, s["size"])
    return poisson(rng, m)


def fmt(x):
    s = ("%.2f" % x).rstrip("0").rstrip(".")
    return s if s else "0"


def make_sku(rng, i):
    kind = "smooth" if i < 90 else "erratic" if i < 120 else "slow" if i < 160 else "intermittent"
    if kind == "smooth":
        level = math.exp(rng.uniform(math.log(8), math.log(80)))
    elif kind == "erratic":
        level = math.exp(rng.uniform(math.log(5), math.log(40)))
    elif kind == "slow":
        level = rng.uniform(0.8, 3.0)
    else:
        level = rng.uniform(0.05, 0.4)
    cost = round(rng.uniform(1.5, 60.0), 2)
    return {
        "sku": "SKU-%03d" % (i + 1), "kind": kind, "level": level,
        "trend": rng.uniform(-0.25, 0.35),                # relative change per year
        "weekly": [1.0 + rng.uniform(-0.15, 0.15) for _ in range(5)] + [rng.uniform(1.1, 1.5), rng.uniform(0.7, 1.3)],
        "yearly_amp": rng.uniform(0.0, 0.45), "yearly_phase": rng.uniform(0, 2 * math.pi),
        "xmas": rng.uniform(0.0, 0.8), "promo_lift": rng.uniform(1.4, 2.6),
        "holiday_lift": rng.uniform(0.6, 1.6), "size": rng.uniform(1.5, 6.0),
        "cost": cost, "price": round(cost * rng.uniform(1.3, 2.2), 2),
        "pack": rng.choice([1, 1, 1, 6, 12, 24]) if kind in ("smooth", "erratic") else 1,
        "lead": rng.choice([1, 2, 3, 5, 7]), "supplier": rng.choice(SUPPLIERS),
        "volume": round(rng.uniform(0.001, 0.05), 4),
    }


def mean_demand(s, day, promo, holiday):
    t = (day - START).days / 365.25
    m = s["level"] * (1.0 + s["trend"] * t) * s["weekly"][day.weekday()]
    m *= 1.0 + s["yearly_amp"] * math.sin(2 * math.pi * day.timetuple().tm_yday / 365.25 + s["yearly_phase"])
    if day.month == 12 and day.day <= 24:
        m *= 1.0 + s["xmas"] * day.day / 24.0
    if promo:
        m *= s["promo_lift"]
    if holiday:
        m *= 0.0 if (day.month == 12 and day.day == 25) else s["holiday_lift"]
    return max(m, 0.0)


def promo_days(rng, s, start, end):
    days = set()
    if s["kind"] not in ("smooth", "erratic"):
        return days
    d = start + dt.timedelta(days=rng.randint(10, 60))
    while d <= end:
        length = rng.randint(3, 7)
        for k in range(length):
            days.add(d + dt.timedelta(days=k))
        d += dt.timedelta(days=rng.randint(40, 80))
    return days


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data"))
    ap.add_argument("--seed", type=int, default=20231)
    ap.add_argument("--truth-demand", metavar="FILE",
                    help="also write the true demand per day and SKU (date,sku,demand)")
    ap.add_argument("--future-demand", metavar="FILE",
                    help="also write draws of the next 28 days' demand (path,date,sku,demand)")
    ap.add_argument("--future-paths", type=int, default=100, metavar="N",
                    help="number of independent draws for --future-demand (default 100)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    hol = set()
    for y in range(START.year, END.year + 2):
        hol |= holidays(y)
    days = [START + dt.timedelta(days=k) for k in range((END - START).days + 1)]
    future = [END + dt.timedelta(days=k + 1) for k in range(FUTURE_DAYS)]
    skus = [make_sku(rng, i) for i in range(200)]

    truth = []
    demand_rows = []  # (date, sku, true demand), only kept with --truth-demand
    sales_rows = []
    future_rows = []
    items = []
    promos_of = []
    for s in skus:
        promos = promo_days(rng, s, START, future[-1])
        promos_of.append(promos)
        # Planted events, chosen up front so the replenishment simulation sees them.
        spike_days, drop_days, error_days, delay_days = {}, set(), {}, set()
        if s["kind"] in ("smooth", "erratic") and rng.random() < 0.35:
            d = rng.choice(days[60:-30])
            spike_days[d] = rng.uniform(6, 12)
            truth.append((s["sku"], d, "demand_spike"))
        if s["kind"] == "smooth" and rng.random() < 0.2:
            d = rng.choice(days[60:-30])
            for k in range(rng.randint(2, 4)):
                drop_days.add(d + dt.timedelta(days=k))
                truth.append((s["sku"], d + dt.timedelta(days=k), "demand_drop"))
        if s["kind"] in ("smooth", "erratic") and rng.random() < 0.15:
            d = rng.choice(days[60:-30])
            error_days[d] = rng.choice([100, 1000])
            truth.append((s["sku"], d, "data_error"))
        if s["kind"] == "smooth" and rng.random() < 0.15:
            d = rng.choice(days[60:-60])
            for k in range(rng.randint(5, 10)):
                delay_days.add(d + dt.timedelta(days=k))
        # Replenishment: order-up-to with the item's lead time; a supply delay holds
        # back arrivals, which empties the shelf (a stock-out in the truth file).
        daily = max(s["level"], 0.05)
        order_up_to = math.ceil(daily * (s["lead"] + 7) * 1.6 + 3)
        reorder = math.ceil(daily * (s["lead"] + 2) + 2)
        on_hand = order_up_to
        pipeline = []  # (arrival day index, qty)
        held = []
        for k, d in enumerate(days):
            arrived = 0
            keep = []
            for (a, q) in pipeline:
                if a <= k:
                    if d in delay_days:
                        held.append(q)
                    else:
                        arrived += q
                else:
                    keep.append((a, q))
            pipeline = keep
            if held and d not in delay_days:
                arrived += sum(held)
                held = []
            on_hand += arrived
            promo = 1 if d in promos else 0
            holiday = 1 if d in hol else 0
            m = mean_demand(s, d, promo, holiday)
            if d in spike_days:
                m *= spike_days[d]
            if d in drop_days:
                m *= 0.08
            demand = draw_demand(rng, s, m)
            sold = min(demand, on_hand)
            if args.truth_demand:
                demand_rows.append((d, s["sku"], demand))
            if d in delay_days and on_hand == 0 and demand > 0:
                truth.append((s["sku"], d, "stockout"))
            on_hand -= sold
            position = on_hand + sum(q for _, q in pipeline) + sum(held)
            if position <= reorder:
                q = order_up_to - position
                if s["pack"] > 1:
                    q = int(math.ceil(q / s["pack"]) * s["pack"])
                pipeline.append((k + s["lead"], q))
            price = s["price"] * (0.8 if promo else 1.0)
            qty = sold
            if d in error_days:
                qty = sold * error_days[d] if sold > 0 else error_days[d]
            # Slow and intermittent items only appear on days they sell (as exports do).
            if s["kind"] in ("slow", "intermittent") and qty == 0 and rng.random() < 0.85:
                continue
            # Export gaps: a smooth item's row sometimes simply missing.
            if s["kind"] == "smooth" and rng.random() < 0.003:
                continue
            sales_rows.append((d, s["sku"], qty, price, promo, holiday, on_hand))
            if qty > 2 and rng.random() < 0.01:  # a return booked as its own row
                sales_rows.append((d, s["sku"], -rng.randint(1, 2), price, promo, holiday, on_hand))
        for d in future:
            promo = 1 if d in promos else 0
            future_rows.append((d, s["sku"], promo, 1 if d in hol else 0,
                                s["price"] * (0.8 if promo else 1.0)))
        moq = s["pack"] * rng.choice([1, 1, 2, 4]) if s["pack"] > 1 else rng.choice([1, 1, 5, 10])
        items.append((s["sku"], s["cost"], s["price"], round(s["cost"] * 0.25 / 365, 5), s["pack"],
                      moq, max(moq, int(math.ceil(s["level"] * 60 / max(s["pack"], 1))) * max(s["pack"], 1)),
                      s["lead"], s["volume"], s["supplier"], on_hand,
                      sum(q for _, q in pipeline) + sum(held)))

    sales_rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(args.out, "sales.csv"), "w", newline="\n") as f:
        f.write("date,sku,quantity,price,promo,holiday,on_hand\n")
        for d, sku, q, p, pr, h, oh in sales_rows:
            f.write("%s,%s,%d,%s,%d,%d,%d\n" % (d.isoformat(), sku, q, fmt(p), pr, h, oh))
    with open(os.path.join(args.out, "future.csv"), "w", newline="\n") as f:
        f.write("date,sku,promo,holiday,price\n")
        for d, sku, pr, h, p in sorted(future_rows, key=lambda r: (r[0], r[1])):
            f.write("%s,%s,%d,%d,%s\n" % (d.isoformat(), sku, pr, h, fmt(p)))
    with open(os.path.join(args.out, "items.csv"), "w", newline="\n") as f:
        f.write("sku,unit_cost,price,holding_cost,pack_size,moq,max_qty,lead_time,volume,supplier,on_hand,on_order\n")
        for r in items:
            f.write("%s,%s,%s,%s,%d,%d,%d,%d,%s,%s,%d,%d\n" % (r[0], fmt(r[1]), fmt(r[2]), repr(r[3]), r[4], r[5],
                                                              r[6], r[7], repr(r[8]), r[9], r[10], r[11]))
    with open(os.path.join(args.out, "supplier_minimums.csv"), "w", newline="\n") as f:
        f.write("supplier,min_value\n")
        for k, sup in enumerate(SUPPLIERS):
            f.write("%s,%d\n" % (sup, [150, 300, 0, 500, 250][k]))
    with open(os.path.join(args.out, "anomalies_truth.csv"), "w", newline="\n") as f:
        f.write("sku,date,type\n")
        for sku, d, kind in sorted(set(truth), key=lambda r: (r[0], r[1], r[2])):
            f.write("%s,%s,%s\n" % (sku, d.isoformat(), kind))
    if args.truth_demand:
        with open(args.truth_demand, "w", newline="\n") as f:
            f.write("date,sku,demand\n")
            for d, sku, q in sorted(demand_rows, key=lambda r: (r[0], r[1])):
                f.write("%s,%s,%d\n" % (d.isoformat(), sku, q))
    if args.future_demand:
        write_future_demand(args, skus, promos_of, future, hol)


def write_future_demand(args, skus, promos_of, future, hol):
    """Independent draws of the future days' demand, from a generator of their own."""
    rng = random.Random(args.seed * 1000003 + 17)
    with open(args.future_demand, "w", newline="\n") as f:
        f.write("path,date,sku,demand\n")
        for path in range(args.future_paths):
            for s, promos in zip(skus, promos_of):
                for d in future:
                    m = mean_demand(s, d, 1 if d in promos else 0, 1 if d in hol else 0)
                    f.write("%d,%s,%s,%d\n" % (path, d.isoformat(), s["sku"], draw_demand(rng, s, m)))


if __name__ == "__main__":
    main()
