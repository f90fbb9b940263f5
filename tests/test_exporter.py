"""Export then import gives back exactly the same clients, in CSV and XLSX (docs/data.md, "Files in and out")."""
from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from freelancekit.errors import FreelancekitError, InvalidInput
from freelancekit.files.exporter import export_columns, export_file, to_csv_bytes, to_xlsx_bytes
from freelancekit.files.importer import import_clients
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.portfolio.model import Portfolio, builtin_criteria, make_client, make_criterion
from freelancekit.portfolio.storage import Store

CUSTOM = make_criterion({"label": "Stress", "key": "stress", "direction": "lower", "lo": 0, "hi": 10})
CRITERIA = (*builtin_criteria(), CUSTOM)


def comparable(clients):
    return sorted((replace(c, id=None, revision=0) for c in clients), key=lambda c: c.name)


def round_trip(tmp_path, portfolio: Portfolio, fmt: str):
    with Store(tmp_path / f"src-{fmt}.sqlite") as src:
        src.replace_all(portfolio)
        exported = src.portfolio()
    data = to_csv_bytes(exported.clients, exported.criteria) if fmt == "csv" else to_xlsx_bytes(exported.clients, exported.criteria)
    with Store(tmp_path / f"dst-{fmt}.sqlite") as dst:
        dst.replace_all(replace(portfolio, clients=()))
        result = import_clients(dst, data, f"clients.{fmt}")
        return exported, dst.portfolio(), result


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_demo_round_trip(tmp_path, fmt):
    exported, imported, result = round_trip(tmp_path, demo_portfolio(), fmt)
    assert (result.added, result.problems) == (12, [])
    assert comparable(imported.clients) == comparable(exported.clients)


def test_csv_layout():
    p = demo_portfolio()
    data = to_csv_bytes(p.clients[:1], CRITERIA)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == export_columns(CRITERIA) == [
        "name", "contact_name", "email", "industry", "services", "hourly_rate", "on_time_payment", "ease", "enjoyment",
        "learning", "stress", "notes", "last_win", "start_date", "last_win_date", "working_on", "language", "currency",
        "title"]
    assert rows[1][:6] == ["Brightpath Software", "Daniel Reyes", "daniel@brightpath.io", "B2B SaaS",
                           "Blog posts;Editing & proofreading", "95"]
    assert rows[1][10] == "" and rows[1][-6] == "2024-02-12" and rows[1][-5:] == ["", "", "", "", ""]


# -- random clients, every text hazard: formulas, quotes, separators, RTL, emoji, line breaks --
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=12)
RISKY = st.sampled_from(["=1+2", "+49 30", "-5", "@home", "'quoted", "''x", '"q"', "a;b", "a,b", "مكتبة", "Zoë ☕", " pad "])
CELL = st.one_of(TEXT, RISKY, st.builds(lambda a, b: a + b, RISKY, TEXT))


@st.composite
def clients(draw):
    out, seen = [], set()
    for _ in range(draw(st.integers(1, 6))):
        raw = {
            "name": draw(CELL), "contact_name": draw(CELL), "industry": draw(CELL), "last_win": draw(CELL),
            "notes": draw(st.one_of(CELL, st.builds(lambda a, b: f"{a}\n{b}", CELL, CELL))),
            "email": draw(st.sampled_from(["", "a.b@example.com", "x+y@sub.example.org", "layla@مثال.com"])),
            "services": draw(st.lists(st.sampled_from(["Blog posts", "=SEO", "تحرير", "Case studies ☕", "-Editing"]), max_size=3)),
            "start_date": draw(st.sampled_from(["", "2024-02-29", "1999-12-31"])),
            "values": {
                "hourly_rate": draw(st.one_of(st.none(), st.sampled_from([0, 45, 45.5, 0.1, 1e-6, 123456.789, 1e9]))),
                **{k: draw(st.one_of(st.none(), st.integers(1, 5))) for k in ("on_time_payment", "ease", "enjoyment", "learning")},
                "stress": draw(st.one_of(st.none(), st.integers(0, 10))),
            },
        }
        try:
            client = make_client(raw, CRITERIA)
        except InvalidInput:
            continue
        if client.key not in seen:
            seen.add(client.key)
            out.append(client)
    assume(out)
    return tuple(out)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(cs=clients())
