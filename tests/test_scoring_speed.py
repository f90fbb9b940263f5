"""``scoring.rank`` gives exactly (bit for bit) what the plain steps give.

``rank`` keeps utilities on the ``ScoreTable`` between calls and folds names only
for tied scores; none of that may change a score, a contribution or the order,
not even in the last bit (ties are decided after rounding to 6 decimals, so one
bit can move a client).
"""
from __future__ import annotations

import dataclasses
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from freelancekit.portfolio.model import Criterion
from freelancekit.portfolio.validation import name_key
from freelancekit.ranking import scoring
from freelancekit.ranking.scoring import rank, scores_of, table_from_arrays, utilities


def _table(n: int, seed: int = 3, missing: float = 0.1):
    rng = np.random.default_rng(seed)
    criteria = [
        Criterion("r0", "R0", "rating", "higher", 1.0, 1, 5),
        Criterion("r1", "R1", "rating", "lower", 2.0, 0, 10),
        Criterion("n0", "N0", "number", "higher", 0.5),
        Criterion("n1", "N1", "number", "lower", 3.0),
        Criterion("n2", "N2", "number", "higher", 1.0),  # all equal: u = 1
    ]
    values = np.column_stack([
        rng.integers(1, 6, n), rng.integers(0, 11, n), rng.uniform(0, 200, n).round(2),
        rng.choice([10.0, 20.0, 45.5], n), np.full(n, 7.0),
    ]).astype(float)
    values[rng.random(values.shape) < missing] = np.nan
    names = [f"Client {i}" if i % 3 else f"client {i}" for i in rng.permutation(n)]
    return table_from_arrays(names, values, [c.key for c in criteria]), criteria


def _plain_rank(table, criteria, weights):
    """The same ranking with nothing kept between calls and numpy's own row sum and argsort."""
    crit = [dataclasses.replace(c, weight=weights.get(c.key, c.weight)) for c in criteria]
    u = np.ascontiguousarray(utilities(table, crit))
    w = np.array([c.weight for c in crit])
    contributions = u * (w / w.sum() * 100.0)
    scores = np.clip(contributions.sum(axis=1), 0.0, 100.0)
    micro = np.array([round(round(float(s), 6) * 1e6) for s in scores], dtype=np.int64)
    order = np.lexsort((table.name_order, -micro))
    return u, contributions, scores, order


@pytest.mark.parametrize("k", [1, 7, 8, 9, 16, 17, 200])
def test_a_rows_score_is_numpys_row_sum_whatever_the_layout_or_how_many_rows_at_once(k):
    """robustness sums all its sampled weightings in one array: each row must still get ``rank``'s bits."""
    rng = np.random.default_rng(k)
    a = rng.random((3000, k)) * rng.choice([1e-9, 1e-3, 1.0, 1e3, 1e6], size=(3000, k)) / k
    expected = np.clip(a.sum(axis=1), 0.0, 100.0)
    assert np.array_equal(scores_of(np.asfortranarray(a)), expected)
    assert all(scores_of(a[i:i + 1])[0] == expected[i] for i in range(0, 3000, 7))


def test_ranking_again_with_new_weights_equals_a_fresh_ranking():
    table, criteria = _table(5000)
    rng = np.random.default_rng(0)
    first = rank(table, criteria)
    for _ in range(5):
        weights = {c.key: float(x) for c, x in zip(criteria, rng.choice([0, 0.5, 1, 2.5, 11], len(criteria)))}
        weights["r0"] = 1.0
        again = rank(table, criteria, weights)
        fresh = rank(dataclasses.replace(table), criteria, weights)
        u, contributions, scores, order = _plain_rank(table, criteria, weights)
        for got in (again, fresh):
            assert np.array_equal(got.utilities, u)
            assert np.array_equal(got.contributions, contributions)
            assert np.array_equal(got.scores, scores)
            assert np.array_equal(got.order, order)
            counted = np.array([weights.get(c.key, c.weight) > 0 for c in criteria])
            assert np.array_equal(got.incomplete, np.isnan(table.values[:, counted]).any(axis=1))
        assert again.utilities is first.utilities  # kept, not recomputed


def test_a_new_direction_or_scale_recomputes_the_utilities():
    table, criteria = _table(300)
    before = rank(table, criteria)
    flipped = [dataclasses.replace(c, direction="lower" if c.direction == "higher" else "higher") for c in criteria]
    rescaled = [dataclasses.replace(c, lo=0, hi=20) if c.kind == "rating" else c for c in criteria]
    for changed in (flipped, rescaled):
        got = rank(table, changed)
        assert got.utilities is not before.utilities
        assert np.array_equal(got.utilities, rank(dataclasses.replace(table), changed).utilities)
        assert np.array_equal(got.order, _plain_rank(table, changed, {})[3])
    # flipping back gives the first utilities again
    assert np.array_equal(rank(table, criteria).utilities, before.utilities)


def _scores_table(n, rng):
    names = [f"n{i:05d}" for i in rng.permutation(n)]
    names = [x.upper() if i % 2 else x for i, x in enumerate(names)]  # the tie order folds case
    return table_from_arrays(names, np.zeros((n, 1)), ["x"])


def _expected_order(scores, names):
    return sorted(range(len(scores)), key=lambda i: (-round(float(scores[i]), 6), name_key(names[i]), i))


