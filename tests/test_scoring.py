"""Scoring and ranking against an independent re-derivation of docs/ranking.md ("The score").

``reference_ranking`` is written straight from that text in plain Python
(no numpy, nothing from ``freelancekit.ranking.scoring``), so a slip in the vectorised
code shows up as a disagreement on random portfolios.
"""
from __future__ import annotations

import math
import unicodedata

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from freelancekit.errors import InvalidInput
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import Client, Criterion, Portfolio, Profile, builtin_criteria
from freelancekit.ranking.scoring import rank, score_table, table_from_arrays
from freelancekit.records.rank import rank_portfolio


# -- the reference: docs/ranking.md, line by line ----------------------------------------
def reference_ranking(clients: list[Client], criteria: list[Criterion], weights: dict[str, float] | None = None):
    weight = {c.key: float((weights or {}).get(c.key, c.weight)) for c in criteria}
    total = sum(weight.values())
    if total == 0:
        raise ZeroDivisionError("all weights zero")
    utility: dict[tuple[int, str], float] = {}
    for c in criteria:
        present = [cl.values.get(c.key) for cl in clients if cl.values.get(c.key) is not None]
        for i, cl in enumerate(clients):
            v = cl.values.get(c.key)
            if v is None:
                u = 0.0  # "a missing value gets u = 0"
            elif c.kind == "rating":
                u = (v - c.lo) / (c.hi - c.lo)
                if c.direction == "lower":
                    u = 1 - u
            else:
                lo, hi = min(present), max(present)
                if hi == lo:
                    u = 1.0  # "when max = min every client gets u = 1"
                else:
                    u = (v - lo) / (hi - lo)
                    if c.direction == "lower":
                        u = 1 - u
            utility[i, c.key] = u
    rows = []
    for i, cl in enumerate(clients):
        score = 100 * sum(weight[c.key] * utility[i, c.key] for c in criteria) / total
        contributions = {c.key: 100 * weight[c.key] * utility[i, c.key] / total for c in criteria}
        # a criterion at weight 0 changes no score: a missing value there marks nobody (docs/ranking.md)
        incomplete = any(cl.values.get(c.key) is None for c in criteria if weight[c.key] > 0)
        rows.append((cl.name, score, contributions, incomplete))
    rows.sort(key=lambda r: (-round(r[1], 6), unicodedata.normalize("NFC", r[0]).casefold()))
    return rows


# -- random portfolios -----------------------------------------------------------
NAME_POOL = [
    "Acme", "acme studio", "Émile Durand", "E\u0301mile Dupont", "émile", "Zoë", "ZOE", "mañana", "Straße", "STRASSE co",
    "مكتبة النور", "شركة الأفق", "ليلى", "☕ Coffee", "🚀 Rocket Labs", "İstanbul Tea", "Ǆemal", "bob", "Bob's Bakery", "ß",
]


def _name_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


@st.composite
def criterion_lists(draw):
    n = draw(st.integers(1, 6))
    out = []
    for j in range(n):
        kind = draw(st.sampled_from(["rating", "number"]))
        lo = draw(st.integers(-3, 3))
        hi = lo + draw(st.integers(1, 9))
        out.append(Criterion(
            key=f"c{j}", label=f"Criterion {j}", kind=kind, direction=draw(st.sampled_from(["higher", "lower"])),
            weight=draw(st.sampled_from([0, 0, 0.5, 1, 1, 2, 3, 10])), lo=lo, hi=hi,
        ))
    return out


