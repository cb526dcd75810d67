"""Writes the benchmark inputs of scripts/bench.sh rnn as invplan sales CSVs.

  rnn_data.py rossmann DATA_DIR WORK HORIZON SUBSET_STEP
  rnn_data.py m5 DATA_DIR WORK HORIZON

For each data set WORK/<name>_train.csv (date,sku,quantity,<regressors>) holds
the history without the last HORIZON days, <name>_future.csv (date,sku,
<regressors>) the regressors of the held-out days, <name>_actual.csv
(sku,step,value) the held-out values. Rossmann: days a store is missing from
the file (the 2014 refurbishment gaps) are written as closed days (sales 0,
Open 0); <name>_subset.txt lists every SUBSET_STEP-th store, the subset used
for the slow per-series models. M5: the 10 full item-store series, regressors
snap (the store's state), event (a named event that day) and price (the
week's sell price, the first known price before the item was sold).
"""
import csv
import datetime
import os
import sys


def write(work, name, regressors, rows, horizon):
    """rows: {sku: [(date, value, [regressor values])]} sorted by date."""
    with open(os.path.join(work, name + "_train.csv"), "w", newline="") as tr, \
         open(os.path.join(work, name + "_future.csv"), "w", newline="") as fu, \
         open(os.path.join(work, name + "_actual.csv"), "w", newline="") as ac:
        t, f, a = csv.writer(tr), csv.writer(fu), csv.writer(ac)
        t.writerow(["date", "sku", "quantity"] + regressors)
        f.writerow(["date", "sku"] + regressors)
        a.writerow(["sku", "step", "value"])
        for sku, series in rows.items():
            cut = len(series) - horizon
            for i, (day, value, reg) in enumerate(series):
                if i < cut:
                    t.writerow([day, sku, value] + reg)
                else:
                    f.writerow([day, sku] + reg)
                    a.writerow([sku, i - cut + 1, value])


def rossmann(data, work, horizon, step):
    stores = {}
    with open(os.path.join(data, "train_stores_1_100.csv")) as fh:
        for r in csv.DictReader(fh):
            reg = [r["Open"], r["Promo"], "0" if r["StateHoliday"] == "0" else "1",
                   r["SchoolHoliday"]]
            stores.setdefault(int(r["Store"]), {})[r["Date"]] = (r["Sales"], reg)
    days = sorted({d for s in stores.values() for d in s})
    first = datetime.date.fromisoformat(days[0])
    last = datetime.date.fromisoformat(days[-1])
    all_days = [(first + datetime.timedelta(k)).isoformat()
                for k in range((last - first).days + 1)]
    rows = {}
    for store in sorted(stores):
        s = stores[store]
        rows[str(store)] = [(d,) + s.get(d, ("0", ["0", "0", "0", "0"])) for d in all_days]
    write(work, "rossmann", ["open", "promo", "state_holiday", "school_holiday"], rows, horizon)
    with open(os.path.join(work, "rossmann_subset.txt"), "w") as fh:
        fh.write("\n".join(str(s) for s in sorted(stores) if (s - 1) % step == 0) + "\n")


def m5(data, work, horizon, back=0):
    calendar = {}
    with open(os.path.join(data, "calendar.csv")) as fh:
        for r in csv.DictReader(fh):
            calendar[r["d"]] = r
    prices = {}
    with open(os.path.join(data, "spot_sell_prices_10items.csv")) as fh:
        for r in csv.DictReader(fh):
            prices[(r["store_id"], r["item_id"], r["wm_yr_wk"])] = float(r["sell_price"])
    rows = {}
    with open(os.path.join(data, "spot_sales_train_validation_10series.csv")) as fh:
        for r in csv.DictReader(fh):
            store, item, state = r["store_id"], r["item_id"], r["state_id"]
            cols = [c for c in r if c.startswith("d_")]
            week_price = [prices.get((store, item, calendar[c]["wm_yr_wk"])) for c in cols]
            known = [p for p in week_price if p is not None]
            price = known[0] if known else 0.0
            series = []
            for c, p in zip(cols, week_price):
                if p is not None:
                    price = p
                cal = calendar[c]
                event = "1" if cal["event_name_1"] else "0"
                series.append((cal["date"], r[c], [cal["snap_" + state], event, "%.2f" % price]))
            # An earlier forecast origin: the last `back` days are dropped first.
            rows[item + "_" + store] = series[:len(series) - back]
    write(work, "m5", ["snap", "event", "price"], rows, horizon)


if __name__ == "__main__":
    kind, data, work, horizon = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if kind == "rossmann":
        rossmann(data, work, horizon, int(sys.argv[5]))
    else:
        m5(data, work, horizon, int(sys.argv[5]) if len(sys.argv) > 5 else 0)
