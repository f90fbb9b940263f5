"""Weighted scoring and ranking, exactly as docs/ranking.md ("The score") says.

The client data is turned once into a ``ScoreTable`` (a value matrix and the
names); ranking with new weights then costs a few vectorised numpy passes,
which keeps the app's sliders instant. Names are folded for the tie order
only when scores tie.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from freelancekit.errors import InvalidInput, Problem
from freelancekit.portfolio.model import Client, Criterion, with_weights
from freelancekit.portfolio.pay import PAY_KEY
from freelancekit.portfolio.validation import name_key

if TYPE_CHECKING:
    import pandas as pd

    from freelancekit.portfolio.pay import PayConversion

@dataclass(frozen=True)
class ScoreTable:
    """Clients as a matrix: one row per client, one column per criterion (NaN = missing).

    What does not depend on the weights (utilities, incomplete flags, the name
    order) is worked out on the first ``rank`` and kept here, so ranking the
    same table again with new weights (the app's sliders) skips it.
    """

    names: tuple[str, ...]
    ids: tuple[int | None, ...]
    keys: tuple[str, ...]
    values: np.ndarray  # shape (n, k), float64, read-only
    # how the pay column was put in the profile's currency (None: not known, e.g. a table built by hand); the export
    # shows each client's amount as typed and the rate next to the converted one (ranking/money.py)
    pay: PayConversion | None = field(default=None, repr=False, compare=False)
    _memo: dict[Any, np.ndarray] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def incomplete(self) -> np.ndarray:
        """True for each client with a missing value (docs/ranking.md: "incomplete")."""
        flags = np.zeros(len(self.values), dtype=bool)
        for col in self.values.T:  # one column at a time: any(axis=1) loops per row, 4x slower
            flags |= np.isnan(col)
        return _read_only(flags)

    def incomplete_for(self, counted: Sequence[bool]) -> np.ndarray:
        """True for each client with a missing value in a criterion that counts (weight above 0).

        A criterion at weight 0 changes no score, so a client not rated on it
        yet is not incomplete: a new criterion of the user's own starts at 0
        and marks nobody until its weight is raised (docs/ranking.md).
        """
        if all(counted):
            return self.incomplete
        key = ("incomplete", tuple(map(bool, counted)))
        flags = self._memo.get(key)
        if flags is None:
            flags = np.zeros(len(self.values), dtype=bool)
            for j in np.flatnonzero(key[1]):
                flags |= np.isnan(self.values[:, j])
            flags = self._memo[key] = _read_only(flags)
        return flags

    @cached_property
    def name_order(self) -> np.ndarray:
        """Each row's place in the tie order (``name_key``, equal keys by row).

        Folded on first need: a ranking folds only the names of tied scores
        unless most scores tie (see ``_order``).
        """
        keys = [name_key(x) for x in self.names]
        places = np.empty(len(keys), dtype=np.int64)
        places[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys), dtype=np.int64)
        return _read_only(places)

    def utilities_for(self, criteria: Sequence[Criterion]) -> np.ndarray:
        """``utilities(self, criteria)``, computed once per set of scales and directions.

        Utilities depend on the values and on each criterion's kind, direction
        and scale, never on the weights. Only the latest set is kept: a change
        of direction or scale is rare, a change of weight is every slider move.
        """
        scales = tuple((c.kind, c.direction, c.lo, c.hi) for c in criteria)
        u = self._memo.get(scales)
        if u is None:
            u = _read_only(utilities(self, criteria))
            for old in [k for k in self._memo if k and k[0] != "incomplete"]:
                del self._memo[old]  # the incomplete flags do not depend on the scales: they stay
            self._memo[scales] = u
        return u


def _read_only(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def score_table(clients: Sequence[Client], criteria: Sequence[Criterion], *, pay: PayConversion | None = None) -> ScoreTable:
    keys = tuple(c.key for c in criteria)
    values = np.array(
        [[np.nan if (x := cl.values.get(k)) is None else x for k in keys] for cl in clients],
        dtype=np.float64,
    ).reshape(len(clients), len(keys))
    names = tuple(cl.name for cl in clients)
    return table_from_arrays(names, values, keys, tuple(cl.id for cl in clients), pay=pay)


def table_from_rows(rows: Sequence[Sequence[Any]], criteria: Sequence[Criterion], *,
                    pay: PayConversion | None = None) -> ScoreTable:
    """A table from ``(id, name, value of each criterion or None)`` rows (``Store.scoring_rows``)."""
    k = len(criteria)
    values = np.array([r[2:] for r in rows], dtype=np.float64).reshape(len(rows), k)  # None -> NaN
    return table_from_arrays([r[1] for r in rows], values, [c.key for c in criteria], [r[0] for r in rows], pay=pay)


def table_from_arrays(
    names: Sequence[str], values: np.ndarray, keys: Sequence[str], ids: Sequence[int | None] | None = None, *,
    pay: PayConversion | None = None,
) -> ScoreTable:
    # column-major, so each criterion is one contiguous vector for the column-wise passes below;
    # read-only: the table caches what it derives from the values, so they must not change
    values = _read_only(np.asfortranarray(values, dtype=np.float64).view())
    return ScoreTable(tuple(names), tuple(ids) if ids is not None else (None,) * len(names), tuple(keys), values, pay)


def utilities(table: ScoreTable, criteria: Sequence[Criterion]) -> np.ndarray:
    """Each value mapped to [0, 1] (docs/ranking.md); a missing value counts 0.

    The result is column-major (each criterion one contiguous vector): the
    weighted sum in ``rank`` then runs on contiguous memory, several times
    faster than striding through rows.
    """
    vals = table.values
    u = np.empty(vals.shape, order="F")
    lo: float
    hi: float
    for j, c in enumerate(criteria):
        col, uj = vals[:, j], u[:, j]
        missing = np.isnan(col)
        if c.kind == "rating":
            lo, hi = c.lo, c.hi
        else:
            # fmin/fmax skip NaN (what nanmin/nanmax do) and give NaN for an all-missing column
            lo, hi = (np.fmin.reduce(col), np.fmax.reduce(col)) if len(col) else (np.nan, np.nan)
            if np.isnan(lo):
                lo = hi = 0.0
            if hi == lo:  # docs/ranking.md: every client gets u = 1, whatever the direction
                uj[:] = 1.0
                uj[missing] = 0.0
                continue
        np.subtract(col, lo, out=uj)
        np.divide(uj, hi - lo, out=uj)
        if c.direction == "lower":
            np.subtract(1.0, uj, out=uj)
        np.copyto(uj, 0.0, where=missing)
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

    def unrated(self, row: int) -> list[str]:
        """The keys of the criteria that count (weight above 0) on which client ``row`` has no value yet."""
        values = self.table.values[row]
        return [c.key for c, x in zip(self.criteria, values) if c.weight > 0 and math.isnan(x)]

    def records(self) -> list[dict[str, Any]]:
        """The JSON shape of `rank --format json` (README, "Using it from the command line"): rank, name, score, incomplete,
        unrated (the criteria that count and have no value), contributions, then (a table that knows how its pay
        was converted) each client's pay converted, as typed and the rate used (``money``; docs/currencies.md)."""
        keys, names, o = self.table.keys, self.table.names, self.order
        unrated = self.unrated_by_row()
        # tolist() turns whole arrays into Python floats and bools at once, not one element at a time
        rows = zip(range(1, len(o) + 1), o.tolist(), self.scores[o].tolist(), self.incomplete[o].tolist(),
                   self.contributions[o].tolist())
        out = [{"rank": r, "name": names[i], "score": score, "incomplete": incomplete, "unrated": list(unrated[i]),
                "contributions": dict(zip(keys, points))}
               for r, i, score, incomplete, points in rows]
        money = self.money()
        if money is not None:  # then each client's pay converted, as typed, and the rate (docs/currencies.md)
            money_keys = tuple(money)
            for row, values in zip(out, zip(*money.values())):
                row.update(zip(money_keys, values))
        return out

    def money(self) -> dict[str, list[Any]] | None:
        """Best first, each client's pay converted, as typed, and the rate used (``ranking.money.MONEY_KEYS``);
        None when the table does not say how its pay was converted (one built by hand)."""
        pay = self.table.pay
        if pay is None:
            return None
        from freelancekit.ranking.money import money_columns

        keys = self.table.keys
        converted = self.table.values[:, keys.index(PAY_KEY)].tolist() if PAY_KEY in keys else None
        return money_columns(pay, self.table.names, self.order.tolist(), converted)

    def unrated_by_row(self) -> list[tuple[str, ...]]:
        """``unrated(row)`` of every row at once: only the rows with a gap are looked at one by one."""
        counting = [j for j, c in enumerate(self.criteria) if c.weight > 0]
        out: list[tuple[str, ...]] = [()] * len(self.table.names)
        if not counting:
            return out
        gaps = np.isnan(self.table.values[:, counting])
        keys = [self.criteria[j].key for j in counting]
        for row in np.flatnonzero(gaps.any(axis=1)).tolist():
            out[row] = tuple(k for k, gap in zip(keys, gaps[row].tolist()) if gap)
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
    """Rank clients best first; ``weights`` override the criteria's saved weights.

    Ranking the same ``table`` again only redoes the weighted sum and the order
    (see ``ScoreTable.utilities_for``).
    """
    criteria = tuple(criteria)
    if weights:
        criteria = with_weights(criteria, weights)
    if tuple(c.key for c in criteria) != table.keys:
        raise ValueError("criteria do not match the score table's columns")
    w = np.array([c.weight for c in criteria], dtype=np.float64)
    total = w.sum()
    if not criteria or total <= 0 or not math.isfinite(total):
        raise InvalidInput(Problem("weights", code="weights.all_zero"))
    u = table.utilities_for(criteria)
    contributions = np.multiply(u, w / total * 100.0, order="C")  # not 100 / total: that overflows for tiny weights
    scores = scores_of(contributions)
    incomplete = table.incomplete_for([x > 0 for x in w.tolist()])
    return Ranking(table, criteria, u, contributions, scores, incomplete, _order(scores, table))


def scores_of(contributions: np.ndarray) -> np.ndarray:
    """Each row's score: the sum of its points, kept within 0-100.

    numpy's own row sum of a row-major copy, so a row's score is the same bits
    however many rows are summed at once (``robustness`` sums all its sampled
    weightings in one array and must agree with ``rank`` to the last bit: one
    bit can move a client across a 6-decimal tie). Rounding can give
    100.00000000000001 (weight 11: 11 * (100 / 11)); the score is 0-100.
    """
    return np.clip(np.ascontiguousarray(contributions).sum(axis=1), 0.0, 100.0)


_MAX_MICRO = 10**8  # a score of 100 in millionths
# Up to this share of tied rows, a ranking folds only their names; beyond it, every name once, kept on the table
# for the next ranking. benchmarks/bench_rank.py at 100 000 clients: with 2-decimal numbers ~28 % of the rows tie
# (folding them ~15 ms); rated on four 1-5 scales only, all do, and folding them again on each slider move took
# ~160 ms against ~22 ms with the kept order (the slider's budget is 100 ms)
_FEW_TIES = 0.5


def _order(scores: np.ndarray, table: ScoreTable) -> np.ndarray:
    """Score descending after rounding to 6 decimals; ties by name (docs/ranking.md).

    Sorted by score first; only the rows whose rounded score another row shares
    are then put in name order, so names are folded only where they decide.
    """
    behind = _MAX_MICRO - micro(scores)  # 0 for the best possible score
    order = np.argsort(behind)
    ranked = behind[order]
    same = ranked[1:] == ranked[:-1]
    at = np.flatnonzero(np.r_[same, False] | np.r_[False, same])  # whole runs of equal scores
    if len(at) == 0:
        return order
    rows = order[at]
    if len(rows) > _FEW_TIES * len(order):
        order[at] = rows[np.lexsort((table.name_order[rows], behind[rows]))]
    else:
        names = table.names
        tied = sorted(zip(behind[rows].tolist(), [name_key(names[r]) for r in rows.tolist()], rows.tolist()))
        order[at] = [r for _, _, r in tied]
    return order


def micro(scores: np.ndarray) -> np.ndarray:
    """Scores rounded to 6 decimals, as integers of millionths (0..1e8): what ranks compare.

    ``rint(x * 1e6)`` can land on the other side of a .5 than Python's exactly
    rounded ``round(x, 6)``; the few values that close to a half are redone
    with ``round`` so ties are exactly "equal after rounding to 6 decimals".
    """
    scaled = scores * 1e6
    rounded = np.rint(scaled)
    near_half = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6)
    for i in near_half.tolist():
        rounded[i] = round(round(float(scores[i]), 6) * 1e6)
    return rounded.astype(np.int64)
