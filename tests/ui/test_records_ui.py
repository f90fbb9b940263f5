"""The records in the app: the Import records panel, the rating/records switch, the ranking's marks,
income concentration and the drafts note (docs/records.md)."""
from __future__ import annotations

import html
import re

from records_scenario import MEASURED, MEASURED_FIRST, PAY_RATE_ONLY, TYPED_FIRST, invoices_file, toggl_file

from freelancekit.records.store import RecordsPart
from freelancekit.ui import dom
from freelancekit.ui.common import literal_text


def _ranked(app) -> list[str]:
    ranking = app.state.ranking()
    return [ranking.table.names[i] for i in ranking.order.tolist()]


def _import(app, data: bytes) -> None:
    view = app.views["records_import"]
    view.load(data)
    assert not view.confirm.disabled, literal_text(view.errors)
    view.on_confirm()


def test_import_switch_and_the_ranking_follows_the_measured_pay(app):
    app.store.set_weights(PAY_RATE_ONLY)
    app.state.invalidate("criteria")
    assert _ranked(app)[0] == TYPED_FIRST
    _import(app, toggl_file())
    view = app.views["records_import"]
    assert "6 time entries" in literal_text(view.message)
    # "sentinel  cyber" matched Sentinel Cyber ignoring case and spaces; Acme Unlisted matches nobody
    assert [r.children[0].value for r in view.unmatched.children[1:]] == ['<bdi data-name="Acme Unlisted">Acme Unlisted</bdi>']
    _import(app, invoices_file())
    assert _ranked(app)[0] == TYPED_FIRST  # still "my rating"
    app.views["records_sources"].switches["hourly_rate"].value = "records"
    assert RecordsPart(app.store).sources()["hourly_rate"] == "records"
    order = _ranked(app)
    assert order[0] == MEASURED_FIRST and order.index("Sentinel Cyber") > order.index("Polyglot Language School")  # 50 < 58
    html = app.views["ranking"].table.value
    assert html.count(dom.RECORDS_MEASURED) == 2 and 'data-records="3"' in html and dom.RECORDS_TYPED in html
    info = literal_text(app.views["records_sources"].infos["hourly_rate"])
    assert "Measured for 2 of 12 clients, from 6 records" in info
    provenance = app.state.records()[1]
    assert {k: round(v["hourly_rate"].value, 6) for k, v in provenance.measured.items()} == MEASURED
    # and back: the typed values rank again
    app.views["records_sources"].switches["hourly_rate"].value = "rating"
    assert _ranked(app)[0] == TYPED_FIRST


def test_unmatched_names_can_be_added_or_mapped_and_the_mapping_is_remembered(app):
    _import(app, toggl_file())
    view = app.views["records_import"]
    row = view.unmatched.children[1]
    _label, _add, pick, go = row.children
    pick.value = app.store.client_by_name("Flow Yoga Collective").id
    go.click()
    assert view.unmatched.children == ()
    assert RecordsPart(app.store).mappings() == {"acmeunlisted": "Flow Yoga Collective"}
    assert "Flow Yoga Collective" in set(app.state.records()[2]["client"])


def test_add_as_client_creates_the_client_and_its_records_count_for_it(app):
    _import(app, toggl_file())
    view = app.views["records_import"]
    view.unmatched.children[1].children[1].click()
    assert app.store.client_by_name("Acme Unlisted")
    assert view.unmatched.children == ()


def test_income_concentration_warns_and_the_drafts_say_so(app):
    _import(app, toggl_file())
    _import(app, invoices_file())  # Green Roots 3 000 of 3 500 + Acme Unlisted's 500 billable: 75 %
    app.views["ranking"].refresh()
    text = literal_text(app.views["ranking"].records.concentration)
    assert "Green Roots Foundation, brings 75% of your income" in text and "More than half" in text
    assert "How concentrated your income is: 0.59" in text  # 0.75² + 0.125² + 0.125² = 0.594
    app.store.set_weights(PAY_RATE_ONLY)
    app.views["records_sources"].switches["hourly_rate"].value = "records"
    app.views["drafts"].refresh()
    notes = {card.client.name: literal_text(card.risk) for card in app.views["drafts"].cards}
    assert MEASURED_FIRST in notes and "already brings 75%" in notes[MEASURED_FIRST]
    assert all(not t for name, t in notes.items() if name != MEASURED_FIRST)


