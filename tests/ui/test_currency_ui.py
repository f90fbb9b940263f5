"""Currencies in the app (docs/currencies.md): a client's currency in the form, both amounts in the ranking, rates in the profile."""
from __future__ import annotations

import html
import re
from datetime import date, timedelta

from freelancekit.ui import dom


def _cell_texts(view) -> dict[str, str]:
    """Each client's pay cell as shown, by name (the first value cell is the pay rate's in the demo)."""
    out = {}
    for row in re.findall(r'<tr class="[^"]*fk-rank-row[^"]*"(.*?)</tr>', view.table.value, flags=re.S):
        name = re.sub("<[^>]+>", "", re.search(r'fk-rank-name"><bdi>(.*?)</bdi>', row).group(1))
        pay = re.search(r'<td class="fk-rank-value[^"]*" title="[^"]*" data-points="[^"]*"><bdi>(.*?)</bdi>', row, flags=re.S).group(1)
        out[html.unescape(name)] = re.sub("<[^>]+>|[\u2066-\u2069]", "", html.unescape(pay))
    return out


def _set_currency(app, name: str, code: str) -> None:
    view = app.views["clients"]
    client = app.store.client_by_name(name)
    view.open_client(client.saved_id)
    view.form.fields["currency"].input.value = code
    view.form.on_save()
    assert app.store.client_by_name(name).currency == code, view.form.fields["currency"].error_text


def test_a_client_in_riyals_shows_both_amounts_and_an_egp_client_becomes_comparable_once_its_rate_is_entered(app):
    first = app.store.clients()[0]
    pay = first.values["hourly_rate"]
    _set_currency(app, first.name, "SAR")
    second = app.store.clients()[1]
    _set_currency(app, second.name, "EGP")
    ranking = app.views["ranking"]
    cells = _cell_texts(ranking)
    assert f"{pay:g} SAR/h ≈ {pay / 3.75:.2f}".rstrip("0").rstrip(".") in cells[first.name].replace(",", "")
    assert "at 3.75" in cells[first.name]
    assert "needs a rate for EGP" in cells[second.name]
    assert second.name in ranking.not_compared.value
    editor = app.views["profile"].rates
    editor.currency.value, editor.value.value, editor.quote.value = "EGP", "0.0205", "USD"
    editor.save(confirm=False)
    assert editor.error.value == "", editor.error.value
    ranking = app.views["ranking"]
    assert ranking.not_compared.value == ""
    assert "≈" in _cell_texts(ranking)[second.name] and "at 48.78" in _cell_texts(ranking)[second.name]


def test_a_bad_currency_in_the_form_is_refused_next_to_the_field(app):
    view = app.views["clients"]
    client = app.store.clients()[0]
    view.open_client(client.saved_id)
    view.form.fields["currency"].input.value = "USX"
    view.form.on_save()
    assert "not a currency code" in view.form.fields["currency"].error_text
    assert app.store.client(client.saved_id).currency == client.currency


def test_a_rate_that_moves_a_lot_is_questioned_then_saved_on_confirmation(app):
    editor = app.views["profile"].rates
    today = date.today()
    editor.currency.value, editor.value.value, editor.day.value = "EGP", "0.02", today - timedelta(days=10)
    editor.save(confirm=False)
    saved_before = app.store.user_rates()
    assert len(saved_before) == 1 and "EGP" in editor.list.children[0].children[0].value
    editor.value.value, editor.day.value = "0.2", today - timedelta(days=5)
    editor.save(confirm=False)
    assert editor.confirm_button.layout.display != "none" and "900" in editor.error.value
    assert app.store.user_rates() == saved_before  # nothing stored until confirmed
    editor.save(confirm=True)
    assert len(app.store.user_rates()) == 2 and editor.confirm_button.layout.display == "none"
    assert all(dom.RATE_ROW in c._dom_classes for c in editor.list.children)


def test_the_ranking_s_downloads_give_a_client_in_riyals_both_amounts_and_an_egp_client_no_converted_pay(app):
    import base64
    import csv
    import io

    from openpyxl import load_workbook

    first, second = app.store.clients()[:2]
    _set_currency(app, first.name, "SAR")
    _set_currency(app, second.name, "EGP")
    view = app.views["ranking"]
    view.download.prepare.click()
    payloads = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', view.download.links.value))
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(base64.b64decode(payloads["ranking.csv"]).decode("utf-8-sig")))}
    typed = first.values["hourly_rate"]
    riyals, pounds = rows[first.name], rows[second.name]
    assert (riyals["paid_in"], riyals["pay_rate_original"], riyals["rate_source"]) == ("SAR", f"{typed:.2f}", "peg")
    assert riyals["pay_rate"] == f"{typed / 3.75:.2f}" and float(riyals["rate"]) == 1 / 3.75
    assert (pounds["paid_in"], pounds["pay_rate"], pounds["rate"], pounds["needs_rate"]) == ("EGP", "", "", "EGP")
    sheet = load_workbook(io.BytesIO(base64.b64decode(payloads["ranking.xlsx"]))).active
    header, *cells = [[c.value for c in row] for row in sheet.iter_rows()]
    by_name = {dict(zip(header, r))["name"]: dict(zip(header, r)) for r in cells}
    assert by_name[first.name]["pay_rate_original"] == typed and by_name[second.name]["pay_rate"] is None