@pytest.mark.parametrize("n", [1, 2, 31, 2048, 20_000])
def test_the_order_with_many_ties_is_by_rounded_score_then_name(n):
    rng = np.random.default_rng(n)
    # few distinct scores (many ties decided by name), both ends of 0-100, and values a hair apart
    scores = rng.choice([0.0, 100.0, 50.0, 50.0000004, 50.0000006, 12.3456785, 99.9999995], n)
    table = _scores_table(n, rng)
    assert scoring._order(scores, table).tolist() == _expected_order(scores, table.names)


@pytest.mark.parametrize("n", [40, 5000])
def test_the_order_with_few_ties_folds_only_the_tied_names_and_is_the_same_order(n):
    rng = np.random.default_rng(n)
    scores = rng.uniform(0, 100, n).round(4)
    scores[rng.choice(n, 2, replace=False)] = 42.0  # one tie of two ...
    scores[rng.choice(n, 1)] = 42.0000004  # ... that a third joins after rounding
    table = _scores_table(n, rng)
    assert scoring._order(scores, table).tolist() == _expected_order(scores, table.names)
    assert "name_order" not in vars(table)  # the names of the tied rows only were folded


def test_kept_arrays_are_read_only():
    table, criteria = _table(50)
    r = rank(table, criteria)
    for a in (table.values, table.name_order, r.utilities, r.incomplete):
        with pytest.raises(ValueError):
            a[0] = 0
    # the caller's own array stays writable
    values = np.ones((2, 1))
    table_from_arrays(["a", "b"], values, ["x"])
    values[0, 0] = 2.0


_NAME_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", "Ärzte", "ärzte", "A\u0308rzte", "STRASSE", "straße", "ǅ", "ﬃ", "\u00001", "a\u0000", "x" * 70, "İ", "i\u0307",
     "مكتبة", "مكتبة النور", "ﻣﻜﺘﺒﺔ", "Émile", "E\u0301mile", "zoë"])
_WEIGHTS = [0.5, 1.0, 2.5, 11.0, 1e-9]


def _criteria(weights):
    return st.builds(
        lambda kind, lower, weight, scale: Criterion("?", "?", kind, "lower" if lower else "higher", weight, *scale),
        st.sampled_from(["rating", "number"]), st.booleans(), st.sampled_from(weights), st.sampled_from([(1, 5), (0, 10)]))

_VALUE = st.none() | st.sampled_from([0.0, 1.0, 3.0, 5.0, 10.0]) | st.floats(0, 1e6, allow_nan=False)


def _straightforward_ranking(names, rows, criteria):
    """docs/ranking.md ("The score") one value at a time: utilities, points, score, then a sort with a key."""
    columns = list(zip(*rows)) if rows else [()] * len(criteria)
    w = np.array([c.weight for c in criteria])
    total = w.sum()
    points = [[0.0] * len(criteria) for _ in rows]
    for j, (c, col) in enumerate(zip(criteria, columns)):
        given_ = [x for x in col if x is not None]
        lo, hi = (c.lo, c.hi) if c.kind == "rating" else (min(given_, default=0.0), max(given_, default=0.0))
        for i, x in enumerate(col):
            if x is None:
                continue
            u = 1.0 if hi == lo else (x - lo) / (hi - lo)
            if c.direction == "lower" and hi != lo:
                u = 1.0 - u
            points[i][j] = u * (c.weight / total * 100.0)
    scores = [min(max(float(np.sum(p)), 0.0), 100.0) for p in points]  # numpy's sum of the row (pairwise from 8 terms)
    order = sorted(range(len(rows)), key=lambda i: (-round(scores[i], 6), name_key(names[i]), i))
    return points, scores, order


@settings(max_examples=80)
@given(_criteria(_WEIGHTS), st.lists(_criteria([0.0, *_WEIGHTS]), max_size=9), st.randoms(use_true_random=False), st.data())
def test_rank_equals_a_straightforward_ranking_on_random_portfolios(counted, others, random, data):
    """Mixed-script names (some equal once folded), tied scores, missing values, weights 0, up to 10 criteria."""
    criteria = [counted, *others]
    random.shuffle(criteria)  # the criterion that surely counts may be anywhere
    criteria = [dataclasses.replace(c, key=f"c{j}", label=f"C{j}") for j, c in enumerate(criteria)]
    rows = data.draw(st.lists(st.tuples(*[_VALUE] * len(criteria)), max_size=60))
    names = data.draw(st.lists(_NAME_TEXT, min_size=len(rows), max_size=len(rows)))
    # a rating stays on its scale, as the validator keeps it
    rows = [tuple(x if x is None or c.kind != "rating" else min(max(x, c.lo), c.hi) for c, x in zip(criteria, r)) for r in rows]
    values = np.array([[np.nan if x is None else x for x in r] for r in rows], dtype=float).reshape(len(rows), len(criteria))
    points, scores, order = _straightforward_ranking(names, rows, criteria)
    for few_ties in (0.0, 1.0):  # ties decided by the whole table's name order, then by folding only the tied names
        with mock.patch.object(scoring, "_FEW_TIES", few_ties):
            got = rank(table_from_arrays(names, values, [c.key for c in criteria]), criteria)
        assert got.order.tolist() == order
        assert got.scores.tolist() == scores
        assert got.contributions.tolist() == points


def test_unrated_of_every_row_at_once_is_unrated_row_by_row():
    table, criteria = _table(300, missing=0.3)
    criteria = [dataclasses.replace(criteria[1], weight=0.0) if c is criteria[1] else c for c in criteria]
    ranking = rank(table, criteria)
    assert ranking.unrated_by_row() == [tuple(ranking.unrated(i)) for i in range(300)]
    assert any(ranking.unrated_by_row()) and all("r1" not in u for u in ranking.unrated_by_row())
