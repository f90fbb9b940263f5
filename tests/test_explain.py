"""'Why #1' in words, checked against the scoring's contributions, in English and Arabic."""
from __future__ import annotations

import numpy as np
import pytest

from freelancekit.language import i18n
from freelancekit.language.bidi import strip_marks
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import Criterion
from freelancekit.ranking.explain import explain, why
from freelancekit.ranking.scoring import rank, score_table, table_from_arrays


@pytest.fixture(scope="module")
def demo_ranking():
    p = demo_portfolio()
    return rank(score_table(p.clients, p.criteria), p.criteria, {"hourly_rate": 3, "ease": 2, "learning": 0.5})


def label(ranking, key, locale):
    c = next(c for c in ranking.criteria if c.key == key)
    return i18n.criterion_label(c.key, c.label, locale)


@pytest.mark.parametrize("place", range(12))
def test_facts_come_from_the_contributions(demo_ranking, place):
    r = demo_ranking
    i, keys = r.order[place], r.table.keys
    w = np.array([c.weight for c in r.criteria])
    full = w / w.sum() * 100
    f = why(r, place)
    earned = np.argsort(-r.contributions[i], kind="stable")[:2]
    assert [k for k, _, _ in f.strongest] == [keys[j] for j in earned if r.contributions[i, j] > 0.05]  # earned something
    for k, p, fp in f.strongest:
        assert p == pytest.approx(r.contributions[i, keys.index(k)]) and fp == pytest.approx(full[keys.index(k)])
    rest = [j for j in range(len(keys)) if j not in earned]
    for k, missed in f.weakest:
        j = keys.index(k)
        assert missed == pytest.approx(full[j] - r.contributions[i, j])
        assert missed == pytest.approx(max(full[m] - r.contributions[i, m] for m in rest)) or k == f.weakest[1][0]
    other = r.order[place + 1] if place < 11 else r.order[place - 1]
    assert f.neighbour == r.table.names[other] and f.above == (place < 11)
    assert f.gap == pytest.approx(abs(r.scores[i] - r.scores[other]))
    if f.main is not None:
        lead = r.contributions[i] - r.contributions[other]  # negative where the client above leads
        j = keys.index(f.main[0])
        assert f.main[1] == pytest.approx(lead[j]) == pytest.approx(lead.max() if f.above else lead.min())


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_the_sentences_name_the_criteria_and_the_points(demo_ranking, locale):
    r = demo_ranking
    for place in (0, 1, 2, 11):
        f = why(r, place)
        text = strip_marks(explain(r, place, locale))
        for k, p, full in f.strongest:
            assert label(r, k, locale).casefold() in text.casefold() and f"{p:.1f}" in text and f"{full:.1f}" in text
        for k, missed in f.weakest:
            assert label(r, k, locale).casefold() in text.casefold() and f"{missed:.1f}" in text
        assert f.neighbour in text and f"{f.gap:.1f}" in text
        assert f.main is not None
        assert label(r, f.main[0], locale).casefold() in text.casefold()  # the criterion that separates them, not its points
        assert (f.main[1] > 0) == f.above


def test_english_reads_as_the_example():
    crit = [Criterion("on_time_payment", "On-time payment", weight=1.0), Criterion("ease", "Ease of working with", weight=1.0)]
    table = table_from_arrays(["Acme", "Summit"], np.array([[5.0, 3.0], [3.0, 4.0]]), [c.key for c in crit])
    r = rank(table, crit)
    text = explain(r, 0, "en")
    assert text.endswith("Ranked above Summit by 12.5 points, mostly thanks to on-time payment.")
    assert text.startswith("#1 Acme is strongest on on-time payment (50.0 of 50.0 points) and ease of working with (25.0 of 50.0 points).")
    assert "Ranked below Acme by 12.5 points, mostly because of on-time payment." in explain(r, 1, "en")
    ar = explain(r, 0, "ar")
    assert "يتقدّم على" in ar and ar.endswith("وأكثر ما يميّزه الالتزام بمواعيد الدفع.") and "+25.0" not in ar


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_a_tie_is_explained_by_the_name_order(locale):
    crit = [Criterion("a", "Quality", weight=1.0)]
    r = rank(table_from_arrays(["Beta", "Alpha"], np.array([[4.0], [4.0]]), ["a"]), crit)
    f = why(r, 0)
    assert f.tie and f.main is None and f.name == "Alpha"
    assert strip_marks(i18n.t("why.tie", locale, other="Beta")) in strip_marks(explain(r, 0, locale))