@st.composite
def portfolios(draw):
    criteria = draw(criterion_lists())
    names = draw(st.lists(st.one_of(st.sampled_from(NAME_POOL), st.text(min_size=1, max_size=8)),
                          max_size=12, unique_by=_name_key))
    # a small pool of values per number criterion makes ties and all-equal columns common
    pools = {c.key: draw(st.lists(st.one_of(st.integers(0, 300).map(float), st.sampled_from([0.5, 45.5, 1e6])),
                                  min_size=1, max_size=4)) for c in criteria}
    clients = []
    for name in names:
        values = {}
        for c in criteria:
            if draw(st.integers(0, 5)) == 0:
                values[c.key] = None
            elif c.kind == "rating":
                values[c.key] = float(draw(st.integers(c.lo, c.hi)))
            else:
                values[c.key] = draw(st.sampled_from(pools[c.key]))
        clients.append(Client(name=name, values=values))
    return clients, criteria


def _check_against_reference(clients, criteria, weights=None):
    ranking = rank(score_table(clients, criteria), criteria, weights)
    expected = reference_ranking(clients, criteria, weights)
    records = ranking.records()
    assert [r["name"] for r in records] == [e[0] for e in expected]
    assert [r["rank"] for r in records] == list(range(1, len(clients) + 1))
    for got, (_name, score, contributions, incomplete) in zip(records, expected):
        assert got["score"] == pytest.approx(score, abs=1e-9)
        assert 0 <= got["score"] <= 100 + 1e-9
        assert got["contributions"] == pytest.approx(contributions, abs=1e-9)
        assert list(got["contributions"]) == [c.key for c in criteria]
        assert got["incomplete"] is incomplete
    return ranking


@given(portfolios())
def test_scores_ranks_contributions_match_the_spec(data):
    clients, criteria = data
    assume(sum(c.weight for c in criteria) > 0)
    _check_against_reference(clients, criteria)


@given(portfolios(), st.data())
def test_weight_overrides_match_the_spec(data, more):
    clients, criteria = data
    weights = {c.key: more.draw(st.sampled_from([0, 1, 2.5, 7])) for c in criteria if more.draw(st.booleans())}
    assume(sum(weights.get(c.key, c.weight) for c in criteria) > 0)
    _check_against_reference(clients, criteria, weights)


@given(portfolios())
def test_all_weights_zero_is_an_error(data):
    clients, criteria = data
    zero = {c.key: 0 for c in criteria}
    with pytest.raises(InvalidInput) as exc:
        rank(score_table(clients, criteria), criteria, zero)
    assert str(exc.value) == "weights: all weights are zero: give at least one criterion a weight above 0"


# -- hand-checked examples ---------------------------------------------------------
def _crit(key, kind="rating", direction="higher", weight=1.0, lo=1, hi=5):
    return Criterion(key, key, kind, direction, weight, lo, hi)


def test_worked_example():
    criteria = [_crit("rate", "number"), _crit("ease", weight=3)]
    clients = [Client("A", values={"rate": 100.0, "ease": 1.0}), Client("B", values={"rate": 50.0, "ease": 5.0}),
               Client("C", values={"rate": 75.0, "ease": None})]
    r = rank(score_table(clients, criteria), criteria).records()
    # B: rate u=0, ease u=1 -> 100*3/4 = 75; A: rate u=1, ease u=0 -> 25; C: rate u=.5, ease missing -> 12.5
    assert [(x["name"], x["score"], x["incomplete"]) for x in r] == [("B", 75.0, False), ("A", 25.0, False), ("C", 12.5, True)]
    assert r[2]["contributions"] == {"rate": 12.5, "ease": 0.0}


def test_equal_numbers_give_everyone_full_utility_in_both_directions():
    for direction in ("higher", "lower"):
        criteria = [_crit("rate", "number", direction)]
        clients = [Client("x", values={"rate": 40.0}), Client("y", values={"rate": 40.0}), Client("z", values={"rate": None})]
        r = rank(score_table(clients, criteria), criteria).records()
        assert [(x["name"], x["score"]) for x in r] == [("x", 100.0), ("y", 100.0), ("z", 0.0)]


