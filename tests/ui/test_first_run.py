"""The guided first run, without a browser: an empty portfolio opens on three steps and ends on the ranking."""
from __future__ import annotations

import pytest

from freelancekit.portfolio.starter import STARTERS
from freelancekit.records.store import RecordsPart
from freelancekit.ui import dom
from freelancekit.ui.app import TAB_OF_VIEW, build
from freelancekit.ui.common import literal_text

CLIENTS_CSV = (
    "Client,Contact,Email,Services,Rate\n"
    "Atlas Studio,Ann Lee,ann@atlas.example,Blog posts,90\n"
    "Cedar Legal,Bo Ray,bo@cedar.example,Blog posts;Email newsletter,70\n"
).encode()
INVOICES_CSV = (
    "client,invoice,issued,due,amount,paid_on,paid_amount\n"
    "Atlas Studio,A-1,2026-09-01,2026-09-15,900,2026-09-10,900\n"
    "Cedar Legal,C-1,2026-09-01,2026-09-15,700,2026-10-20,700\n"
).encode()


@pytest.fixture
def guided(tmp_path):
    app = build(tmp_path / "mine.sqlite")  # a named file that does not exist yet
    yield app
    app.store.close()


def test_a_new_named_portfolio_opens_empty_on_the_guide_with_the_tabs_hidden(guided):
    assert not guided.store.is_demo() and guided.store.client_count() == 0
    assert guided.guide is not None and guided.guide.widget in guided.root.children
    assert guided.tabs.layout.display == "none" and guided.views.built() == {}
    assert guided.guide.name == "services" and guided.guide.back.layout.display == "none"


def test_one_click_adds_a_starter_service_at_its_price_and_a_second_click_takes_it_back(guided):
    step = guided.guide.step("services")
    row = step.rows[0]
    row.price.value = "350"
    row.pick.value = True
    (service,) = guided.store.profile().services
    assert service.name == "Blog posts" and service.price_hint == "from $350" and service.value
    assert "1 service in your profile" in literal_text(step.count)
    row.pick.value = False
    assert guided.store.profile().services == ()


def test_every_kind_of_freelancer_has_starters_named_in_both_languages(guided):
    from freelancekit.language import i18n
    from freelancekit.portfolio.starter import starter_name, starter_value

    for starters in STARTERS.values():
        for s in starters:
            for loc in ("en", "ar"):
                assert starter_name(s, loc) != s.key and starter_value(s, loc)
            assert starter_name(s, "ar") != starter_name(s, "en")
    assert i18n.t("starter.price_from", "ar", price="90") == "ابتداءً من 90"


def test_the_clients_step_waits_for_a_client_and_previews_every_column_with_the_rate(guided):
    guide = guided.guide
    guide.on_next()
    assert guide.name == "clients" and guide.next.disabled
    step = guide.step("clients")
    step.importer.load("clients.csv", CLIENTS_CSV)
    preview = step.importer.preview.value
    assert 'data-column="hourly_rate"' in preview and ">90<" in preview and "Email newsletter" in preview
    step.importer.on_confirm()
    assert guided.store.client_count() == 2 and not guide.next.disabled
    assert "2 clients so far" in literal_text(step.count)


def test_a_first_client_by_hand_with_a_refused_rate_says_so_next_to_the_rate(guided):
    guided.guide.on_next()
    step = guided.guide.step("clients")
    step.name.input.value, step.rate.input.value = "Blue Harbor", "lots"
    step.on_add()
    assert step.rate.error_text and guided.store.client_count() == 0
    step.rate.input.value = "45"
    step.on_add()
    (client,) = guided.store.clients()
    assert client.name == "Blue Harbor" and client.values["hourly_rate"] == 45


def test_records_switch_the_measured_criteria_on_saying_so_and_one_click_undoes_it(guided):
    guide = guided.guide
    guide.on_next()
    guide.step("clients").importer.load("clients.csv", CLIENTS_CSV)
    guide.step("clients").importer.on_confirm()
    guide.on_next()
    assert guide.name == "records" and guide.next.description == "See my ranking"
    step = guide.step("records")
    step.importer.load(INVOICES_CSV)
    step.importer.on_confirm()
    assert RecordsPart(guided.store).sources()["on_time_payment"] == "records"
    assert "On-time payment" in literal_text(step.note) and step.switch_row.layout.display == "flex"
    step.on_undo()
    assert RecordsPart(guided.store).sources()["on_time_payment"] == "rating"
    assert "Back to your ratings" in literal_text(step.note)
    step.importer.load(INVOICES_CSV)  # once undone, another import switches nothing by itself
    step.importer.on_confirm()
    assert RecordsPart(guided.store).sources()["on_time_payment"] == "rating"


def test_the_last_step_ends_on_the_ranking_tab_and_the_guide_goes(guided):
    guide = guided.guide
    guide.on_next()
    guide.step("clients").importer.load("clients.csv", CLIENTS_CSV)
    guide.step("clients").importer.on_confirm()
    guide.on_next()
    guide.on_next()
    assert guided.guide is None and guide.widget not in guided.root.children
    assert guided.tabs.layout.display is None and guided.tabs.selected_index == TAB_OF_VIEW["ranking"]
    assert "ranking" in guided.views.built()
    assert dom.tab("ranking") in guided.views["ranking"].widget._dom_classes


def test_skip_leaves_the_guide_for_the_tabs_and_start_my_own_opens_it(app):
    app.start_own()
    assert app.guide is not None and app.guide.name == "services"
    app.guide.on_skip()
    assert app.guide is None and app.tabs.layout.display is None


def test_the_guide_speaks_arabic_in_an_arabic_portfolio(tmp_path):
    from freelancekit.portfolio.api import open_portfolio

    db = tmp_path / "ar.sqlite"
    with open_portfolio(db) as store:
        store.save_profile({**store.profile().__dict__, "services": (), "locale": "ar"})
    app = build(db)
    try:
        assert app.guide.next.description == "التالي: عملاؤك"
        assert app.guide.step("services").rows[0].pick.description == "مقالات المدونة"
    finally:
        app.store.close()


def test_the_language_is_the_guides_first_choice_and_the_guide_starts_again_in_it(guided):
    guided.guide.language.value = "ar"
    assert guided.store.profile().locale == "ar"
    assert guided.guide is not None and guided.guide.next.description == "التالي: عملاؤك"
    assert dom.RTL in guided.root._dom_classes
