#!/usr/bin/env python3
"""Drafting the top-three drafts vs. ranking the same portfolio: ``python benchmarks/bench_drafts.py``.

The bar: the three drafts of a 1 000-client portfolio in <= 200 ms. Each
figure is the median of several runs; the ratio to ranking (measured in the
same run) is the number to compare across machines.
"""
from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from freelancekit.drafts.drafting import draft_top_three  # noqa: E402
from freelancekit.portfolio.demo import DEMO_PROFILE  # noqa: E402
from freelancekit.portfolio.model import Portfolio, builtin_criteria, make_client  # noqa: E402
from freelancekit.records.rank import rank_portfolio  # noqa: E402

BAR_MS = 200.0
RUNS = 15


def portfolio(n: int, seed: int = 5) -> Portfolio:
    rng = random.Random(seed)
    crit = builtin_criteria()
    names = DEMO_PROFILE.service_names()
    clients = tuple(
        make_client({
            "name": f"Client {i:04d}", "contact_name": rng.choice(["Ann Lee", "Dr. Omar Said", ""]),
            "email": f"c{i}@example.com", "industry": rng.choice(["SaaS", "Retail", "Dental", "Nonprofit", ""]),
            "services": rng.sample(names, rng.randint(0, 4)), "last_win": rng.choice(["", "Sales doubled in May"]),
            "values": {"hourly_rate": rng.randint(20, 150), "on_time_payment": rng.randint(1, 5), "ease": rng.randint(1, 5),
                       "enjoyment": rng.randint(1, 5), "learning": rng.randint(1, 5)},
        }, crit, id=i + 1)
        for i in range(n)
    )
    return Portfolio(DEMO_PROFILE, crit, clients)


def median_ms(fn, runs: int = RUNS) -> float:
    fn()  # warm-up: imports and template compilation are not what we measure
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    print(f"{'clients':>8}  {'rank (ms)':>10}  {'3 drafts (ms)':>14}  {'ratio':>6}  bar")
    ok = True
    for n in (10, 1000):
        p = portfolio(n)
        ranking_ms = median_ms(lambda: rank_portfolio(p))
        drafts_ms = median_ms(lambda: draft_top_three(p))
        assert len(draft_top_three(p).drafts) == 3
        passed = drafts_ms <= BAR_MS
        ok &= passed
        print(f"{n:>8}  {ranking_ms:>10.2f}  {drafts_ms:>14.2f}  {drafts_ms / ranking_ms:>6.1f}  "
              f"{'ok' if passed else 'TOO SLOW'} (<= {BAR_MS:.0f} ms)")
    print(f"(median of {RUNS} runs; '3 drafts' includes ranking, the opportunity index and rendering)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