def test_lower_is_better_and_custom_scale():
    criteria = [_crit("hours", "number", "lower"), _crit("stress", "rating", "lower", lo=0, hi=10)]
    clients = [Client("a", values={"hours": 10.0, "stress": 0.0}), Client("b", values={"hours": 30.0, "stress": 10.0}),
               Client("c", values={"hours": 20.0, "stress": 5.0})]
    r = rank(score_table(clients, criteria), criteria).records()
    assert [(x["name"], x["score"]) for x in r] == [("a", 100.0), ("c", 50.0), ("b", 0.0)]


def test_ties_are_ordered_by_casefolded_nfc_name():
    criteria = [_crit("ease")]
    names = ["zoë", "Émile", "E\u0301mile B", "apple", "Ärger", "مكتبة", "Bob"]
    clients = [Client(n, values={"ease": 3.0}) for n in names]
    got = [x["name"] for x in rank(score_table(clients, criteria), criteria).records()]
    assert got == sorted(names, key=lambda n: unicodedata.normalize("NFC", n).casefold())
    assert got == ["apple", "Bob", "zoë", "Ärger", "Émile", "E\u0301mile B", "مكتبة"]  # code point order of casefold


def test_scores_equal_after_rounding_to_6_decimals_tie():
    table = table_from_arrays(["b", "a", "c"], np.array([[0.5 + 1e-9], [0.5], [0.5 + 1e-6]]), ["x"])
    crit = [Criterion("x", "x", "number", "higher", 1.0)]
    # min 0.5, max 0.500001: b ~ 0.001 -> score 0.1 ; a = 0 ; c = 100
    r = rank(table, crit)
    assert [table.names[i] for i in r.order] == ["c", "b", "a"]
    tied = table_from_arrays(["b", "a"], np.array([[50.0000001], [50.0000004]]), ["x"])
    crit = [Criterion("x", "x", "rating", "higher", 1.0, 0, 100)]
    r = rank(tied, crit)
    assert r.scores[0] != r.scores[1]
    assert [tied.names[i] for i in r.order] == ["a", "b"]  # equal after rounding: by name


def test_half_way_rounding_matches_python_round():
    # 0.0000005 is not exactly representable; Python rounds the exact binary value
    scores = np.array([12.3456785, 0.0000005, 99.9999995, 2.5e-7])
    from freelancekit.ranking.scoring import micro
    assert micro(scores).tolist() == [round(round(float(s), 6) * 1e6) for s in scores]


def test_ranking_frame_top_and_empty():
    p = demo_portfolio()
    r = rank_portfolio(p)
    assert len(r) == 12
    assert r.top(3) == [x["name"] for x in r.records()[:3]]
    df = r.frame
    assert list(df.columns) == ["rank", "name", "id", "score", "incomplete", *[c.key for c in p.criteria]]
    assert df["score"].is_monotonic_decreasing
    assert df.loc[df["name"] == "مكتبة النور", "incomplete"].item()
    assert df[[c.key for c in p.criteria]].sum(axis=1).to_numpy() == pytest.approx(df["score"].to_numpy())
    empty = rank_portfolio(Portfolio(Profile(), builtin_criteria(), ()))
    assert len(empty) == 0 and empty.records() == [] and empty.top() == []


def test_rank_rejects_unknown_or_bad_weights_and_mismatched_tables():
    p = demo_portfolio()
    with pytest.raises(InvalidInput) as exc:
        rank_portfolio(p, {"speed": 2})
    assert str(exc.value) == "weight: 'speed' is not a criterion: choose one of ease, enjoyment, hourly_rate, learning, on_time_payment"
    with pytest.raises(InvalidInput) as exc:
        rank_portfolio(p, {"ease": "-1"})
    assert str(exc.value) == "ease: must be a number from 0 to 100"
    with pytest.raises(ValueError):
        rank(score_table(p.clients, p.criteria), p.criteria[:2])
    assert math.isclose(sum(rank_portfolio(p, {"ease": "2,5"}).records()[0]["contributions"].values()),
                        rank_portfolio(p, {"ease": 2.5}).records()[0]["score"])
