#!/usr/bin/env python3
"""What converting currencies costs (docs/currencies.md): ranking 100 000 clients and the summary of 100 000 records.

``python benchmarks/bench_currency.py [--clients N] [--records N] [--repeat N] [--clock wall|cpu]`` prints medians of
``--repeat`` paired runs (each pair: without conversion, then with, alternating which goes first):

* ``rank``: ``records.rank.rank_with_currencies`` from a saved portfolio (read from SQLite, score
  table, ranking). Without: every client pays in the profile's currency (USD). With: a quarter each
  in USD, EUR, SAR and EGP (a rate typed for EGP), so three quarters are converted;
* ``summary``: ``measures.summary_frame`` of ``--records`` invoices of 1 000 clients over 540 days,
  with payments. Without: the records as loaded (every amount counted as written). With: the same
  call given the clients' currencies (``records.money.Money``: half the clients in EUR, a quarter in
  SAR), converting inside the summary, payments at their own day; and the same call with every client
  in the profile's currency (the common case: nothing to convert).

The ECB file is loaded once before the timings (its load, 1.6-1.8 s, is printed on its own: it
happens once per process, and only when a conversion needs it). Target: conversion adds <= 10 %.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from freelancekit.portfolio.model import Client, Portfolio, Profile, UserRate, builtin_criteria  # noqa: E402
from freelancekit.portfolio.rates import Rates, shipped  # noqa: E402
from freelancekit.portfolio.storage import Store  # noqa: E402
from freelancekit.records.measures import RecordSet, Window, summary_frame  # noqa: E402
from freelancekit.records.money import Money  # noqa: E402
from freelancekit.records.rank import rank_with_currencies  # noqa: E402

TARGET = 0.10
TODAY = date(2026, 10, 23)
CURRENCIES = ("USD", "EUR", "SAR", "EGP")


def portfolio(n: int, mixed: bool, seed: int = 3) -> Portfolio:
    rnd = random.Random(seed)
    criteria = builtin_criteria()
    clients = tuple(
        Client(f"Client {i:06d}", values={"hourly_rate": round(rnd.uniform(20, 300), 2), "on_time_payment": rnd.randint(1, 5),
                                          "ease": rnd.randint(1, 5), "enjoyment": rnd.randint(1, 5), "learning": rnd.randint(1, 5)},
               currency=CURRENCIES[i % 4] if mixed else "")
        for i in range(n))
    rates = (UserRate("EGP", date(2026, 10, 1), 0.0205),) if mixed else ()
    return Portfolio(Profile(currency="USD"), criteria, clients, rates=rates)


def records(n: int, seed: int = 5) -> tuple[RecordSet, dict[str, str]]:
    rng = np.random.default_rng(seed)
    names = np.array([f"Client {i}" for i in range(1000)], dtype=object)
    issued = pd.Timestamp("2025-05-01") + pd.to_timedelta(rng.integers(0, 540, n), unit="D")
    amount = rng.uniform(100, 5000, n).round(2)
    inv = pd.DataFrame({"id": np.arange(1, n + 1, dtype=np.int64), "client": names[rng.integers(0, 1000, n)],
                        "number": [f"I-{i}" for i in range(n)], "issued": issued, "due": issued + pd.Timedelta(days=30),
                        "amount": amount, "reported_paid": np.full(n, np.nan), "currency": ""})
    paid = rng.random(n) < 0.7
    pay = pd.DataFrame({"invoice_id": inv["id"][paid].to_numpy(), "paid_on": (issued + pd.to_timedelta(rng.integers(5, 60, n), unit="D"))[paid],
                        "amount": amount[paid]})
    time_ = pd.DataFrame({"client": pd.Series([], dtype=object), "client_key": pd.Series([], dtype=object),
                          "start": pd.Series([], dtype="datetime64[ns]"), "hours": pd.Series([], dtype=float),
                          "billable": pd.Series([], dtype=bool), "amount": pd.Series([], dtype=float)})
    currency_of = {f"Client {i}": ("EUR" if i % 2 else "SAR" if i % 4 == 0 else "") for i in range(1000)}
    return RecordSet(time_, inv, pay), currency_of


CLOCK = time.perf_counter  # --clock cpu: time.process_time, this process's CPU time only (other jobs on a shared machine move it less)


def paired(without, with_, repeat: int) -> tuple[float, float]:
    a, b = [], []
    for i in range(repeat):
        for fn, out in ((without, a), (with_, b)) if i % 2 == 0 else ((with_, b), (without, a)):
            t = CLOCK()
            fn()
            out.append(CLOCK() - t)
    return statistics.median(a) * 1000, statistics.median(b) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=100_000)
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    args = ap.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    t = time.perf_counter()
    shipped()
    print(f"ECB rates loaded once in {time.perf_counter() - t:.2f} s")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        plain, mixed = Store(Path(tmp) / "plain.sqlite"), Store(Path(tmp) / "mixed.sqlite")
        plain.replace_all(portfolio(args.clients, False))
        mixed.replace_all(portfolio(args.clients, True))
        _, conversion = rank_with_currencies(mixed, today=TODAY)
        assert not conversion.not_compared and set(conversion.rates) == {"EUR", "SAR", "EGP"}
        base, conv = paired(lambda: rank_with_currencies(plain, today=TODAY), lambda: rank_with_currencies(mixed, today=TODAY), args.repeat)
        ok &= conv <= base * (1 + TARGET)
        print(f"rank {args.clients} clients: {base:.1f} ms without, {conv:.1f} ms with conversion (+{(conv / base - 1) * 100:.1f} %)")
        plain.close()
        mixed.close()
    recs, currency_of = records(args.records)
    rates = Rates()
    window = Window.of(date(2025, 10, 24), TODAY)
    base, conv = paired(lambda: summary_frame(recs, window),
                        lambda: summary_frame(recs, window, Money("USD", currency_of, rates)), args.repeat)
    ok &= conv <= base * (1 + TARGET)
    print(f"summary of {args.records} records: {base:.1f} ms without, {conv:.1f} ms with conversion (+{(conv / base - 1) * 100:.1f} %)")
    base, one = paired(lambda: summary_frame(recs, window),
                       lambda: summary_frame(recs, window, Money("USD", {}, rates)), args.repeat)
    print(f"summary of {args.records} records, every client in the profile's currency: {base:.1f} ms without, "
          f"{one:.1f} ms with the conversion step (+{(one / base - 1) * 100:.1f} %)")
    print("target: conversion adds <= 10 %:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
