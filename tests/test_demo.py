"""The demo portfolio: valid, realistic, marked as demo, and creatable from the CLI."""
from __future__ import annotations

from freelancekit.portfolio.api import create_demo
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import builtin_criteria, make_client
from freelancekit.records.rank import rank_portfolio


def test_demo_portfolio_is_valid_and_realistic():
    p = demo_portfolio()
    assert p.is_demo and p.profile.name and p.profile.email and len(p.profile.services) >= 5
    assert len(p.clients) == 12 and len({c.key for c in p.clients}) == 12
    assert p.criteria == builtin_criteria()
    offered = {s.name for s in p.profile.services}
    for c in p.clients:
        assert make_client({**c.__dict__, "values": dict(c.values)}, p.criteria) == c  # passes validation unchanged
        assert set(c.services) <= offered and c.contact_name and c.email
    assert any(not c.last_win for c in p.clients) and any(c.values["learning"] is None for c in p.clients)
    assert any(any("\u0600" <= ch <= "\u06ff" for ch in c.name) for c in p.clients)  # an Arabic client


def test_demo_ranking_is_stable():
    top = [r["name"] for r in rank_portfolio(demo_portfolio()).records()[:3]]
    assert top == rank_portfolio(demo_portfolio()).top(3) and len(set(top)) == 3


def test_create_demo_writes_a_marked_demo(tmp_path):
    with create_demo(tmp_path / "d.sqlite") as s:
        assert s.is_demo() and s.client_count() == 12
        assert s.portfolio().clients[0].revision == 1
