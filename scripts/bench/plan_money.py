#!/usr/bin/env python3
"""The money of tonight's plan: the demo SKUs' next 28 days under three ordering rules.

    plan_money.py LATEST_DIR ITEMS_CSV FUTURE_CSV FUTURE_DEMAND_CSV [ORDERS_SINGLE_JSON]

Each rule decides every night, from the SKU's stock (on hand and open orders with
their arrival days) and tonight's forecast artifact:
  policy      the SKU's replenishment policy of policies.json (its table: the
              state is mapped to the model's lots as `train-rl --stock` maps it;
              outside its table, an (s,S) policy uses s and S, an exact one the
              order of the nearest state listed, which keeps its stock position)
  single      the single-period plan mode of `optimize`: the quantity of highest
              expected profit over lead time + 1 period (price x sales - holding x
              leftover - unit cost x quantity), from the window's demand
  mean        order up to the forecast mean over lead time + 1 period
Days of demand are independent draws of the demo generator's own demand process
(gen_demo_data.py --future-demand); every rule sees the same draws (common random
numbers). Lost sales; orders arrive after the item's lead time; stock is
unlimited; no budget, capacity or supplier minimum (they bind every rule alike).
Money per path: revenue at each day's price - purchases - holding, plus what is
on hand or on order after 28 days at unit cost. Standard library only.
"""
import csv
import json
import math
import statistics
import sys
from collections import defaultdict


def count_pmf(mean, var, tail=1e-10):
    """P(D = k) of the count distribution with these moments (Poisson or NB)."""
    if mean <= 0:
        return [1.0]
    var = max(var, mean)
    out = []
    if var <= mean * (1 + 1e-9):
        p = math.exp(-mean)
        k = 0
        acc = 0.0
        while True:
            out.append(p)
            acc += p
            if acc > 1 - tail and k > mean:
                break
            k += 1
            p *= mean / k
    else:
        prob = mean / var
        size = mean * mean / (var - mean)
        p = math.exp(size * math.log(prob))
        k = 0
        acc = 0.0
        while True:
            out.append(p)
            acc += p
            if (acc > 1 - tail and k > mean) or k > 10 * mean + 1000:
                break
            p *= (k + size) / (k + 1) * (1 - prob)
            k += 1
    s = sum(out)
    return [x / s for x in out]


def expected_sales_table(mean, var):
    """S[y] = E[min(D, y)] for whole y = 0..len-1 (constant beyond)."""
    pmf = count_pmf(mean, var)
    s, tail, table = 0.0, 1.0, [0.0]
    for p in pmf:
        tail -= p
        s += max(tail, 0.0)
        table.append(s)
    return table


def sales_at(table, y):
    if y <= 0:
        return 0.0
    return table[min(int(y), len(table) - 1)]


class Window:
    """Forecast demand over days t..t+n-1 of one SKU (repeating the last day)."""

    def __init__(self, series):
        pts = series["forecast"]
        self.mean = [max(0.0, p["mean"]) for p in pts]
        self.var = []
        for p, m in zip(pts, self.mean):
            sd = p["distribution"].get("sigma", 0.0) if "distribution" in p else 0.0
            self.var.append(max(m, sd * sd))
        self.cum = series.get("cumulative") or []

    def moments(self, t, n):
        h = len(self.mean)
        idx = [min(t + k, h - 1) for k in range(n)]
        mean = sum(self.mean[i] for i in idx)
        var = sum(self.var[i] for i in idx)
        # Tonight's recorded total over n days carries the forecast errors'
        # correlation; later windows borrow its widening factor.
        if self.cum:
            c = self.cum[min(n, len(self.cum)) - 1]
            base = sum(self.var[min(k, h - 1)] for k in range(n))
            if base > 0 and c["variance"] > 0:
                var *= c["variance"] / base
        return mean, max(var, mean)


def state_key(env, on_hand, open_orders, t):
    """The policy table's row key for the stock, as rl/stock.cc maps it."""
    unit, L = env["unit"], env["lead_time"]
    allowed = env["order_quantities"]
    slots = max(L - 1, 0)
    slot = [0.0] * slots
    for arrival, q in open_orders:
        k = arrival - t
        if k <= 0 or slots == 0:
            on_hand += q
        else:
            slot[min(k - 1, slots - 1)] += q
    pipe = []
    for v in slot:
        if v <= 0:
            pipe.append(0)
            continue
        lots = math.floor(v / unit + 0.5) * unit
        best = min(allowed, key=lambda a: (abs(a - lots), a))
        if lots > allowed[-1]:
            best = allowed[-1]
            on_hand += lots - best
        pipe.append(best)
    oh = min(math.floor(on_hand / unit + 0.5) * unit, env["max_inventory"])
    return (max(oh, 0), tuple(pipe))