def test_random_round_trip_is_lossless(tmp_path_factory, fmt, cs):
    base = demo_portfolio()
    portfolio = Portfolio(base.profile, CRITERIA, cs)
    exported, imported, result = round_trip(tmp_path_factory.mktemp("rt"), portfolio, fmt)
    assert result.problems == [] and result.added == len(cs)
    assert comparable(imported.clients) == comparable(exported.clients)


def test_export_file_rules(tmp_path):
    p = demo_portfolio()
    out = export_file(p.clients, p.criteria, tmp_path / "c.CSV")
    assert out.read_bytes() == to_csv_bytes(p.clients, p.criteria)
    with pytest.raises(FreelancekitError) as exc:
        export_file(p.clients, p.criteria, out)
    assert str(exc.value) == f"{out} already exists"  # the CLI adds the flags
    export_file(p.clients[:1], p.criteria, out, overwrite=True)
    assert out.read_bytes() == to_csv_bytes(p.clients[:1], p.criteria)
    with pytest.raises(FreelancekitError) as exc:
        export_file(p.clients, p.criteria, tmp_path / "c.txt")
    assert str(exc.value) == "cannot export to 'c.txt': the file name must end in .csv or .xlsx"
    with pytest.raises(FreelancekitError, match=r"cannot write .*: the folder does not exist"):
        export_file(p.clients, p.criteria, tmp_path / "missing" / "c.xlsx")
    xlsx = export_file(p.clients, p.criteria, tmp_path / "c.xlsx")
    assert xlsx.read_bytes()[:4] == b"PK\x03\x04"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_small_and_long_numbers_are_written_without_exponent(tmp_path, fmt):
    cs = tuple(make_client({"name": f"c{i}", "hourly_rate": x}, builtin_criteria())
               for i, x in enumerate([1e-06, 2.5e-07, 0.30000000000000004, 1e9]))
    exported, imported, result = round_trip(tmp_path, Portfolio(demo_portfolio().profile, builtin_criteria(), cs), fmt)
    assert result.problems == []
    assert comparable(imported.clients) == comparable(exported.clients)
    if fmt == "csv":
        assert b"0.000001," in to_csv_bytes(cs, builtin_criteria()) and b"e-" not in to_csv_bytes(cs, builtin_criteria())


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_arabic_criterion_gets_a_readable_key_that_round_trips(tmp_path, fmt):
    with Store(tmp_path / "a.sqlite") as store:
        store.add_client({"name": "مكتبة النور"})
        crit = store.add_criterion({"label": "سرعةُ الرد", "kind": "rating"})
        assert crit.key == "سرعة_الرد"  # harakat dropped, Arabic kept: not "custom"
        second = store.add_criterion({"label": "سرعة الرد!", "kind": "rating"})
        assert second.key == "سرعة_الرد_2"
        client = store.clients()[0]
        store.update_client(client.id, {**{c.key: client.values.get(c.key) for c in store.criteria()}, "name": client.name,
                                        "سرعة_الرد": 4, "سرعة_الرد_2": 2})
        criteria = store.criteria()
        data = to_csv_bytes(store.clients(), criteria) if fmt == "csv" else to_xlsx_bytes(store.clients(), criteria)
        if fmt == "csv":
            assert "سرعة_الرد" in data.decode("utf-8-sig").splitlines()[0].split(",")
    with Store(tmp_path / "b.sqlite") as other:
        other.add_criterion({"label": "سرعةُ الرد", "kind": "rating"})
        other.add_criterion({"label": "سرعة الرد!", "kind": "rating"})
        import_clients(other, data, f"clients.{fmt}")
        back = other.clients()[0]
        assert (back.name, back.values["سرعة_الرد"], back.values["سرعة_الرد_2"]) == ("مكتبة النور", 4, 2)
