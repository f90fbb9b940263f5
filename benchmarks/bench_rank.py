#!/usr/bin/env python3
"""Ranking speed against a bare numpy reference, and the cost of ``import freelancekit``.

``python benchmarks/bench_rank.py [--repeat N]`` prints, for 10, 1 000 and
100 000 clients x 8 criteria (4 ratings, 4 numbers, ~5 % missing), the median
time of ``scoring.rank`` on a prepared ``ScoreTable`` (what the app's weight
sliders call) beside two bare numpy references on the same matrix, measured
in the same run:

* ``numpy sum``: only the weighted sum ``nan_to_num(values) @ w``;
* ``numpy rank``: the same job as ``rank`` written as bare numpy (utilities,
  weighted sum, contributions, best-first order by score then name).

Targets (issue 3): at 100 000 clients ``rank`` <= 3x the numpy reference and
<= 100 ms; ``import freelancekit`` (core only) <= 0.5 s.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from freelancekit.model import Criterion  # noqa: E402
from freelancekit.scoring import rank, table_from_arrays  # noqa: E402

SIZES = (10, 1_000, 100_000)
TARGET_RATIO, TARGET_MS, TARGET_IMPORT_S = 3.0, 100.0, 0.5


def make_table(n: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    criteria = [Criterion(f"r{j}", f"Rating {j}", "rating", "lower" if j == 3 else "higher", 1.0 + j, 1, 5) for j in range(4)]
    criteria += [Criterion(f"n{j}", f"Number {j}", "number", "lower" if j == 1 else "higher", 0.5 * j) for j in range(4)]
    values = np.empty((n, 8))
    values[:, :4] = rng.integers(1, 6, size=(n, 4))
    values[:, 4:] = rng.uniform(0, 200, size=(n, 4)).round(2)
    values[rng.random((n, 8)) < 0.05] = np.nan
    names = [f"Client {i:06d}" for i in rng.permutation(n)]
    return table_from_arrays(names, values, [c.key for c in criteria]), criteria


def numpy_sum(values: np.ndarray, w: np.ndarray) -> np.ndarray:
    return np.nan_to_num(values) @ w


def numpy_rank(values: np.ndarray, lo: np.ndarray, hi: np.ndarray, is_rating: np.ndarray, lower: np.ndarray,
               w: np.ndarray, name_order: np.ndarray) -> np.ndarray:
    mn = np.where(is_rating, lo, np.nanmin(values, axis=0))
    mx = np.where(is_rating, hi, np.nanmax(values, axis=0))
    span = mx - mn
    u = np.divide(values - mn, span, out=np.ones_like(values), where=span != 0)
    u = np.where(lower & (span != 0), 1.0 - u, u)
    u = np.nan_to_num(u, nan=0.0)
    contributions = u * (w * (100.0 / w.sum()))
    scores = contributions.sum(axis=1)
    return np.lexsort((name_order, -np.rint(scores * 1e6)))


def median_ms(fn, repeat: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def import_time(repeat: int) -> tuple[float, bool]:
    """Median wall time of a fresh ``python -c 'import freelancekit, freelancekit.api'``, and whether widgets stayed out."""
    code = "import freelancekit, freelancekit.api, sys; print(any(m in sys.modules for m in ('ipywidgets', 'plotly')))"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)  # warm the file cache
    walls, leaked = [], False
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True).stdout
        walls.append(time.perf_counter() - t0)
        leaked |= out.strip() == "True"
    return statistics.median(walls), leaked


def importtime_cumulative() -> float:
    """Cumulative time of the ``freelancekit`` package as reported by ``python -X importtime``."""
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import freelancekit"],
                         check=True, capture_output=True, text=True).stderr
    for line in err.splitlines():
        m = re.match(r"import time:\s+\d+\s+\|\s+(\d+)\s+\|\s+freelancekit$", line)
        if m:
            return int(m.group(1)) / 1e6
    raise RuntimeError("freelancekit not found in -X importtime output")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=15, help="runs per measurement (median is printed)")
    args = ap.parse_args()
    ok = True
    print(f"{'clients':>8} {'rank ms':>9} {'numpy sum ms':>13} {'x sum':>7} {'numpy rank ms':>14} {'x numpy rank':>13}")
    for n in SIZES:
        table, criteria = make_table(n)
        weights = {c.key: c.weight for c in criteria}
        w = np.array([c.weight for c in criteria])
        lo = np.array([c.lo for c in criteria], float)
        hi = np.array([c.hi for c in criteria], float)
        is_rating = np.array([c.kind == "rating" for c in criteria])
        lower = np.array([c.direction == "lower" for c in criteria])
        repeat = args.repeat if n < 100_000 else max(5, args.repeat // 2)
        t_rank = median_ms(lambda: rank(table, criteria, weights), repeat)
        t_sum = median_ms(lambda: numpy_sum(table.values, w), repeat)
        t_ref = median_ms(lambda: numpy_rank(table.values, lo, hi, is_rating, lower, w, table.name_order), repeat)
        # same answer as the reference (names are unique, so the order is fully determined)
        assert (rank(table, criteria).order == numpy_rank(table.values, lo, hi, is_rating, lower, w, table.name_order)).all()
        print(f"{n:>8,} {t_rank:>9.2f} {t_sum:>13.3f} {t_rank / t_sum:>7.1f} {t_ref:>14.2f} {t_rank / t_ref:>13.2f}")
        if n == 100_000:
            ok &= t_rank <= TARGET_MS and t_rank / t_ref <= TARGET_RATIO
            verdict = "meets" if ok else "MISSES"
            print(f"100k target: rank <= {TARGET_MS:.0f} ms and <= {TARGET_RATIO:.0f}x numpy rank -> {verdict}")
    wall, leaked = import_time(max(3, args.repeat // 3))
    cumulative = importtime_cumulative()
    import_ok = cumulative <= TARGET_IMPORT_S and not leaked
    print(f"import freelancekit: -X importtime cumulative {cumulative * 1000:.1f} ms; "
          f"'import freelancekit, freelancekit.api' in a fresh interpreter {wall * 1000:.0f} ms wall (median, interpreter start included); "
          f"widgets/plotly imported: {leaked} -> {'meets' if import_ok else 'MISSES'} the {TARGET_IMPORT_S} s target")
    return 0 if ok and import_ok else 1


if __name__ == "__main__":
    sys.exit(main())