class PolicyRule:
    def __init__(self, pol):
        self.env = pol["environment"]
        self.table = {}
        for row in pol["policy"]["table"]:
            self.table[(row[0], tuple(row[2:]))] = row[1]
        ev = pol["evaluation"]["policy"]
        self.s = ev.get("s")
        self.S = ev.get("S")
        self.by_position = defaultdict(list)
        for (oh, pipe), q in self.table.items():
            self.by_position[oh + sum(pipe)].append(((oh,) + pipe, q))
        self.positions = sorted(self.by_position)
        self.misses = 0
        self.calls = 0

    def nearest(self, key):
        """A state outside the table (the artifact lists the states reachable
        from an empty start): the order of the table's state of the nearest
        position, the closest in on hand and pipeline among those."""
        position = key[0] + sum(key[1])
        vec = (key[0],) + key[1]
        near = min(self.positions, key=lambda p: (abs(p - position), p))
        row = min(self.by_position[near],
                  key=lambda r: (sum(abs(a - b) for a, b in zip(r[0], vec)), r[0]))
        # Keep the position the nearest row orders up to.
        want = near + row[1] - position
        if want <= 0 or row[1] == 0:
            return 0
        allowed = self.env["order_quantities"]
        return min(allowed[1:], key=lambda a: (abs(a - want), a))

    def order(self, on_hand, open_orders, t):
        key = state_key(self.env, on_hand, open_orders, t)
        self.calls += 1
        if key in self.table:
            return self.table[key]
        self.misses += 1
        if self.S is not None and self.s is not None:
            position = key[0] + sum(key[1])
            want = self.S - position if position <= self.s else 0
            if want <= 0:
                return 0
            allowed = self.env["order_quantities"]
            return min(allowed[1:], key=lambda a: (abs(a - want), a))
        return self.nearest(key) if self.positions else 0


def candidates(item, mean, sd, pos):
    pack = item["pack"]
    first = item["moq"] if item["moq"] > 0 else pack
    qmax = item["max_qty"]
    if qmax <= 0:
        qmax = max(first, max(mean + 6 * sd, 2 * mean) - pos + pack)
    k = 0
    while True:
        q = first + k * pack
        if q > qmax + 1e-9:
            break
        yield q
        k += 1


class SingleRule:
    """optimize's single-period plan value, decided every night."""

    def __init__(self, item, window):
        self.item, self.window = item, window
        self.tables = {}
        self.memo = {}

    def order(self, on_hand, open_orders, t):
        pos = on_hand + sum(q for _, q in open_orders)
        key = (t, pos)
        if key in self.memo:
            return self.memo[key]
        it = self.item
        n = it["lead"] + 1
        mean, var = self.window.moments(t, n)
        if t not in self.tables:
            self.tables[t] = expected_sales_table(mean, var)
        table = self.tables[t]

        def profit(y):
            s = sales_at(table, y)
            return it["price"] * s - it["holding"] * (y - s)

        base = profit(pos)
        best_q, best_v = 0, 0.0
        for q in candidates(it, mean, math.sqrt(var), pos):
            v = profit(pos + q) - base - it["cost"] * q
            if v > best_v:
                best_q, best_v = q, v
            elif v < best_v:
                break
        self.memo[key] = best_q
        return best_q


class MeanRule:
    def __init__(self, item, window):
        self.item, self.window = item, window

    def order(self, on_hand, open_orders, t):
        it = self.item
        mean, _ = self.window.moments(t, it["lead"] + 1)
        want = mean - on_hand - sum(q for _, q in open_orders)
        if want <= 0:
            return 0
        q = math.ceil(want / it["pack"] - 1e-9) * it["pack"]
        return max(q, it["moq"])


def simulate(rule, item, demand, price):
    """One path of one SKU: (money, sales, demand, spend, average stock, end stock value)."""
    on_hand = item["on_hand"]
    open_orders = [(1, item["on_order"])] if item["on_order"] > 0 else []
    money = spend = sold = stock_days = 0.0
    for t, d in enumerate(demand):
        on_hand += sum(q for a, q in open_orders if a == t)
        open_orders = [(a, q) for a, q in open_orders if a > t]
        q = rule.order(on_hand, open_orders, t)
        if q > 0:
            spend += q * item["cost"]
            if item["lead"] == 0:
                on_hand += q
            else:
                open_orders.append((t + item["lead"], q))
        s = min(on_hand, d)
        on_hand -= s
        sold += s
        money += price[t] * s - item["holding"] * on_hand
        stock_days += on_hand
    end_value = (on_hand + sum(q for _, q in open_orders)) * item["cost"]
    money += end_value - spend
    return money, sold, sum(demand), spend, stock_days / len(demand), end_value


