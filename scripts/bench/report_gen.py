#!/usr/bin/env python3
"""Synthetic artifacts of a large catalogue for `invplan report`: forecast.json (with a
backtest per SKU), clean.csv, anomalies.json and orders.json, deterministic.

Usage: report_gen.py --skus N [--days D] [--horizon H] [--ordered K] [--dense M] --out DIR

--dense M gives M SKUs an anomaly on every day of their history (the worst case for the
page's size); otherwise every 100th SKU has one.
"""
import argparse
import datetime
import json
import os
import random


def envelope(fmt, schema):
    return {"format": fmt, "schema_version": schema, "invplan_version": "0.1.0",
            "created_at": "2026-01-01T00:00:00Z", "command": ["report_gen.py"],
            "config": {}, "inputs": []}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--skus", type=int, required=True)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--horizon", type=int, default=28)
    ap.add_argument("--ordered", type=int, default=5000)
    ap.add_argument("--dense", type=int, default=0)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rnd = random.Random(1)
    start = datetime.date(2025, 10, 3)
    days = [(start + datetime.timedelta(d)).isoformat() for d in range(a.days)]
    fdays = [(start + datetime.timedelta(a.days + d)).isoformat() for d in range(a.horizon)]
    skus = ["S%06d" % i for i in range(a.skus)]
    level = {s: 5 + rnd.random() * 50 for s in skus}

    with open(os.path.join(a.out, "clean.csv"), "w") as f:
        f.write("date,sku,quantity\n")
        for s in skus:
            m = level[s]
            f.write("".join("%s,%s,%d\n" % (d, s, max(0, int(rnd.gauss(m, m / 3))))
                            for d in days))

    with open(os.path.join(a.out, "forecast.json"), "w") as f:
        doc = envelope("invplan.forecast", 2)
        doc.update({"frequency": "D", "horizon": a.horizon, "levels": [80, 95],
                    "clipped_at_zero": True})
        head = json.dumps(doc)[:-1]
        f.write(head + ', "series": [\n')
        for i, s in enumerate(skus):
            m = level[s]
            pts = ",".join(
                '{"date":"%s","mean":%.1f,"lo80":%.1f,"hi80":%.1f,"lo95":%.1f,"hi95":%.1f}'
                % (d, m, m * 0.6, m * 1.4, m * 0.4, m * 1.6) for d in fdays)
            mase = 0.5 + rnd.random()
            f.write(('%s{"sku":"%s","model":{"name":"arima","spec":"ARIMA(1,0,0)"},'
                     '"demand_class":"smooth","status":"ok","history_end":"%s","forecast":[%s],'
                     '"backtest":{"holdout":14,"model":{"mase":%.3f,"coverage80":%.2f,'
                     '"coverage95":%.2f},"snaive":{"mase":1.0}}}\n')
                    % ("," if i else "", s, days[-1], pts, mase, 0.7 + 0.2 * rnd.random(),
                       0.85 + 0.15 * rnd.random()))
        f.write("]}\n")

    doc = envelope("invplan.anomalies", 1)
    doc.update({"mode": "inventory", "threshold": 0.6, "records": []})
    explanation = [{"feature": "quantity", "value": 99, "expected": 10, "share": 0.5},
                   {"feature": "deviation", "value": 7.5, "expected": 0, "share": 0.3},
                   {"feature": "change", "value": 80, "expected": 1.5, "share": 0.2}]
    for i in range(0, a.skus, 100):
        doc["records"].append({"row": i, "line": i + 2, "sku": skus[i], "date": days[-10],
                               "score": 0.7, "anomaly": True, "type": "demand_spike",
                               "explanation": explanation})
    for i in range(min(a.dense, a.skus)):
        for k, d in enumerate(days):
            doc["records"].append({"row": k, "line": k + 2, "sku": skus[-1 - i], "date": d,
                                   "score": 0.6 + 0.001 * (k % 300),
                                   "anomaly": True, "type": ["demand_spike", "stockout"][k % 2],
                                   "explanation": explanation})
    with open(os.path.join(a.out, "anomalies.json"), "w") as f:
        json.dump(doc, f)

    doc = envelope("invplan.orders", 1)
    lines = []
    for i in range(min(a.ordered, a.skus)):
        s = skus[i * (a.skus // max(1, min(a.ordered, a.skus)))]
        lines.append({"sku": s, "quantity": 10, "cost": 10 + i % 97, "value": 3.5,
                      "volume": 0.1, "supplier": "SUP%02d" % (i % 20)})
    spend = sum(x["cost"] for x in lines)
    doc.update({"mode": "plan", "status": "optimal", "objective": 3.5 * len(lines),
                "budget": spend * 1.01, "budget_used": spend, "capacity": None,
                "capacity_used": 0.1 * len(lines),
                "suppliers": [{"supplier": "SUP%02d" % k, "min_value": 500.0,
                               "spend": sum(x["cost"] for x in lines[k::20]),
                               "skus": len(lines[k::20])} for k in range(20)],
                "notes": [], "lines": lines})
    with open(os.path.join(a.out, "orders.json"), "w") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    main()