def test_a_bad_file_lists_its_problems_in_arabic_and_stores_nothing(app):
    app.store.save_profile({**app.store.profile().__dict__, "locale": "ar", "services": app.store.profile().services})
    app.state.locale = "ar"
    view = app.views["records_import"]
    view.load(invoices_file().replace(b"3000.00,", b"abc,", 1))
    assert view.confirm.disabled and "ليس عدداً" in literal_text(view.errors) and "الصف 2" in literal_text(view.errors)
    view.load(b"name,email\nA,a@b.co\n")
    assert "قائمة عملاء" in literal_text(view.message)
    assert RecordsPart(app.store).counts() == {"time": 0, "invoices": 0, "payments": 0}


def test_plots_are_drawn_in_both_languages(app):
    from freelancekit.records.measures import Window, invoice_status, monthly
    from freelancekit.ui.charts import figure_texts
    from freelancekit.ui.records_plots import days_late_figure, monthly_figure

    _import(app, toggl_file())
    _import(app, invoices_file())
    records = RecordsPart(app.store).load()
    window = Window.of()
    for loc, word in (("en", "Days late"), ("ar", "أيام التأخير")):
        late = days_late_figure(invoice_status(records, window), loc)
        assert word in " ".join(figure_texts(late)) and {t["name"] for t in late["data"]} == {"Green Roots Foundation", "Sentinel Cyber"}
        month = monthly_figure(monthly(records, window), loc)
        assert month["data"] and month["layout"]["yaxis2"]["overlaying"] == "y"
    app.views["ranking"].refresh()
    from freelancekit.ui.charts import shown

    assert shown(app.views["ranking"].records.plots)


UNKNOWN = ("Customer Name,Invoice #,Invoice Date,Due Date,Total,Notes\n"
           "Sentinel Cyber,A-1,03/02/2026,04/03/2026,900.00,first\n"
           "Sentinel Cyber,A-2,05/03/2026,06/04/2026,300.00,second\n")


def test_an_unknown_invoice_file_is_mapped_in_the_column_step_asked_its_date_order_and_remembered(app):
    from datetime import date

    from freelancekit.records.api import summary
    from freelancekit.records.measures import summary_records

    view = app.views["records_import"]
    view.load(UNKNOWN.encode())
    assert "Customer Name" in literal_text(view.message) and view.confirm.disabled
    picks = {d.description: d.value for d in view.columns.children if dom.RECORDS_COLUMN in d._dom_classes}
    assert picks == {"Customer Name": "client", "Invoice #": "invoice", "Invoice Date": "issued", "Due Date": "due",
                     "Total": "amount", "Notes": ""}  # the best guesses, filled in
    view.read_mapped.click()
    assert view.dates.layout.display is None and "03/02/2026" in literal_text(view.message)  # asked, never guessed
    view.dates.value = "dmy"
    assert not view.confirm.disabled, literal_text(view.errors)
    view.on_confirm()
    got = {r["client"]: r for r in summary_records(summary(app.store, date(2026, 1, 1), date(2026, 4, 30)))}
    assert got["Sentinel Cyber"]["revenue"] == 1200.0 and got["Sentinel Cyber"]["invoices"] == 2
    # day first: A-1 is due on 4 March, A-2 on 6 April, both unpaid on 30 April: 57 and 24 days late
    assert (got["Sentinel Cyber"]["max_days_late"], got["Sentinel Cyber"]["avg_days_late"]) == (57.0, 40.5)
    # a second file with the same header: read with the remembered columns and order, no question
    view.load(UNKNOWN.replace("A-2", "A-3").encode())
    assert not view.confirm.disabled and view.dates.layout.display == "none" and view.parsed.source == "mapped"


