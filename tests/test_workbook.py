"""The Python API of the notebook templates (docs/notebooks.md): DataFrames, what-if, charts, drafting."""
from __future__ import annotations

import numpy as np
import pytest

from freelancekit import workbook
from freelancekit.drafts.store import DraftsPart
from freelancekit.portfolio.api import create_demo
from freelancekit.ranking.explain import explain
from freelancekit.ranking.robustness import top3_shares
from freelancekit.records.rank import rank_portfolio


@pytest.fixture
def store(tmp_path):
    s = create_demo(tmp_path / "demo.sqlite")
    yield s
    s.close()


def test_clients_frame_has_a_row_per_client_and_the_values_as_entered(store):
    frame = workbook.clients_frame(store)
    clients = store.clients()
    assert list(frame.name) == [c.name for c in clients]
    keys = [c.key for c in store.criteria()]
    assert list(frame.columns[-len(keys) - 1:-1]) == keys
    for row, c in zip(frame.itertuples(), clients):
        for k in keys:
            v = getattr(row, k)
            assert (np.isnan(v) and c.values.get(k) is None) or v == c.values.get(k)
        assert row.incomplete == any(c.values.get(k) is None for k in keys)
        assert row.services == "; ".join(c.services)
        assert row.paid_in == (c.currency or store.profile().currency) and row.title == c.title


def test_ranking_frame_gives_values_points_and_shares(store):
    ranking = rank_portfolio(store)
    frame = workbook.ranking_frame(ranking)
    assert list(frame.name) == ranking.top(len(ranking))
    keys = ranking.table.keys
    points = frame[[f"{k}_points" for k in keys]].sum(axis=1)
    assert np.allclose(points, frame.score)
    assert list(frame.top3_share) == list(top3_shares(ranking)[ranking.order])
    brightpath = frame[frame.name == "Brightpath Software"].iloc[0]
    assert brightpath["hourly_rate"] == 95 and brightpath["rank"] == 1
    assert "top3_share" not in workbook.ranking_frame(ranking, shares=False)


def test_what_if_ranks_with_other_weights_and_saves_nothing(store):
    before = (store.portfolio(), store.data_version())
    trial = workbook.what_if(store, {"learning": 0, "hourly_rate": 5})
    assert trial.top(3) == rank_portfolio(store, {"learning": 0, "hourly_rate": 5}).top(3)
    assert trial.top(3) != rank_portfolio(store).top(3)
    assert (store.portfolio(), store.data_version()) == before


def test_why_by_name_or_place(store):
    ranking = rank_portfolio(store)
    assert workbook.why(ranking, "summit outdoor gear") == explain(ranking, 1)
    assert workbook.why(ranking, 0, "ar") == explain(ranking, 0, "ar")
    with pytest.raises(KeyError, match="no client is called 'Nobody'"):
        workbook.why(ranking, "Nobody")
    assert len(workbook.sure_lines(ranking)) == 1 + 3 + 1 + 4  # the demo: dropping ease or enjoyment gives the same top three


def test_charts_are_plotly_figures(store):
    import plotly.graph_objects as go

    ranking = rank_portfolio(store)
    bars, radar = workbook.contribution_chart(ranking, top_n=5), workbook.radar_chart(ranking)
    assert isinstance(bars, go.Figure) and isinstance(radar, go.Figure)
    assert len(bars.data) == 5 and len(bars.data[0].y) == 5 and len(radar.data) == 3


def test_draft_for_a_chosen_client_saves_nothing(store):
    before = store.data_version()
    draft = workbook.draft_for(store, "flow yoga collective", tone="formal")
    assert draft.client_name == "Flow Yoga Collective" and draft.tone == "formal" and draft.body
    assert workbook.draft_for(store).client_name == rank_portfolio(store).top(1)[0]
    assert store.data_version() == before and DraftsPart(store).all() == {} or not DraftsPart(store).all()


def test_clients_frame_says_what_each_rate_is_written_in(store):
    store.add_client({"name": "Nord Bureau", "currency": "EUR", "title": "dr_f", "hourly_rate": 90})
    frame = workbook.clients_frame(store).set_index("name")
    assert frame.loc["Nord Bureau", ["paid_in", "title", "hourly_rate"]].tolist() == ["EUR", "dr_f", 90]
    assert set(frame.drop("Nord Bureau").paid_in) == {store.profile().currency}
