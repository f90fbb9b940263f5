"""The fast paths of ``scoring.rank`` give exactly (bit for bit) what the plain numpy steps give.

``rank`` keeps utilities on the ``ScoreTable`` between calls, sums rows column by
column and sorts many clients with a radix sort; none of that may change a score,
a contribution or the order, not even in the last bit (ties are decided after
rounding to 6 decimals, so one bit can move a client).
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from freelancekit.portfolio.model import Criterion
from freelancekit.portfolio.validation import name_key
from freelancekit.ranking.scoring import _order, _row_sums, names_in_order, rank, table_from_arrays, utilities


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


@pytest.mark.parametrize("k", [*range(1, 20), 31, 32, 33, 127, 128, 129, 200])
def test_row_sums_equal_numpys_row_sum_bit_for_bit(k):
    rng = np.random.default_rng(k)
    a = rng.random((3000, k)) * rng.choice([1e-9, 1e-3, 1.0, 1e3, 1e6], size=(3000, k))
    expected = a.sum(axis=1)
    assert np.array_equal(_row_sums(np.asfortranarray(a)), expected)
    assert np.array_equal(_row_sums(a), expected)  # a row-major array takes numpy's own sum


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


@pytest.mark.parametrize("n", [1, 2047, 2048, 20_000])
def test_radix_order_equals_argsort_with_many_ties(n):
    rng = np.random.default_rng(n)
    # few distinct scores (many ties decided by name), both ends of 0-100, and values a hair apart
    scores = rng.choice([0.0, 100.0, 50.0, 50.0000004, 50.0000006, 12.3456785, 99.9999995], n)
    names = [f"n{i:05d}" for i in rng.permutation(n)]
    table = table_from_arrays(names, np.zeros((n, 1)), ["x"])
    micro = np.array([round(round(float(s), 6) * 1e6) for s in scores], dtype=np.int64)
    assert np.array_equal(_order(scores, table), np.lexsort((table.name_order, -micro)))


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
    ["", "Ärzte", "ärzte", "A\u0308rzte", "STRASSE", "straße", "ǅ", "ﬃ", "\u00001", "a\u0000", "x" * 70, "İ", "i\u0307"])


@given(st.lists(_NAME_TEXT, max_size=40))
def test_name_order_is_pythons_sort_by_name_key(names):
    """Folded as one string and sorted as bytes chunks, the order is still sorted(key=name_key), ties by row."""
    expected = sorted(range(len(names)), key=lambda i: name_key(names[i]))
    assert names_in_order(names).tolist() == expected


def test_name_order_of_many_long_and_short_names():
    rng = np.random.default_rng(11)
    names = [f"Client {i:06d}" + ("é" * int(rng.integers(0, 4))) for i in rng.permutation(5000)]
    names += ["Z" * 80, "z" * 79, "Client 000001"]  # longer than the chunk sort takes: numpy's string sort
    expected = sorted(range(len(names)), key=lambda i: name_key(names[i]))
    assert names_in_order(names).tolist() == expected
    assert names_in_order(names[:5000]).tolist() == sorted(range(5000), key=lambda i: name_key(names[i]))


def test_unrated_of_every_row_at_once_is_unrated_row_by_row():
    table, criteria = _table(300, missing=0.3)
    criteria = [dataclasses.replace(criteria[1], weight=0.0) if c is criteria[1] else c for c in criteria]
    ranking = rank(table, criteria)
    assert ranking.unrated_by_row() == [tuple(ranking.unrated(i)) for i in range(300)]
    assert any(ranking.unrated_by_row()) and all("r1" not in u for u in ranking.unrated_by_row())
