"""The profile form shows a service's and a package's names in both languages; drafts in either language use them."""
from __future__ import annotations

import pytest

from freelancekit.drafts.drafting import compose_draft
from freelancekit.language.bidi import strip_marks
from freelancekit.portfolio.starter import STARTERS, starter_name, starter_value
from freelancekit.portfolio.storage import Store
from freelancekit.ui import dom
from freelancekit.ui.app import build
from freelancekit.ui.common import error_text

BLOG_AR = "إدارة المدونة"
BLOG_VALUE_AR = "خطة تحرير ونشر ومتابعة حتى لا تتوقف المدونة"


def _row(view, name):  # type: ignore[no-untyped-def]
    return next(r for r in view.service_rows if r.name.value == name)


def _line_classes(row, n):  # type: ignore[no-untyped-def]
    """The DOM classes of the inputs on line ``n`` of a service row (its language tag left out)."""
    return [set(c._dom_classes) for c in row.widget.children[n].children[1:]]


@pytest.fixture
def arabic_page(demo_db):
    with Store(demo_db) as s:
        s.save_profile({**s.profile().__dict__, "locale": "ar", "services": s.profile().services})
    built = build(db_path=demo_db)
    yield built
    built.store.close()


def test_a_service_row_shows_both_languages_on_two_labelled_lines_with_english_first_on_an_english_page(app):
    row = app.views["profile"].service_rows[0]
    first, second = row.widget.children[0], row.widget.children[1]
    assert [first.children[0].value, second.children[0].value] == ["English", "العربية"]
    assert dom.SERVICE_NAME in _line_classes(row, 0)[0] and dom.SERVICE_PRICE in _line_classes(row, 0)[2]
    assert [dom.SERVICE_NAME_AR in _line_classes(row, 1)[0], dom.SERVICE_VALUE_AR in _line_classes(row, 1)[1]] == [True, True]
    assert all("fk-dir-rtl" in c for c in _line_classes(row, 1)) and "fk-dir-ltr" in _line_classes(row, 0)[0]
    assert [row.name_ar.description, row.value_ar.description] == ["Service in Arabic", "Why a client wants it, in Arabic"]
    assert all(dom.NAMED in t._dom_classes for t in (row.name, row.value, row.price, row.name_ar, row.value_ar))


def test_remove_is_out_of_the_tab_order_so_moving_on_from_a_rows_last_field_never_lands_on_it(app):
    row = app.views["profile"].service_rows[0]
    assert row.remove.tabbable is False
    assert all(t.tabbable is not False for t in (row.name, row.value, row.price, row.name_ar, row.value_ar))


def test_an_arabic_page_puts_the_arabic_line_first_with_the_price(arabic_page):
    row = arabic_page.views["profile"].service_rows[0]
    first, second = row.widget.children[0], row.widget.children[1]
    assert [first.children[0].value, second.children[0].value] == ["العربية", "English"]
    assert first.children[1] is row.name_ar and row.price in first.children and second.children[1] is row.name
    assert row.name_ar.description == "الخدمة بالعربية"


def test_typing_in_the_arabic_fields_saves_them_exactly_and_an_arabic_draft_uses_them(app):
    view = app.views["profile"]
    row = _row(view, "Blog management")
    row.name_ar.value = BLOG_AR
    row.value_ar.value = BLOG_VALUE_AR
    saved = app.store.profile().service("Blog management")
    assert saved is not None and (saved.name, saved.name_ar, saved.value_ar) == ("Blog management", BLOG_AR, BLOG_VALUE_AR)
    assert saved.value == "an editorial calendar, publishing and upkeep so the blog never goes quiet"  # the English line kept
    row.price.value = "from $650 per month"  # saving another field keeps the Arabic ones
    assert app.store.profile().service("Blog management").name_ar == BLOG_AR
    portfolio = app.store.portfolio()
    client = next(c for c in portfolio.clients if c.name == "Summit Outdoor Gear")
    draft = compose_draft(portfolio, client, services=["Blog management"], packages=False, locale="ar")
    body = strip_marks(draft.body)
    assert BLOG_AR in body and BLOG_VALUE_AR in body and "Blog management" not in body
    english = compose_draft(portfolio, client, services=["Blog management"], packages=False, locale="en")
    assert "Blog management" in strip_marks(english.body) and BLOG_AR not in strip_marks(english.body)


def test_a_service_named_in_arabic_only_is_valid_and_an_english_draft_falls_back_to_its_arabic_name(app):
    view = app.views["profile"]
    view.add_service()
    row = view.service_rows[-1]
    row.name_ar.value = "كتابة النصوص الإعلانية"
    row.value_ar.value = "نصوص تقنع القارئ بالشراء"
    assert error_text(view.services_error) == "" and error_text(row.error) == ""
    saved = app.store.profile().services[-1]
    assert (saved.name, saved.name_ar, saved.value, saved.value_ar) == ("", "كتابة النصوص الإعلانية", "", "نصوص تقنع القارئ بالشراء")
    assert "كتابة النصوص الإعلانية" in app.store.profile().service_names()
    app.views["profile"].show()
    assert (row.name.value, row.name_ar.value) == ("", "كتابة النصوص الإعلانية")  # shown as typed, not copied across
    portfolio = app.store.portfolio()
    client = next(c for c in portfolio.clients if c.name == "Summit Outdoor Gear")
    english = strip_marks(compose_draft(portfolio, client, services=["كتابة النصوص الإعلانية"], packages=False, locale="en").body)
    assert "كتابة النصوص الإعلانية" in english and "نصوص تقنع القارئ بالشراء" in english


def test_a_package_shows_and_saves_its_arabic_name_and_keeps_it_when_another_field_changes(app):
    editor = app.views["profile"].packages
    first = editor.rows[0]
    assert first.name_ar.description == "Package in Arabic" and "fk-dir-rtl" in first.name_ar._dom_classes
    first.name_ar.value = "الباقة الأساسية"
    assert app.store.profile().packages[0].name_ar == "الباقة الأساسية"
    first.note.value = "per month, billed quarterly"
    saved = app.store.profile().packages[0]
    assert (saved.name, saved.name_ar, saved.price_note) == ("Essentials", "الباقة الأساسية", "per month, billed quarterly")
    portfolio = app.store.portfolio()
    client = next(c for c in portfolio.clients if c.name == "Summit Outdoor Gear")
    assert "الباقة الأساسية" in strip_marks(compose_draft(portfolio, client, locale="ar").body)


def test_picking_a_starter_service_fills_both_languages_in_the_profile_form(tmp_path):
    guided = build(tmp_path / "mine.sqlite")
    try:
        step = guided.guide.step("services")
        step.rows[0].pick.value = True
        starter = STARTERS["writer"][0]
        (service,) = guided.store.profile().services
        assert (service.name, service.value) == (starter_name(starter, "en"), starter_value(starter, "en"))
        assert (service.name_ar, service.value_ar) == (starter_name(starter, "ar"), starter_value(starter, "ar"))
        row = guided.views["profile"].service_rows[0]
        assert (row.name.value, row.name_ar.value, row.value_ar.value) == (service.name, service.name_ar, service.value_ar)
        step.rows[0].pick.value = False  # a second click takes it back (the toggle is named in the page's language)
        assert guided.store.profile().services == ()
    finally:
        guided.store.close()
