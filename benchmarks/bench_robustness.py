#!/usr/bin/env python3
"""How long "how sure is the top three" takes: 10 000 sampled weightings x 1 000 and x 10 000 clients.

``python benchmarks/bench_robustness.py [--repeat N] [--samples S]`` prints,
for two kinds of portfolio (the five built-in criteria, and 8 criteria of
mixed kinds as in bench_rank.py, ~5 % missing), medians of N runs measured in
the same run on the same data:

* ``top3 ms``: ``robustness.top3_shares`` (the bar: <= 100 ms at 1 000 clients);
* ``all ms``: ``robustness.robustness``: the shares plus the smallest swap of
  #3 and #4 and the top three without each criterion (what the app shows);
* ``matmul ms``: the reference, a bare numpy product utilities @ sample
  shares (scores only: no rounding, no tie-break, no top three), the cost of
  scoring every client in every sample the obvious way;
* ``cands``: how many clients could reach the top three at all and so were
  ranked in every sample (see the module doc of freelancekit/ranking/robustness.py).

BLAS is held to one thread, as in bench_rank.py. Exit status 1 when the bar is missed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from freelancekit.portfolio.model import Criterion, builtin_criteria  # noqa: E402
from freelancekit.ranking import robustness  # noqa: E402
from freelancekit.ranking.scoring import rank, table_from_arrays  # noqa: E402

SIZES = (1_000, 10_000)
TARGET_MS = 100.0  # at 1 000 clients, 10 000 samples


def builtin_portfolio(n: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    criteria = list(builtin_criteria())
    values = np.empty((n, 5))
    values[:, 0] = rng.uniform(20, 150, size=n).round(0)
    values[:, 1:] = rng.integers(1, 6, size=(n, 4))
    values[rng.random((n, 5)) < 0.05] = np.nan
    names = [f"Client {i:06d}" for i in rng.permutation(n)]
    return table_from_arrays(names, values, [c.key for c in criteria]), criteria


def mixed_portfolio(n: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    criteria = [Criterion(f"r{j}", f"Rating {j}", "rating", "lower" if j == 3 else "higher", 1.0 + j, 1, 5) for j in range(4)]
    criteria += [Criterion(f"n{j}", f"Number {j}", "number", "lower" if j == 1 else "higher", 0.5 + 0.5 * j) for j in range(4)]
    values = np.empty((n, 8))
    values[:, :4] = rng.integers(1, 6, size=(n, 4))
    values[:, 4:] = rng.uniform(0, 200, size=(n, 4)).round(2)
    values[rng.random((n, 8)) < 0.05] = np.nan
    names = [f"Client {i:06d}" for i in rng.permutation(n)]
    return table_from_arrays(names, values, [c.key for c in criteria]), criteria


def median_ms(fn, repeat: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--samples", type=int, default=robustness.SAMPLES)
    args = parser.parse_args()
    s = args.samples
    print(f"{'portfolio':<10} {'clients':>8} {'samples':>8} {'top3 ms':>8} {'all ms':>8} {'matmul ms':>10} {'cands':>6}")
    ok = True
    for kind, make in (("built-in", builtin_portfolio), ("mixed", mixed_portfolio)):
        for n in SIZES:
            table, criteria = make(n)
            ranking = rank(table, criteria)
            shares = robustness.sampled_weights(ranking, s)
            shares = shares / shares.sum(axis=1, keepdims=True) * 100.0
            u = np.ascontiguousarray(ranking.utilities)
            top = median_ms(lambda: robustness.top3_shares(ranking, s), args.repeat)
            every = median_ms(lambda: robustness.robustness(ranking, s), max(1, args.repeat // 2))
            ref = median_ms(lambda: u @ shares.T, args.repeat)
            cands = len(robustness._candidates(ranking.utilities, np.array([c.weight for c in criteria]), table))
            print(f"{kind:<10} {n:>8,} {s:>8,} {top:>8.1f} {every:>8.1f} {ref:>10.1f} {cands:>6}".replace(",", " "))
            if n == 1_000 and s == robustness.SAMPLES and top > TARGET_MS:
                ok = False
    print(f"bar: top3 <= {TARGET_MS:.0f} ms at 1 000 clients x {robustness.SAMPLES} samples: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
