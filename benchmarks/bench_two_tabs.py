"""Two tabs on one portfolio: the kernel's work for a weight change right after the other tab saved one.

Each tab is an app of its own (its own store connection), as two browser
tabs are two kernels. A change in tab B after tab A saved must follow A's
save: only the views that show weights (the store counts saves per area),
not every view rebuilt. Median of 14 changes, kernel work only (no page),
for the demo and 1 000 clients; "alone" is the same change with no save in between.
Run: .venv/bin/python benchmarks/bench_two_tabs.py
     PYTHONPATH=OTHER_CHECKOUT .venv/bin/python benchmarks/bench_two_tabs.py   # the same for another checkout
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from _live import seed

VIEWS = ("criteria", "ranking", "clients", "drafts")  # the views a user has opened in both tabs


def measure(n_clients: int, changes: int = 16) -> tuple[float, float]:
    from freelancekit.ui.app import build

    db = seed(Path(tempfile.mkdtemp()) / "portfolio.sqlite", n_clients)
    a, b = build(db), build(db)
    for app in (a, b):
        for name in VIEWS:
            app.views[name]  # noqa: B018 - build it
    alone, after_other = [], []
    for i in range(changes):
        t = time.perf_counter()
        b.views["criteria"].on_weight("learning", 2.0 if i % 2 else 1.0)
        alone.append(time.perf_counter() - t)
    for i in range(changes):
        a.views["criteria"].on_weight("ease", 2.0 if i % 2 else 3.0)
        t = time.perf_counter()
        b.views["criteria"].on_weight("learning", 2.0 if i % 2 else 1.0)
        after_other.append(time.perf_counter() - t)
    a.store.close()
    b.store.close()
    return statistics.median(alone[2:]) * 1000, statistics.median(after_other[2:]) * 1000


def main() -> None:
    print(f"{'clients':>8}{'alone ms':>10}{'after the other tab saved ms':>30}")
    for n in (12, 1000):
        alone, after = measure(n)
        print(f"{n:>8}{alone:>10.1f}{after:>30.1f}")


if __name__ == "__main__":
    main()