def test_a_client_has_one_colour_in_every_chart(app):
    from freelancekit.records.measures import Window, invoice_status, monthly
    from freelancekit.ui import charts
    from freelancekit.ui.records_plots import days_late_figure, monthly_figure

    _import(app, toggl_file())
    _import(app, invoices_file())
    ranking = app.state.ranking()
    colours = charts.client_colours([c.name for c in app.store.clients()])
    radar = {html.unescape(t["name"].split(". ", 1)[1]): t["line"]["color"] for t in charts.radar_figure(ranking)["data"]}
    records = RecordsPart(app.store).load()
    window = Window.of()
    bars = {t["name"]: t["marker"]["color"] for t in monthly_figure(monthly(records, window), "en", "USD", None, colours)["data"]
            if t["type"] == "bar"}
    late = {t["name"]: t["marker"]["color"] for t in days_late_figure(invoice_status(records, window), "en", colours)["data"]}
    for chart in (radar, bars, late):
        for name, colour in chart.items():
            if name in colours:
                assert colour == colours[name], name
    assert set(radar) & set(colours) and "Green Roots Foundation" in bars and "Green Roots Foundation" in late
    assert len(set(colours.values())) == min(len(colours), len(charts.PALETTE))  # one client, one colour (up to 10)


def _plain(text: str) -> str:
    return re.sub("[\u2066-\u2069]", "", text)


def _with_unused_columns() -> bytes:
    """The scenario's invoice list with two columns the import does not read, as accounting exports carry them."""
    lines = invoices_file().decode().splitlines()
    return ("\n".join([lines[0] + ",Tax Amount,Terms", *(line + ",0.00,Net 30" for line in lines[1:])]) + "\n").encode()


def test_the_preview_shows_each_clients_figures_and_the_columns_not_used_in_english_and_arabic(app):
    from freelancekit.records import api

    view = app.views["records_import"]
    view.load(_with_unused_columns())
    figures = [html.unescape(re.sub("<[^>]+>", "", li)) for li in re.findall(f'<li class="{dom.RECORDS_FIGURES}">(.*?)</li>', view.preview.value)]
    text = literal_text(view.preview)
    assert "Not used: Tax Amount and Terms" in text and "After the import, each client's figures would become:" in text
    # GR-1: 3000 paid 5 days before its due date; SC-1: 500 due 30 days ago, paid 20 and 10 days ago: late
    assert any("Green Roots Foundation: revenue 3000.00" in f and "invoices 1" in f and "on time 100%" in f for f in figures), figures
    assert any("Sentinel Cyber: revenue 500.00" in f and "invoices 1" in f and "on time 0%" in f for f in figures), figures
    # the CLI's dry run, worked out by the same function
    assert len(figures) == 2 and [_plain(api.figures_line(r, "en")) for r in api.preview_figures(app.store, view.plan)] == figures
    assert RecordsPart(app.store).counts() == {"time": 0, "invoices": 0, "payments": 0}  # a preview stores nothing

    app.store.save_profile({**app.store.profile().__dict__, "locale": "ar", "services": app.store.profile().services})
    app.state.locale = "ar"
    view.load(_with_unused_columns())
    text = literal_text(view.preview)
    assert "لم يُستخدم: Tax Amount" in text and "Terms" in text and "بعد الاستيراد تصبح أرقام كل عميل كما يلي:" in text
    assert "Green Roots Foundation: الإيراد 3000.00" in text and "في الموعد 100%" in text and "في الموعد 0%" in text
    assert RecordsPart(app.store).counts() == {"time": 0, "invoices": 0, "payments": 0}


def test_a_records_file_over_the_upload_limit_is_refused_and_the_older_files_preview_goes(app):
    from freelancekit.ui.common import error_text
    from freelancekit.ui.import_view import UPLOAD_LIMIT_BYTES

    view = app.views["records_import"]
    view.on_upload({"new": [{"name": "invoices.csv", "size": len(invoices_file()), "content": memoryview(invoices_file())}]})
    assert view.preview.value and not view.confirm.disabled
    view.on_upload({"new": [{"name": "big.csv", "size": UPLOAD_LIMIT_BYTES + 1, "content": memoryview(b"x")}]})
    assert "big.csv" in error_text(view.message) and "up to 10 MB" in error_text(view.message)
    assert view.preview.value == "" and view.confirm.disabled
