"""A criterion of your own starts at weight 0 and marks nobody incomplete until it counts;
``Store.set_value`` saves one client's value on one criterion and nothing else (docs/ranking.md)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from freelancekit.cli import main
from freelancekit.errors import InvalidInput, NotFound
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.storage import Store
from freelancekit.ranking.scoring import rank, score_table
from freelancekit.records.rank import rank_portfolio


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "p.sqlite") as s:
        s.replace_all(demo_portfolio())
        yield s


def test_a_new_criterion_without_a_weight_starts_at_0_and_changes_nothing(store):
    before = rank_portfolio(store).records()
    crit = store.add_criterion({"label": "Referrals"})
    assert crit.weight == 0 and store.criteria()[-1].weight == 0
    after = rank_portfolio(store).records()
    strip = lambda rs: [(r["name"], r["score"], r["incomplete"]) for r in rs]  # noqa: E731
    assert strip(after) == strip(before)
    assert store.add_criterion({"label": "Stress", "weight": 2}).weight == 2  # a weight given is kept


def test_incomplete_counts_only_criteria_that_count(store):
    store.add_criterion({"label": "Referrals"})
    p = store.portfolio()
    table = score_table(p.clients, p.criteria)
    at_zero = rank(table, p.criteria)
    assert [r["name"] for r in at_zero.records() if r["incomplete"]] == ["مكتبة النور"]  # only its missing "learning"
    assert {r["name"]: r["unrated"] for r in at_zero.records()}["مكتبة النور"] == ["learning"]
    raised = rank(table, p.criteria, {"referrals": 1})
    assert raised.incomplete.all() and all(r["unrated"][-1] == "referrals" for r in raised.records())
    no_learning = rank(table, p.criteria, {"learning": 0})
    assert not no_learning.incomplete.any()  # the bookshop's only gap now counts for nothing
    assert rank(table, p.criteria, {"learning": 0}).incomplete is no_learning.incomplete  # worked out once per set of counted criteria


def test_rank_json_names_the_unrated_criteria(store, capsys):
    store.add_criterion({"label": "Referrals"})
    assert main(["rank", "--db", str(store.path), "--format", "json", "--weight", "referrals=1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all("referrals" in r["unrated"] and r["incomplete"] for r in data)


def test_set_value_saves_one_value_and_nothing_else(store):
    crit = store.add_criterion({"label": "Referrals", "lo": 0, "hi": 10})
    c = store.clients()[0]
    saved = store.set_value(c.id, crit.key, "7")
    assert saved.values[crit.key] == 7 and saved.revision == c.revision + 1
    assert {k: v for k, v in saved.values.items() if k != crit.key} == {k: v for k, v in c.values.items()}
    assert (saved.name, saved.notes, saved.services, saved.start_date) == (c.name, c.notes, c.services, c.start_date)
    assert store.set_value(c.id, crit.key, "").values[crit.key] is None
    with pytest.raises(InvalidInput, match="referrals"):
        store.set_value(c.id, crit.key, 11)
    with pytest.raises(NotFound):
        store.set_value(c.id, "nope", 1)
    with pytest.raises(NotFound):
        store.set_value(10**6, crit.key, 1)


def test_set_value_checks_the_scale_saved_now(store, tmp_path):
    crit = store.add_criterion({"label": "Referrals", "lo": 1, "hi": 10})
    with Store(store.path) as other:  # another tab narrows the scale meanwhile
        other.update_criterion(crit.key, {"hi": 5})
    c = store.clients()[0]
    with pytest.raises(InvalidInput, match="1 to 5"):
        store.set_value(c.id, crit.key, 8)
    assert np.isnan(score_table(store.clients(), store.criteria()).values[0, -1])
