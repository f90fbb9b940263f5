"""How sure the top three is (freelancekit/ranking/robustness.py; rules in docs/ranking.md)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from freelancekit.portfolio.model import Criterion, builtin_criteria
from freelancekit.ranking import robustness as R
from freelancekit.ranking.scoring import rank, table_from_arrays


def portfolio(n: int, seed: int, *, ratings_only: bool = False, missing: float = 0.05):
    rng = np.random.default_rng(seed)
    criteria = list(builtin_criteria())
    criteria = [replace(c, weight=float(w)) for c, w in zip(criteria, rng.integers(0, 6, size=5))]
    if sum(c.weight for c in criteria) == 0:
        criteria[0] = replace(criteria[0], weight=1.0)
    values = np.empty((n, 5))
    values[:, 0] = rng.integers(1, 5, size=n) * 10 if ratings_only else rng.uniform(20, 150, size=n).round(0)
    values[:, 1:] = rng.integers(1, 6, size=(n, 4))
    values[rng.random((n, 5)) < missing] = np.nan
    names = [f"Client {i:04d}" for i in rng.permutation(n)]
    return table_from_arrays(names, values, [c.key for c in criteria]), criteria


def add_rows(table, criteria, rows, names):
    values = np.vstack([np.asarray(table.values), np.array(rows, dtype=float)])
    return table_from_arrays([*table.names, *names], values, table.keys), criteria


def test_a_client_better_on_every_criterion_is_always_in_the_top_three():
    table, criteria = portfolio(300, 1, missing=0)
    table, criteria = add_rows(table, criteria, [[151, 5, 5, 5, 5]], ["Zenith"])
    r = rank(table, criteria)
    shares = R.top3_shares(r, 2000)
    assert shares[table.names.index("Zenith")] == 1.0


def test_a_client_beaten_by_three_others_on_every_criterion_is_never_in_the_top_three():
    table, criteria = portfolio(50, 2, missing=0)
    better = [[160, 5, 5, 5, 5], [159, 5, 5, 5, 5], [158, 5, 5, 5, 5]]
    table, criteria = add_rows(table, criteria, [*better, [157, 4, 4, 4, 4]], ["A", "B", "C", "Dominated"])
    r = rank(table, criteria)
    shares = R.top3_shares(r, 2000)
    assert shares[table.names.index("Dominated")] == 0.0
    assert [shares[table.names.index(x)] for x in "ABC"] == [1.0, 1.0, 1.0]


@pytest.mark.parametrize("seed", range(6))
def test_shares_equal_ranking_every_sample_with_rank(seed):
    """The fast count against ``scoring.rank`` once per sample, same seed: identical, ties included."""
    table, criteria = portfolio([40, 200, 7, 120, 2100, 60][seed], seed, ratings_only=seed % 2 == 1)
    r = rank(table, criteria)
    samples = 60 if len(table.names) > 2000 else 400
    fast = R.top3_shares(r, samples, seed=seed)
    slow = R.brute_force_shares(r, samples, seed=seed)
    assert np.array_equal(fast, slow)
    assert fast.sum() == pytest.approx(min(3, len(table.names)))


def test_the_same_seed_gives_the_same_answer_and_another_seed_may_not():
    table, criteria = portfolio(400, 7)
    r = rank(table, criteria)
    a, b, c = R.top3_shares(r, 3000, seed=1), R.top3_shares(r, 3000, seed=1), R.top3_shares(r, 3000, seed=2)
    assert np.array_equal(a, b)
    assert a.sum() == pytest.approx(3.0) and c.sum() == pytest.approx(3.0)
    assert np.all((a >= 0) & (a <= 1))


def test_identical_clients_tie_in_every_sample_and_the_name_decides():
    crit = [Criterion("a", "A", weight=1.0), Criterion("b", "B", weight=1.0)]
    values = np.array([[5, 5]] * 5 + [[1, 1]], dtype=float)
    table = table_from_arrays(["e", "d", "c", "b", "a", "z"], values, ["a", "b"])
    shares = R.top3_shares(rank(table, crit), 500)
    assert dict(zip(table.names, shares)) == {"a": 1.0, "b": 1.0, "c": 1.0, "d": 0.0, "e": 0.0, "z": 0.0}


def test_a_tie_across_third_place_goes_to_the_name_first_in_order():
    crit = [Criterion("a", "A", weight=1.0), Criterion("b", "B", weight=3.0)]
    values = np.array([[5, 5], [3, 4], [3, 4], [3, 4], [1, 1]], dtype=float)
    table = table_from_arrays(["Top", "Wren", "Ash", "Moss", "Last"], values, ["a", "b"])
    r = rank(table, crit)
    shares = dict(zip(table.names, R.top3_shares(r, 500)))
    assert shares == {"Top": 1.0, "Ash": 1.0, "Moss": 1.0, "Wren": 0.0, "Last": 0.0}
    assert np.array_equal(R.top3_shares(r, 500), R.brute_force_shares(r, 500))


def test_three_clients_or_fewer_are_all_always_in_the_top_three():
    crit = [Criterion("a", "A")]
    table = table_from_arrays(["x", "y"], np.array([[1.0], [5.0]]), ["a"])
    assert R.top3_shares(rank(table, crit)).tolist() == [1.0, 1.0]


def test_score_bounds_hold_every_sampled_score_and_are_reached():
    table, criteria = portfolio(100, 3)
    r = rank(table, criteria)
    base = np.array([c.weight for c in criteria])
    lo, hi = R.score_bounds(r.utilities, base)
    w = R.sampled_weights(r, 4000)
    scores = r.utilities @ (w / w.sum(axis=1, keepdims=True)).T * 100
    assert np.all(scores.min(axis=1) >= lo - 1e-9) and np.all(scores.max(axis=1) <= hi + 1e-9)
    corners = np.array(np.meshgrid(*[[0.75, 1.25]] * 5)).reshape(5, -1).T * base
    exact = r.utilities @ (corners / corners.sum(axis=1, keepdims=True)).T * 100
    assert np.allclose(exact.max(axis=1), hi) and np.allclose(exact.min(axis=1), lo)


def _place(ranking, row):
    return int(np.flatnonzero(ranking.order == row)[0])


def test_the_smallest_swap_swaps_and_nothing_smaller_does():
    table, criteria = portfolio(30, 4, missing=0)
    r = rank(table, criteria)
    swap = R.smallest_swap(r)
    assert swap is not None
    third, fourth = r.order[2], r.order[3]
    assert (swap.third, swap.fourth) == (table.names[third], table.names[fourth])
    j = table.keys.index(swap.key)
    moved = rank(table, [replace(c, weight=swap.new_weight) if i == j else c for i, c in enumerate(criteria)])
    assert _place(moved, fourth) < _place(moved, third)
    size = abs(swap.new_weight - swap.old_weight)
    for i, c in enumerate(criteria):  # every smaller change of one weight, on the 0.1 grid, leaves #3 above #4
        for step in np.arange(1, round(size / 0.1)):
            for new in (c.weight - step * 0.1, c.weight + step * 0.1):
                if new < 0 or (new == 0 and sum(x.weight for x in criteria) == c.weight):
                    continue
                other = rank(table, [replace(x, weight=new) if k == i else x for k, x in enumerate(criteria)])
                assert _place(other, third) < _place(other, fourth), (c.key, new)


def test_no_swap_when_one_client_beats_the_other_everywhere():
    crit = [Criterion("a", "A"), Criterion("b", "B")]
    table = table_from_arrays(["p", "q", "r", "s"], np.array([[5, 5], [5, 4], [4, 4], [3, 3]], dtype=float), ["a", "b"])
    assert R.smallest_swap(rank(table, crit)) is None


def test_dropping_a_criterion_ranks_without_it():
    table, criteria = portfolio(25, 5, missing=0)
    r = rank(table, criteria)
    dropped = R.drop_each(r)
    assert [d.key for d in dropped] == [c.key for c in criteria if c.weight > 0]
    for d in dropped:
        expect = rank(table, criteria, {d.key: 0}).top(3)
        assert list(d.top) == expect
        assert set(d.left) == set(r.top(3)) - set(expect) and set(d.entered) == set(expect) - set(r.top(3))


def test_dropping_the_only_weighted_criterion_says_so():
    crit = [Criterion("a", "A", weight=2.0), Criterion("b", "B", weight=0.0)]
    table = table_from_arrays(["p", "q", "r", "s"], np.array([[5, 1], [4, 2], [3, 3], [2, 4]], dtype=float), ["a", "b"])
    assert R.drop_each(rank(table, crit)) == [R.Dropped("a", (), (), ())]
