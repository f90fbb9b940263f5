#!/usr/bin/env python3
"""Ranking speed with real names against a bare numpy ranking, and the cost of ``import freelancekit``.

``python benchmarks/bench_rank.py [--repeat N]`` ranks 1 000, 10 000 and
100 000 clients x 8 criteria (4 ratings, 4 numbers, ~5 % missing) whose names
are half Arabic or accented Latin (some written decomposed, as macOS
keyboards and some exports give them), and prints medians of N paired runs
(each run times the reference and ``rank`` back to back, so a busy machine
slows both; ``x`` is the median of the per-run ratios):

* ``numpy ms``, the reference: a plain numpy min-max normalisation, weighted
  sum and ``argsort`` of the same values (no names, no tie order, no
  contributions kept);
* ``from names ms``: ``table_from_arrays`` + ``scoring.rank`` from the list
  of names and the value matrix to the order: utilities, contributions,
  scores rounded to 6 decimals, and the tie order by name (``name_key``:
  NFC + casefold), which folds the names of the tied clients;
* ``new weights ms``: ``scoring.rank`` again on that table with other
  weights, what a weight slider in the app costs.

The row ``ratings only`` rates the clients on the four 1-5 ratings alone: most
scores tie, so every name is folded and sorted once (kept on the table: the
slider after it does not fold again).

BLAS is held to one thread (unless ``OPENBLAS_NUM_THREADS`` etc. are already
set): on a machine shared with other work its threads make the reference
slower and erratic, which would flatter the ratio.

Targets, at 100 000 clients with mixed-script names: ``from names`` <= 2x
the numpy reference; a slider (``new weights``) <= 100 ms; ``import
freelancekit`` (core only) <= 0.5 s. Exit status 1 if one misses.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from freelancekit.portfolio.model import Criterion  # noqa: E402
from freelancekit.ranking.scoring import rank, table_from_arrays  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
TARGET_RATIO, TARGET_SLIDER_MS, TARGET_IMPORT_S = 2.0, 100.0, 0.5
MIN_RUNS = 7
ARABIC = ["مكتبة", "النور", "شركة", "الأفق", "دار", "الفجر", "مؤسسة", "البناء", "ليلى", "سلمى"]
LATIN = ["Émile", "Zoë", "Ärzte", "Straße", "Çelik", "Ørsted", "Łódź", "Café", "Mañana", "İstanbul"]


def mixed_names(n: int, rng: np.random.Generator) -> list[str]:
    """Unique names: a quarter Arabic, a quarter accented Latin (half of those decomposed), half plain ASCII."""
    names = []
    for i in rng.permutation(n).tolist():
        if i % 4 == 0:
            names.append(f"{ARABIC[i % 10]} {ARABIC[i // 10 % 10]} {i}")
        elif i % 4 == 1:
            name = f"{LATIN[i % 10]} {LATIN[i // 10 % 10]} {i}"
            names.append(unicodedata.normalize("NFD", name) if i % 8 == 1 else name)
        else:
            names.append(f"Client {i:06d}")
    return names


def make_portfolio(n: int, ratings_only: bool = False, seed: int = 1):
    rng = np.random.default_rng(seed)
    criteria = [Criterion(f"r{j}", f"Rating {j}", "rating", "lower" if j == 3 else "higher", 1.0 + j, 1, 5) for j in range(4)]
    criteria += [Criterion(f"n{j}", f"Number {j}", "number", "lower" if j == 1 else "higher", 0.5 * j) for j in range(4)]
    values = np.empty((n, 8))
    values[:, :4] = rng.integers(1, 6, size=(n, 4))
    values[:, 4:] = rng.uniform(0, 200, size=(n, 4)).round(2)
    values[rng.random((n, 8)) < 0.05] = np.nan
    if ratings_only:
        criteria = criteria[:4]
        values = np.ascontiguousarray(values[:, :4])
    return mixed_names(n, rng), values, criteria


def numpy_rank(values: np.ndarray, lo: np.ndarray, hi: np.ndarray, is_rating: np.ndarray, lower: np.ndarray,
               w: np.ndarray) -> np.ndarray:
    """The reference: min-max utilities, weighted sum, argsort; no names."""
    mn = np.where(is_rating, lo, np.nanmin(values, axis=0))
    mx = np.where(is_rating, hi, np.nanmax(values, axis=0))
    span = mx - mn
    u = np.divide(values - mn, span, out=np.ones_like(values), where=span != 0)
    u = np.where(lower & (span != 0), 1.0 - u, u)
    u = np.nan_to_num(u, nan=0.0)
    scores = u @ (w * (100.0 / w.sum()))
    return np.argsort(-scores)


def paired_ms(reference, measured, runs: int) -> tuple[float, float, float]:
    """Medians of ``runs`` paired timings (ms): reference, measured, and measured / reference run by run.

    Each pair runs back to back, in alternating order, so a neighbour's burst of
    work lands on both; the median ratio is steadier than a ratio of medians.
    """
    reference(), measured()  # warm up
    refs, meas = [], []
    for i in range(runs):
        for fn, out in ((reference, refs), (measured, meas))[:: 1 if i % 2 else -1]:
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    ratios = [m / r for m, r in zip(meas, refs)]
    return statistics.median(refs) * 1000, statistics.median(meas) * 1000, statistics.median(ratios)


def measure(n: int, runs: int, ratings_only: bool = False) -> tuple[float, float, float, float]:
    """numpy ms, from names ms, their ratio, new weights ms for one portfolio."""
    names, values, criteria = make_portfolio(n, ratings_only)
    keys = [c.key for c in criteria]
    w = np.array([c.weight for c in criteria])
    lo = np.array([c.lo for c in criteria], float)
    hi = np.array([c.hi for c in criteria], float)
    is_rating = np.array([c.kind == "rating" for c in criteria])
    lower = np.array([c.direction == "lower" for c in criteria])
    # each slider move brings other weights: cycle through a few sets, all different from the saved ones
    rng = np.random.default_rng(n)
    weight_sets = [{c.key: float(x) for c, x in zip(criteria, rng.uniform(0.1, 5, len(criteria)).round(1))} for _ in range(7)]
    cycle = iter(weight_sets * 10**6)
    t_ref, t_names, ratio = paired_ms(lambda: numpy_rank(values, lo, hi, is_rating, lower, w),
                                      lambda: rank(table_from_arrays(names, values, keys), criteria), runs)
    table = table_from_arrays(names, values, keys)
    ranking = rank(table, criteria)  # the table has been ranked once, as in the app before a slider moves
    t_slider = paired_ms(lambda: None, lambda: rank(table, criteria, next(cycle)), runs)[1]
    # the same order as the reference wherever the reference's order is determined (no tied scores)
    reference = numpy_rank(values, lo, hi, is_rating, lower, w)
    if len(np.unique(np.round(ranking.scores, 6))) == n:
        assert np.array_equal(ranking.order, reference)
    return t_ref, t_names, ratio, t_slider


def import_time(repeat: int) -> tuple[float, bool]:
    """Median wall time of a fresh ``python -c 'import freelancekit, freelancekit.portfolio.api'``, and whether widgets stayed out."""
    code = "import freelancekit, freelancekit.portfolio.api, sys; print(any(m in sys.modules for m in ('ipywidgets', 'plotly')))"
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
    ap.add_argument("--repeat", type=int, default=9, help=f"paired runs per measurement (median is printed; at least {MIN_RUNS})")
    args = ap.parse_args()
    runs = max(MIN_RUNS, args.repeat)
    ok = True
    print(f"reference = numpy min-max + weighted sum + argsort; x = from names / reference, median of {runs} paired runs")
    print(f"{'clients':>22} {'numpy ms':>9} {'from names ms':>14} {'x':>5} {'new weights ms':>15}")
    for n, ratings_only in [(n, False) for n in SIZES] + [(SIZES[-1], True)]:
        t_ref, t_names, ratio, t_slider = measure(n, runs, ratings_only)
        label = f"{n:,}" + (", ratings only" if ratings_only else "")
        print(f"{label:>22} {t_ref:>9.2f} {t_names:>14.2f} {ratio:>5.2f} {t_slider:>15.2f}")
        if n == SIZES[-1] and not ratings_only:
            meets = ratio <= TARGET_RATIO and t_slider <= TARGET_SLIDER_MS
            ok &= meets
            print(f"{'':>22} 100k target: from names <= {TARGET_RATIO:.0f}x numpy, new weights <= {TARGET_SLIDER_MS:.0f} ms"
                  f" -> {'meets' if meets else 'MISSES'} ({ratio:.2f}x, {t_slider:.2f} ms)")
    wall, leaked = import_time(max(3, runs // 3))
    cumulative = importtime_cumulative()
    import_ok = cumulative <= TARGET_IMPORT_S and not leaked
    print(f"import freelancekit: -X importtime cumulative {cumulative * 1000:.1f} ms; "
          f"'import freelancekit, freelancekit.portfolio.api' in a fresh interpreter {wall * 1000:.0f} ms wall (median, interpreter start included); "
          f"widgets/plotly imported: {leaked} -> {'meets' if import_ok else 'MISSES'} the {TARGET_IMPORT_S} s target")
    return 0 if ok and import_ok else 1


if __name__ == "__main__":
    sys.exit(main())
