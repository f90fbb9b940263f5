#!/usr/bin/env python3
"""One weight-slider step in the kernel, without a browser: is a slider that updates while dragged affordable?

``python benchmarks/bench_slider_steps.py [--steps N]`` builds the app on the
12-client demo and on 200 clients (a third paid in EUR) and prints medians of
N steps of:

* ``refresh ms``: ``RankingView.refresh`` alone (the ranking, the table, the
  parts beside it), the view's share of a step;
* ``step ms``: ``slider.value = x`` as the page sends it while dragging: the
  weight saved, every view told (``state.changed("weights")``); outside a
  kernel ``later`` runs at once, so this includes one sampling;
* ``sure ms``: the "how sure" sampling (``robustness``), which waits for the
  weights to rest (``ranking_insight.SURE_DELAY_S``).

Under ~50 ms a step needs no throttle of ours: the page's widget manager keeps
one message in flight per widget and merges the values dragged meanwhile.
Measured (2 shared cores, medians over a few runs): demo refresh 15-24, step
13-15, sure 7-20 ms; 200 clients refresh 22-26, step 30-37, sure 55-90 ms.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from freelancekit.portfolio.api import create_demo, open_portfolio
from freelancekit.portfolio.model import make_client
from freelancekit.ranking.robustness import robustness
from freelancekit.ui.app import build


def many_clients(db: Path, n: int) -> Path:
    """``n`` complete clients, every third paid in EUR (so the table's "paid in" note has work)."""
    with open_portfolio(db) as store:
        criteria = store.criteria()
        store.import_clients([(i + 2, make_client({
            "name": f"Client {i:05d}", "email": f"c{i}@example.com", "services": "Blog posts",
            "currency": "EUR" if i % 3 == 0 else "",
            "values": {"hourly_rate": 30 + i % 120, "on_time_payment": 1 + i % 5, "ease": 1 + i // 7 % 5,
                       "enjoyment": 1 + i // 11 % 5, "learning": 1 + i // 13 % 5}}, criteria)) for i in range(n)])
    return db


def median_ms(action: Callable[[int], object], steps: int) -> float:
    times = []
    for i in range(steps):
        t0 = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure(db: Path, steps: int) -> tuple[float, float, float]:
    app = build(db)
    try:
        view, slider = app.views["ranking"], app.views["criteria"].sliders["learning"]

        def refresh(_i: int) -> None:
            app.state._ranking = None  # as after a weight change: rank again on the kept score table
            view.refresh("weights")

        def step(i: int) -> None:
            slider.value = (i % 20) * 0.5

        return (median_ms(refresh, steps), median_ms(step, steps),
                median_ms(lambda _i: robustness(app.state.ranking()), max(3, steps // 3)))
    finally:
        app.store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30)
    steps = parser.parse_args().steps
    folder = Path(tempfile.mkdtemp())
    create_demo(folder / "demo.sqlite").close()
    print(f"{'portfolio':<12}{'refresh ms':>12}{'step ms':>10}{'sure ms':>10}")
    for label, db in (("demo (12)", folder / "demo.sqlite"), ("200 clients", many_clients(folder / "many.sqlite", 200))):
        refresh, step, sure = measure(db, steps)
        print(f"{label:<12}{refresh:>12.1f}{step:>10.1f}{sure:>10.1f}")


if __name__ == "__main__":
    main()
