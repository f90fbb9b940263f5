"""How sure the top three is: nearby weights sampled, one weight moved, one criterion dropped.

The rules are in docs/ranking.md ("How sure is the top three"). In short:
each sample multiplies every weight by its own factor drawn uniformly from
[1 - SPREAD, 1 + SPREAD] (a weight of 0 stays 0), and ranks exactly as
``scoring.rank`` would with those weights: the same sums in the same order,
the same 6-decimal rounding and the same tie-break by name. So a client's
``top3_share`` is exactly the share of the drawn weightings in which
``scoring.rank`` would put it in the top three; a fixed seed repeats it.

Speed comes from ranking only the clients that can reach the top three at all:
for each client the lowest and highest score over the whole box of factors
are exact (a linear-fractional function is extreme at a corner, and the best
corner raises the weights of its best criteria), so a client whose highest
possible score is below the third-best lowest score is never in the top three.
Clients with identical utilities tie in every sample; only the first three of
each such group by name can reach the top three.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from freelancekit.ranking.scoring import Ranking, ScoreTable, micro, rank, scores_of

SAMPLES = 10_000
SEED = 20_240_601
SPREAD = 0.25  # each weight varied by up to ±25%
TOP = 3
WEIGHT_STEP = 0.1  # a suggested weight is rounded to one decimal, as the weights are shown
_MARGIN = 1e-5  # points; far above float error, far below the 1e-6 rounding of ranked scores
_CHUNK_ROWS = 2_000_000  # candidate x sample cells ranked at once (bounds the memory to ~100 MB)


def sample_factors(k: int, samples: int = SAMPLES, seed: int = SEED) -> np.ndarray:
    """``samples`` x ``k`` factors, each uniform in [1 - SPREAD, 1 + SPREAD)."""
    rng = np.random.default_rng(seed)
    return rng.uniform(1.0 - SPREAD, 1.0 + SPREAD, size=(samples, k))


def sampled_weights(ranking: Ranking, samples: int = SAMPLES, seed: int = SEED) -> np.ndarray:
    """The weightings the shares are counted over: row s is the weights of sample s."""
    base = np.array([c.weight for c in ranking.criteria], dtype=np.float64)
    return sample_factors(len(base), samples, seed) * base


def top3_shares(ranking: Ranking, samples: int = SAMPLES, seed: int = SEED) -> np.ndarray:
    """For each row of the ranking's table, the share (0-1) of sampled weightings that rank it in the top three."""
    table = ranking.table
    n = len(table.names)
    shares = np.zeros(n)
    if n == 0 or samples <= 0:
        return shares
    if n <= TOP:
        shares[:] = 1.0
        return shares
    weights = sampled_weights(ranking, samples, seed)
    u = ranking.utilities
    cands = _candidates(u, np.array([c.weight for c in ranking.criteria]), table)
    if len(cands) <= TOP:
        shares[cands] = 1.0
        return shares
    counts = np.zeros(len(cands), dtype=np.int64)
    chunk = max(1, _CHUNK_ROWS // len(cands))
    for s0 in range(0, samples, chunk):
        counts += _top_counts(u[cands], table.name_order[cands], weights[s0:s0 + chunk], n)
    shares[cands] = counts / samples
    return shares


def _top_counts(u: np.ndarray, name_order: np.ndarray, weights: np.ndarray, n: int) -> np.ndarray:
    """How often each of the rows of ``u`` is in the top three over ``weights`` (one sample per row)."""
    c, k = u.shape
    s = len(weights)
    scale = weights / weights.sum(axis=1, keepdims=True) * 100.0  # what ``rank`` multiplies by, per sample
    contrib = u[:, None, :] * scale[None, :, :]  # (client, sample, criterion): what ``rank`` multiplies, per sample
    scores = scores_of(contrib.reshape(c * s, k))
    key = (100_000_000 - micro(scores)) * n + np.repeat(name_order, s)  # the order ``rank`` sorts by
    top = np.argpartition(key.reshape(c, s), TOP - 1, axis=0)[:TOP]
    return np.bincount(top.ravel(), minlength=c)


def _candidates(u: np.ndarray, base: np.ndarray, table: ScoreTable) -> np.ndarray:
    """Rows that reach the top three for some factors in the box (a superset: see the module doc)."""
    lo_s, hi_s = score_bounds(u, base)
    third = np.partition(lo_s, len(lo_s) - TOP)[len(lo_s) - TOP]
    rows = np.flatnonzero(hi_s >= third - _MARGIN)
    # identical utilities tie in every sample: keep the first three of each group by name
    _, group = np.unique(u[rows], axis=0, return_inverse=True)
    group = group.ravel()
    by = np.lexsort((table.name_order[rows], group))
    g = group[by]
    start = np.r_[0, np.flatnonzero(g[1:] != g[:-1]) + 1]
    place = np.arange(len(by)) - np.repeat(start, np.diff(np.r_[start, len(by)]))
    return np.sort(rows[by[place < TOP]])


def score_bounds(u: np.ndarray, base: np.ndarray, spread: float = SPREAD) -> tuple[np.ndarray, np.ndarray]:
    """Each row's lowest and highest score (0-100) when every weight may move by up to ``spread``.

    score(f) = sum(b f u) / sum(b f) is largest when the factors are high on
    the criteria where u is above the optimum and low elsewhere: so the best of
    the k + 1 corners "raise the m best criteria, lower the rest" is exact.
    """
    lo, hi = 1.0 - spread, 1.0 + spread
    out = []
    for sign in (1.0, -1.0):  # max, then min (the max of -u)
        order = np.argsort(-sign * u, axis=1, kind="stable")
        us = np.take_along_axis(u, order, axis=1)
        bs = base[order]
        bu = np.cumsum(bs * us, axis=1)
        b = np.cumsum(bs, axis=1)
        zero = np.zeros((len(u), 1))
        bu, b = np.hstack([zero, bu]), np.hstack([zero, b])
        num = hi * bu + lo * (bu[:, -1:] - bu)
        den = hi * b + lo * (b[:, -1:] - b)
        ratio = num / den * 100.0
        out.append(ratio.max(axis=1) if sign > 0 else ratio.min(axis=1))
    return out[1], out[0]


@dataclass(frozen=True)
class Swap:
    """The smallest change of one weight that puts the client at #4 above the one at #3."""

    key: str
    old_weight: float
    new_weight: float
    third: str  # the client now at #3
    fourth: str  # the client now at #4


def smallest_swap(ranking: Ranking, step: float = WEIGHT_STEP, max_weight: float = 100.0) -> Swap | None:
    """Over all criteria, the weight change (in steps of ``step``) that swaps #3 and #4 the soonest; None if none can."""
    if len(ranking) <= TOP:
        return None
    third, fourth = ranking.order[TOP - 1], ranking.order[TOP]
    u = ranking.utilities
    w = np.array([c.weight for c in ranking.criteria])
    gap = float(w @ (u[third] - u[fourth]))  # >= 0: the weighted lead of #3 (score gap times total weight / 100)
    best: Swap | None = None
    for j, crit in enumerate(ranking.criteria):
        d = float(u[fourth, j] - u[third, j])
        if d == 0:
            continue
        target = crit.weight + gap / d  # where the two tie
        new = (math.floor(target / step) * step if d < 0 else math.ceil(target / step) * step)
        for _ in range(3):  # at the tie the name decides: step on until #4 is really above #3
            if not 0 <= new <= max_weight or (best and abs(new - crit.weight) >= abs(best.new_weight - best.old_weight)):
                new = None  # type: ignore[assignment]
                break
            if new != crit.weight and _above(ranking, j, new, fourth, third):
                break
            new += step if d > 0 else -step
        else:
            new = None  # type: ignore[assignment]
        if new is not None:
            best = Swap(crit.key, crit.weight, float(new), ranking.table.names[third], ranking.table.names[fourth])
    return best


def _above(ranking: Ranking, j: int, weight: float, a: int, b: int) -> bool:
    """Whether row ``a`` ranks above row ``b`` with criterion ``j`` at ``weight``."""
    criteria = tuple(replace(c, weight=weight) if i == j else c for i, c in enumerate(ranking.criteria))
    if sum(c.weight for c in criteria) <= 0:
        return False
    other = rank(ranking.table, criteria)
    place = np.empty(len(other.order), dtype=np.int64)
    place[other.order] = np.arange(len(other.order))
    return bool(place[a] < place[b])


@dataclass(frozen=True)
class Dropped:
    """The top three without one criterion (its weight set to 0)."""

    key: str
    top: tuple[str, ...]  # the new top three; () when the criterion is the only one with weight
    left: tuple[str, ...]  # of the current top three, who falls out
    entered: tuple[str, ...]  # who comes in


def drop_each(ranking: Ranking) -> list[Dropped]:
    """For every criterion with weight: the top three it would leave without it."""
    now = ranking.top(TOP)
    out = []
    for j, crit in enumerate(ranking.criteria):
        if crit.weight <= 0:
            continue
        criteria = tuple(replace(c, weight=0.0) if i == j else c for i, c in enumerate(ranking.criteria))
        if sum(c.weight for c in criteria) <= 0:
            out.append(Dropped(crit.key, (), (), ()))
            continue
        top = rank(ranking.table, criteria).top(TOP)
        out.append(Dropped(crit.key, tuple(top), tuple(x for x in now if x not in top), tuple(x for x in top if x not in now)))
    return out


@dataclass(frozen=True)
class Robustness:
    """Everything the app and the CLI say about how sure the top three is."""

    shares: np.ndarray  # aligned with the table's rows
    swap: Swap | None
    dropped: tuple[Dropped, ...]
    samples: int
    seed: int

    def share_of(self, ranking: Ranking, place: int) -> float:
        """The share of the client at ``place`` (0 = #1)."""
        return float(self.shares[ranking.order[place]])


def robustness(ranking: Ranking, samples: int = SAMPLES, seed: int = SEED) -> Robustness:
    return Robustness(top3_shares(ranking, samples, seed), smallest_swap(ranking), tuple(drop_each(ranking)), samples, seed)


def with_top3_shares(ranking: Ranking, records: list[dict]) -> list[dict]:
    """``ranking.records()`` with each client's ``top3_share`` (0-1) after its score (the JSON shape of ``rank``)."""
    shares = top3_shares(ranking)
    out = []
    for rec, i in zip(records, ranking.order.tolist()):
        rec = dict(rec)
        contributions = rec.pop("contributions")
        out.append({**rec, "top3_share": float(shares[i]), "contributions": contributions})
    return out


def brute_force_shares(ranking: Ranking, samples: int = SAMPLES, seed: int = SEED) -> np.ndarray:
    """``top3_shares`` the slow, obvious way: ``scoring.rank`` once per sampled weighting (for tests)."""
    weights = sampled_weights(ranking, samples, seed)
    counts = np.zeros(len(ranking.table.names))
    for row in weights:
        criteria: Sequence = tuple(replace(c, weight=float(x)) for c, x in zip(ranking.criteria, row))
        counts[rank(ranking.table, criteria).order[:TOP]] += 1
    return counts / max(samples, 1)