def main():
    latest, items_csv, future_csv, demand_csv = sys.argv[1:5]
    single_json = sys.argv[5] if len(sys.argv) > 5 else None
    policies = {p["sku"]: p for p in json.load(open(latest + "/policies.json"))["policies"]}
    series = {s["sku"]: s for s in json.load(open(latest + "/forecast.json"))["series"]}
    items = {}
    for r in csv.DictReader(open(items_csv)):
        items[r["sku"]] = {
            "cost": float(r["unit_cost"]), "price": float(r["price"]),
            "holding": float(r["holding_cost"]), "pack": int(r["pack_size"]),
            "moq": int(r["moq"]), "max_qty": int(r["max_qty"]), "lead": int(r["lead_time"]),
            "on_hand": float(r["on_hand"]), "on_order": float(r["on_order"])}
    dates = sorted({r["date"] for r in csv.DictReader(open(future_csv))})
    price = defaultdict(dict)
    for r in csv.DictReader(open(future_csv)):
        price[r["sku"]][r["date"]] = float(r["price"])
    paths = defaultdict(lambda: defaultdict(dict))
    for r in csv.DictReader(open(demand_csv)):
        paths[int(r["path"])][r["sku"]][r["date"]] = int(r["demand"])
    skus = sorted(s for s in items if s in policies and s in series)
    names = ("policy", "single", "mean")
    rules = {}
    for sku in skus:
        w = Window(series[sku])
        rules[sku] = {"policy": PolicyRule(policies[sku]), "single": SingleRule(items[sku], w),
                      "mean": MeanRule(items[sku], w)}
    # Tonight's decisions against the stages' own: the policy table's order
    # (policies.json today.policy_order) and optimize's single-period plan.
    agree = sum(rules[s]["policy"].order(items[s]["on_hand"],
                                         [(1, items[s]["on_order"])] if items[s]["on_order"] > 0
                                         else [], 0) == policies[s]["today"]["policy_order"]
                for s in skus)
    print(f"   check: tonight's policy order reproduced for {agree} of {len(skus)} SKUs")
    if single_json:
        lines = {l["sku"]: l["quantity"] for l in json.load(open(single_json))["lines"]}
        same = 0
        for s in skus:
            it = items[s]
            q = rules[s]["single"].order(it["on_hand"], [(1, it["on_order"])] if it["on_order"] > 0
                                         else [], 0)
            same += abs(q - lines.get(s, 0)) < 1e-6
        print(f"   check: optimize's single-period quantities reproduced for {same} of {len(skus)}")
    for r in rules.values():
        r["policy"].misses = r["policy"].calls = 0
    totals = {n: [] for n in names}
    for path in sorted(paths):
        agg = {n: [0.0] * 6 for n in names}
        for sku in skus:
            demand = [paths[path][sku].get(d, 0) for d in dates]
            pr = [price[sku].get(d, items[sku]["price"]) for d in dates]
            for n in names:
                out = simulate(rules[sku][n], items[sku], demand, pr)
                agg[n] = [a + b for a, b in zip(agg[n], out)]
        for n in names:
            totals[n].append(agg[n])
    misses = sum(r["policy"].misses for r in rules.values())
    calls = sum(r["policy"].calls for r in rules.values())
    R = len(totals["policy"])
    print(f"   {len(skus)} SKUs, 28 days, {R} demand paths; policy states outside their table: "
          f"{misses} of {calls} ({100.0 * misses / max(calls, 1):.2f} %)")
    print("   rule     money/28 days (95% CI)  fill rate       spend  avg stock  end stock at cost")
    result = {}
    for n in names:
        money = [a[0] for a in totals[n]]
        m = statistics.mean(money)
        ci = 1.96 * statistics.stdev(money) / math.sqrt(R) if R > 1 else 0.0
        fill = sum(a[1] for a in totals[n]) / sum(a[2] for a in totals[n])
        spend = statistics.mean(a[3] for a in totals[n])
        stock = statistics.mean(a[4] for a in totals[n])
        end = statistics.mean(a[5] for a in totals[n])
        result[n] = (m, fill, spend, stock)
        print(f"   {n:8s} {m:10.0f} ± {ci:6.0f}  {100 * fill:7.2f} %  {spend:10.0f}  {stock:9.0f}"
              f"  {end:17.0f}")
    for other in ("single", "mean"):
        diff = [a[0] - b[0] for a, b in zip(totals["policy"], totals[other])]
        ci = 1.96 * statistics.stdev(diff) / math.sqrt(R) if R > 1 else 0.0
        print(f"   policy - {other}: {statistics.mean(diff):+.0f} ± {ci:.0f} per 28 days "
              f"(common random numbers)")
    return result


if __name__ == "__main__":
    res = main()
    sys.path.insert(0, "scripts/bench")
    try:
        import figures
        for n, (m, fill, spend, stock) in res.items():
            figures.record(f"money_{n}", round(m, 1))
            figures.record(f"fill_{n}", round(fill, 5))
            figures.record(f"spend_{n}", round(spend, 1))
    except ImportError:
        pass
