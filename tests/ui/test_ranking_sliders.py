"""The weight sliders move the ranking while dragged, and the table's pay map is built once per clients, not per step."""
from __future__ import annotations

import html
import re

from freelancekit.portfolio.api import open_portfolio
from freelancekit.ranking.robustness import robustness
from freelancekit.ranking.scoring import rank
from freelancekit.ui.ranking_insight import sure_html, top_three_html


def shown_names(view) -> list[str]:
    return [html.unescape(n) for n in re.findall(r'fk-rank-name"><bdi>(.*?)</bdi>', view.table.value)]


def fresh_ranking(app, db):
    """The ranking computed from scratch for the weights as saved (another reader of the file)."""
    with open_portfolio(db) as store:
        criteria = store.criteria()
    return rank(app.state.score_table(), criteria)


def test_every_weight_slider_sends_its_value_while_dragged(app):
    sliders = app.views["criteria"].sliders
    assert sliders and all(s.continuous_update for s in sliders.values())


def test_a_dragged_slider_leaves_the_table_and_the_explanation_on_the_final_weights(app, demo_db):
    view, slider = app.views["ranking"], app.views["criteria"].sliders["learning"]
    orders = []
    for value in [x / 2 for x in range(1, 21)] + [9.5, 7.0, 4.0, 2.5, 1.5]:  # up to the end, then back: the page's drag
        slider.value = value
        orders.append(list(view.ranking.order))
    assert len({tuple(o) for o in orders}) > 1, "the drag must change the order, or this test proves nothing"
    final = fresh_ranking(app, demo_db)
    assert [c.weight for c in final.criteria if c.key == "learning"] == [1.5]
    assert list(view.ranking.order) == list(final.order) != orders[-2]
    shown = shown_names(view)
    assert shown and shown == [final.table.names[i] for i in final.order][:len(shown)]
    assert view.insight.top.value == top_three_html(final, app.state.locale, app.state.digits)
    assert view.insight.sure_box.value == sure_html(final, robustness(final), app.state.locale, app.state.digits)


def _set_currency(app, name: str, code: str) -> None:
    view = app.views["clients"]
    view.open_client(app.store.client_by_name(name).saved_id)
    view.form.fields["currency"].input.value = code
    view.form.on_save()
    assert app.store.client_by_name(name).currency == code, view.form.fields["currency"].error_text


def test_the_pay_map_is_kept_across_weight_changes_and_built_again_when_the_clients_or_currency_change(app):
    view = app.views["ranking"]
    first, second = app.store.clients()[:2]
    _set_currency(app, first.name, "SAR")
    paid = view._paid_in[2]
    assert paid == {first.name: ("SAR", first.values["hourly_rate"])}
    for value in (2.5, 6.0, 3.0):
        app.views["criteria"].sliders["ease"].value = value
        assert view._paid_in[2] is paid  # a weight step walks no client
    assert "SAR/h" in view.table.value
    _set_currency(app, second.name, "EGP")
    assert set(view._paid_in[2]) == {first.name, second.name}
    app.views["profile"].fields["currency"].input.value = "SAR"  # the user's own currency now: that client is paid in it
    assert app.state.profile().currency == "SAR"
    assert set(view._paid_in[2]) == {second.name}
