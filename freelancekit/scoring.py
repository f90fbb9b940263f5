"""Weighted scoring and ranking, exactly as SPEC §3.

The client data is turned once into a ``ScoreTable`` (a value matrix plus each
name's place in the tie-break order); ranking with new weights then costs a
few vectorised numpy passes, which keeps the app's sliders instant.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import InvalidInput, Problem
from .model import Client, Criterion, with_weights
from .validation import name_key

if TYPE_CHECKING:
    import pandas as pd

ALL_ZERO = "all weights are zero: give at least one criterion a weight above 0"


@dataclass(frozen=True)
class ScoreTable:
    """Clients as a matrix: one row per client, one column per criterion (NaN = missing)."""

    names: tuple[str, ...]
    ids: tuple[int | None, ...]
    keys: tuple[str, ...]
    values: np.ndarray  # shape (n, k), float64
    name_order: np.ndarray  # shape (n,), each name's position in casefold order


def score_table(clients: Sequence[Client], criteria: Sequence[Criterion]) -> ScoreTable:
    keys = tuple(c.key for c in criteria)
    values = np.array(
        [[np.nan if (x := cl.values.get(k)) is None else x for k in keys] for cl in clients],
        dtype=np.float64,
    ).reshape(len(clients), len(keys))
    names = tuple(cl.name for cl in clients)
    return table_from_arrays(names, values, keys, tuple(cl.id for cl in clients))


def table_from_arrays(
    names: Sequence[str], values: np.ndarray, keys: Sequence[str], ids: Sequence[int | None] | None = None
) -> ScoreTable:
    folded = [name_key(n) for n in names]
    by_name = sorted(range(len(folded)), key=folded.__getitem__)
    name_order = np.empty(len(folded), dtype=np.int64)
    name_order[by_name] = np.arange(len(folded), dtype=np.int64)
    return ScoreTable(tuple(names), tuple(ids) if ids is not None else (None,) * len(names), tuple(keys),
                      np.asarray(values, dtype=np.float64), name_order)


def utilities(table: ScoreTable, criteria: Sequence[Criterion]) -> np.ndarray:
    """Each value mapped to [0, 1] (SPEC §3); a missing value counts 0."""
    vals = table.values
    u = np.empty_like(vals)
    for j, c in enumerate(criteria):
        col = vals[:, j]
        if c.kind == "rating":
            uj = (col - c.lo) / (c.hi - c.lo)
        else:
            lo, hi = (np.nanmin(col), np.nanmax(col)) if not np.isnan(col).all() else (0.0, 0.0)
            if hi == lo:  # SPEC §3: every client gets u = 1, whatever the direction
                u[:, j] = 1.0
                continue
            uj = (col - lo) / (hi - lo)
        if c.direction == "lower":
            uj = 1.0 - uj
        u[:, j] = uj
    u[np.isnan(vals)] = 0.0
    return u


@dataclass(frozen=True)
class Ranking:
    """Scores of one ranking; arrays are aligned with the table's rows, ``order`` is best first."""

    table: ScoreTable
    criteria: tuple[Criterion, ...]
    utilities: np.ndarray
    contributions: np.ndarray
    scores: np.ndarray
    incomplete: np.ndarray
    order: np.ndarray

    def __len__(self) -> int:
        return len(self.order)

    def top(self, n: int = 3) -> list[str]:
        return [self.table.names[i] for i in self.order[:n]]

    def records(self) -> list[dict[str, Any]]:
        """The SPEC §5 JSON shape: rank, name, score, incomplete, contributions."""
        keys = self.table.keys
        out = []
        for r, i in enumerate(self.order.tolist(), start=1):
            out.append({
                "rank": r,
                "name": self.table.names[i],
                "score": float(self.scores[i]),
                "incomplete": bool(self.incomplete[i]),
                "contributions": dict(zip(keys, map(float, self.contributions[i]))),
            })
        return out

    @cached_property
    def frame(self) -> pd.DataFrame:
        """Best first: rank, name, id, score, incomplete, then one points column per criterion."""
        import pandas as pd

        o = self.order
        df = pd.DataFrame({
            "rank": np.arange(1, len(o) + 1),
            "name": [self.table.names[i] for i in o],
            "id": [self.table.ids[i] for i in o],
            "score": self.scores[o],
            "incomplete": self.incomplete[o],
        })
        for j, key in enumerate(self.table.keys):
            df[key] = self.contributions[o, j]
        return df


def rank(
    table: ScoreTable,
    criteria: Iterable[Criterion],
    weights: Mapping[str, Any] | None = None,
) -> Ranking:
    """Rank clients best first; ``weights`` override the criteria's saved weights."""
    criteria = tuple(criteria)
    if weights:
        criteria = with_weights(criteria, weights)
    if tuple(c.key for c in criteria) != table.keys:
        raise ValueError("criteria do not match the score table's columns")
    w = np.array([c.weight for c in criteria], dtype=np.float64)
    total = w.sum()
    if not criteria or total <= 0 or not math.isfinite(total):
        raise InvalidInput(Problem("weights", ALL_ZERO))
    u = utilities(table, criteria)
    contributions = u * (w / total * 100.0)  # not 100 / total: that overflows for tiny weights
    scores = contributions.sum(axis=1) if len(criteria) else np.zeros(len(table.names))
    # rounding can give 100.00000000000001 (weight 11: 11 * (100 / 11)); SPEC §3 says 0-100
    scores = np.clip(scores, 0.0, 100.0)
    incomplete = np.isnan(table.values).any(axis=1)
    return Ranking(table, criteria, u, contributions, scores, incomplete, _order(scores, table.name_order))


def _order(scores: np.ndarray, name_order: np.ndarray) -> np.ndarray:
    """Score descending after rounding to 6 decimals; ties by name (SPEC §3)."""
    n = len(scores)
    micro = _micro(scores)
    if n < 2**62 // (10**8 + 1):
        return np.argsort((10**8 - micro) * n + name_order)
    return np.lexsort((name_order, -micro))


def _micro(scores: np.ndarray) -> np.ndarray:
    """Scores rounded to 6 decimals, as integers of millionths (0..1e8).

    ``rint(x * 1e6)`` can land on the other side of a .5 than Python's exactly
    rounded ``round(x, 6)``; the few values that close to a half are redone
    with ``round`` so ties are exactly "equal after rounding to 6 decimals".
    """
    scaled = scores * 1e6
    micro = np.rint(scaled)
    near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    for i in near_half.tolist():
        micro[i] = round(round(float(scores[i]), 6) * 1e6)
    return micro.astype(np.int64)