def test_a_lone_client_has_no_neighbour():
    r = rank(table_from_arrays(["Solo"], np.array([[4.0]]), ["a"]), [Criterion("a", "Quality")])
    assert why(r, 0).neighbour is None and "Solo" in explain(r, 0)


def test_criteria_without_weight_are_never_named():
    crit = [Criterion("a", "Quality", weight=1.0), Criterion("b", "Speed", weight=0.0)]
    r = rank(table_from_arrays(["P", "Q"], np.array([[5.0, 1.0], [1.0, 5.0]]), ["a", "b"]), crit)
    assert "speed" not in explain(r, 0).casefold() and "speed" not in explain(r, 1).casefold()


def _drop_case():
    crit = [Criterion("a", "Quality", weight=2.0), Criterion("b", "Speed", weight=1.0), Criterion("c", "Fun", weight=1.0)]
    values = np.array([[5, 5, 1], [4, 4, 5], [3, 5, 5], [5, 1, 1], [1, 1, 1]], dtype=float)
    return rank(table_from_arrays(["P", "Q", "R", "S", "T"], values, ["a", "b", "c"]), crit)


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_dropping_a_criterion_is_explained_from_the_new_ranking(locale):
    from freelancekit.ranking.explain import drop_text, same_outcome
    from freelancekit.ranking.robustness import drop_each

    r = _drop_case()
    now = r.top(3)
    for d in drop_each(r):
        text = strip_marks(drop_text(r, d, locale))
        other = rank(r.table, r.criteria, {d.key: 0}).top(3)
        assert list(d.top) == other
        assert label(r, d.key, locale).casefold() in text.casefold()
        if other == now:
            assert text == strip_marks(i18n.t("sure.drop_same", locale, criterion=text.split(":")[0].split(" ", 1)[1]))
        else:
            for name in set(now) - set(other):
                assert name in text
            for name in set(other) - set(now):
                assert name in text
    assert all(len({d.top for d in g}) == 1 for g in same_outcome(drop_each(r)))


def test_dropping_words_each_outcome():
    from freelancekit.ranking.explain import drop_text
    from freelancekit.ranking.robustness import Dropped

    r = _drop_case()
    now = tuple(r.top(3))
    assert drop_text(r, Dropped("a", now, (), ()), "en") == "Without quality: the same top three, in the same order."
    shuffled = (now[1], now[0], now[2])
    assert drop_text(r, Dropped("b", shuffled, (), ()), "en") == (
        f"Without speed: the same three, in another order ({shuffled[0]}, {shuffled[1]} and {shuffled[2]}).")
    changed = (now[0], now[1], "S")
    assert drop_text(r, Dropped("c", changed, (now[2],), ("S",)), "en") == (
        f"Without fun: {now[2]} leaves the top three and S comes in ({now[0]}, {now[1]} and S).")
    assert drop_text(r, Dropped("a", (), (), ()), "en") == "Only quality has a weight: without it nothing can be ranked."
    assert drop_text(r, [Dropped("b", now, (), ()), Dropped("c", now, (), ())], "en").startswith("Without speed and fun:")
    assert "بدون" in drop_text(r, Dropped("c", changed, (now[2],), ("S",)), "ar")


def test_a_criterion_that_earned_nothing_is_not_called_a_strength():
    crit = [Criterion("on_time_payment", "On-time payment", weight=1.0), Criterion("ease", "Ease of working with", weight=1.0)]
    table = table_from_arrays(["Rated", "Blank"], np.array([[5.0, 5.0], [np.nan, np.nan]]), [c.key for c in crit])
    r = rank(table, crit)
    assert why(r, 1).strongest == ()
    text = explain(r, 1, "en")
    assert "strongest" not in text and "(0.0 of" not in text and text.startswith("Ranked below Rated")


def test_two_clients_leaving_the_top_three_leave_it_in_the_plural():
    from freelancekit.ranking.explain import drop_text
    from freelancekit.ranking.robustness import Dropped

    r = _drop_case()
    now = tuple(r.top(3))
    text = drop_text(r, Dropped("c", (now[0], "S", "T"), (now[1], now[2]), ("S", "T")), "en")
    assert f"{now[1]} and {now[2]} leave the top three and S and T come in" in text
