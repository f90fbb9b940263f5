"""The profile's packages editor: saved as soon as a field is left, checked by the core, shown again as saved."""
from __future__ import annotations

from freelancekit.ui.common import error_text


def test_packages_are_edited_saved_and_refused_on_the_row_at_fault(app):
    view = app.views["profile"]
    editor = view.packages
    first, second, third = editor.rows
    assert first.name.value == "Essentials" and first.services.value == ("Blog management",) and first.price.value == "600"
    assert second.separate.value == "1050"
    third.services.value = ("Blog management",)  # drops the services of "Growth": refused, typed value kept
    assert "must include every service of 'Growth'" in error_text(third.error)
    assert [p.name for p in app.store.profile().packages] == ["Essentials", "Growth", "Complete"]
    assert app.store.profile().packages[2].services == ("Blog management", "SEO content refresh", "Case studies")
    third.services.value = ("Blog management", "SEO content refresh", "Email newsletter")
    assert error_text(third.error) == ""
    assert app.store.profile().packages[2].services == ("Blog management", "SEO content refresh", "Email newsletter")
    third.price.value = "1,400"
    assert app.store.profile().packages[2].price == 1400
    for widget, empty in ((third.name, ""), (third.services, ()), (third.price, ""), (third.note, ""), (third.separate, "")):
        widget.value = empty
    assert [p.name for p in app.store.profile().packages] == ["Essentials", "Growth"]  # an empty row is no package


def test_renaming_a_service_in_a_package_is_not_blocked_and_the_packages_follow(app):
    view = app.views["profile"]
    row = next(r for r in view.service_rows if r.name.value == "SEO content refresh")
    row.name.value = "SEO refresh"
    profile = app.store.profile()
    assert "SEO refresh" in profile.service_names() and error_text(view.services_error) == ""
    assert [p.services for p in profile.packages] == [
        ("Blog management",), ("Blog management",), ("Blog management", "Case studies")]
