"""One validation path, one message, whoever typed the value.

Every value goes through validation.py. These tests feed the same value to the
form/API (``make_client``, ``Store.add_client``), to a CSV import and to the
CLI, and check the exact message and that the portfolio file did not change.
The differential tests check that the importer's column fast path makes
exactly the decisions ``make_client`` makes.
"""
from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from portfolio_state import checkpoint, file_bytes_hash, make_portfolio, snapshot

from freelancekit import cli
from freelancekit.errors import InvalidInput
from freelancekit.files import importer
from freelancekit.portfolio.model import builtin_criteria, make_client, make_profile
from freelancekit.portfolio.storage import Store
from freelancekit.records.rank import rank_portfolio

CRITERIA = builtin_criteria()
HOURLY = CRITERIA[0]
EASE = next(c for c in CRITERIA if c.key == "ease")
HINT = "write digits such as 45 or 45.50"
NOT_FINITE = f"must be a real number, not NaN or infinity: {HINT}"
CONTROL = "contains an invisible control character; please retype it"
SURROGATE = "contains a broken character (an unpaired surrogate); please retype it"
SINGLE_LINE = "must be a single line (no line breaks or tabs)"
WEIGHT_RULE = "must be a number from 0 to 100"


@pytest.fixture()
def db(tmp_path):
    return make_portfolio(tmp_path / "portfolio.sqlite")


def csv_bytes(header: list[str], *rows: list[str]) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows([header, *rows])
    return buf.getvalue().encode("utf-8")


def one_problem(exc: pytest.ExceptionInfo[InvalidInput]) -> str:
    assert len(exc.value.problems) == 1, exc.value.problems
    return exc.value.problems[0].text


# -- numbers: one documented rule, the same through form, CSV and CLI ------------
NUMBER_CASES = [
    ("45", 45.0), ("45.50", 45.5), ("35,5", 35.5), ("35.5", 35.5),
    ("1,5", 1.5), ("1,50", 1.5), ("1,500", 1500.0), ("1.000", 1.0), ("1.000,5", 1000.5), ("1,000.25", 1000.25),
    ("1_000", 1000.0), ("٣٥", 35.0), ("٣٥٫٥", 35.5), ("۴۵", 45.0), ("١٬٠٠٠", 1000.0),
    ("35 $", 35.0), ("$35", 35.0), ("35 EUR", 35.0), ("12 500", 12500.0), ("12\u00a0500,50", 12500.5), ("  45  ", 45.0),
    ("nan", NOT_FINITE), ("NaN", NOT_FINITE), ("inf", NOT_FINITE), ("-Infinity", NOT_FINITE),
    ("-5", "must be 0 or more"), ("2000000000", "must be at most 1,000,000,000"),
    ("1e308", f"'1e308' is not a number: {HINT}"), ("4 5", f"'4 5' is not a number: {HINT}"),
    ("४५", f"'४५' is not a number: {HINT}"), ("４５", f"'４５' is not a number: {HINT}"),
    ("1,000,5", f"'1,000,5' is not a number: {HINT}"), ("35abc", f"'35abc' is not a number: {HINT}"),
]


@pytest.mark.parametrize(("typed", "expected"), NUMBER_CASES, ids=[repr(c[0]) for c in NUMBER_CASES])
def test_number_rule_is_the_same_for_form_csv_and_api(tmp_path, typed, expected):
    db = make_portfolio(tmp_path / "p.sqlite", n=1)
    before = file_bytes_hash(db)
    # form / Python API
    if isinstance(expected, float):
        assert make_client({"name": "X", "hourly_rate": typed}, CRITERIA).values["hourly_rate"] == expected
    else:
        with pytest.raises(InvalidInput) as exc:
            make_client({"name": "X", "hourly_rate": typed}, CRITERIA)
        assert one_problem(exc) == expected
    # CSV import, all or nothing
    with Store(db) as store:
        data = csv_bytes(["name", "hourly_rate"], ["X", typed])
        if isinstance(expected, float):
            importer.import_clients(store, data)
            assert store.client_by_name("X").values["hourly_rate"] == expected
            return
        with pytest.raises(InvalidInput) as exc:
            importer.import_clients(store, data)
        assert str(exc.value) == f"row 2, column hourly_rate: {expected}"
        with pytest.raises(InvalidInput) as exc:
            store.add_client({"name": "X", "hourly_rate": typed})
        assert str(exc.value) == f"hourly_rate: {expected}"
    checkpoint(db)
    assert file_bytes_hash(db) == before


def test_float_nan_and_text_nan_get_one_message():
    for value in (float("nan"), float("inf"), "nan", " -inf "):
        with pytest.raises(InvalidInput) as exc:
            make_client({"name": "X", "hourly_rate": value}, CRITERIA)
        assert one_problem(exc) == NOT_FINITE


def test_huge_integers_are_out_of_range_not_a_crash():
    with pytest.raises(InvalidInput) as exc:
        make_client({"name": "X", "hourly_rate": 10**400}, CRITERIA)
    assert one_problem(exc) == "must be at most 1,000,000,000"


@pytest.mark.parametrize("typed", ["0", "6", "2.5", "nan", "abc", "-1", "4.0000004", "3.9999999", 4.0000004])
def test_rating_rule_message_is_shared(typed):
    """Whole-number-ness is checked on the digits given, before the 6-decimal rounding of numbers."""
    with pytest.raises(InvalidInput) as exc:
        make_client({"name": "X", "ease": typed}, CRITERIA)
    assert one_problem(exc) == "must be a whole number from 1 to 5"
    parsed = importer.parse_table([["name", "ease"], ["X", str(typed)]], CRITERIA)
    assert [str(p) for p in parsed.problems] == ["row 2, column ease: must be a whole number from 1 to 5"]


@pytest.mark.parametrize(("arg", "message"), [
    ("ease=1e308", f"ease: {WEIGHT_RULE}"),
    ("ease=nan", f"ease: {WEIGHT_RULE}"),
    ("ease=inf", f"ease: {WEIGHT_RULE}"),
    ("ease=-5", f"ease: {WEIGHT_RULE}"),
    ("ease=101", f"ease: {WEIGHT_RULE}"),
    ("ease=", f"ease: {WEIGHT_RULE}"),
    ("ease", "--weight: 'ease' is not KEY=WEIGHT: write it like ease=2"),
    ("nope=2", "--weight: 'nope' is not a criterion: choose one of ease, enjoyment, hourly_rate, learning, on_time_payment"),
])
def test_cli_weight_is_refused_with_the_core_message(db, capsys, arg, message):
    before = file_bytes_hash(db)
    assert cli.main(["rank", "--db", str(db), "--weight", arg]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"freelancekit rank: {message}\n")
    checkpoint(db)
    assert file_bytes_hash(db) == before


def test_cli_api_and_set_weights_share_the_weight_message(db, capsys):
    with Store(db) as store:
        with pytest.raises(InvalidInput) as api:
            rank_portfolio(store, {"ease": "nan"})
        with pytest.raises(InvalidInput) as saved:
            store.set_weights({"ease": "nan"})
        version = store.data_version()
    assert str(api.value) == str(saved.value) == f"ease: {WEIGHT_RULE}"
    assert snapshot(db)[1] == version
    # Arabic-Indic digits and a decimal comma are weights like any other number
    assert cli.main(["rank", "--db", str(db), "--format", "json", "--weight", "ease=٢", "--weight", "learning=2,5"]) == 0
    assert capsys.readouterr().err == ""


def test_cli_bad_weight_in_a_real_process_prints_no_traceback(db):
    run = subprocess.run([sys.executable, "-c", "import sys; from freelancekit.cli import main; sys.exit(main())",
                          "rank", "--db", str(db), "--weight", "ease=1e308"],
                         capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout, run.stderr) == (2, "", f"freelancekit rank: ease: {WEIGHT_RULE}\n")


# -- text: controls refused everywhere, line breaks only in multi-line fields ----
CONTROL_CHARS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\ufffe", "\uffff", "\U0010ffff"]
TEXT_FIELDS = ["name", "contact_name", "industry", "notes", "last_win", "email", "services"]


@pytest.mark.parametrize("char", CONTROL_CHARS, ids=[f"U+{ord(c):04X}" for c in CONTROL_CHARS])
def test_control_characters_are_refused_in_every_client_field(char):
    for field in TEXT_FIELDS:
        for value in (f"Acme{char}Ltd", f"{char}Acme", f"acme@example.com{char}"):
            raw = {"name": "Acme", field: value}
            with pytest.raises(InvalidInput) as exc:
                make_client(raw, CRITERIA)
            assert [(p.field, p.text) for p in exc.value.problems] == [(field, CONTROL)], (field, value)


@pytest.mark.parametrize("char", ["\x1c", "\x1f", "\x85"], ids=["U+001C", "U+001F", "U+0085"])
def test_controls_that_strip_would_drop_are_refused_not_trimmed(char):
    for field in ("name", "email"):
        value = f"acme@example.com{char}" if field == "email" else f"Acme{char}"
        with pytest.raises(InvalidInput) as exc:
            make_client({"name": "Acme", field: value}, CRITERIA)
        assert one_problem(exc) == CONTROL
        parsed = importer.parse_table([["name", field], ["Acme", value]] if field != "name" else [["name"], [value]], CRITERIA)
        assert [str(p) for p in parsed.problems] == [f"row 2, column {field}: {CONTROL}"]


def test_lone_surrogate_is_refused_in_client_and_profile_fields():
    for field in TEXT_FIELDS:
        with pytest.raises(InvalidInput) as exc:
            make_client({"name": "Acme", field: "bad\ud800text"}, CRITERIA)
        assert [(p.field, p.text) for p in exc.value.problems] == [(field, SURROGATE)]
    with pytest.raises(InvalidInput) as exc:
        make_profile({"name": "Lina", "signature": "Lina\udfff"})
    assert str(exc.value) == f"signature: {SURROGATE}"


def test_line_breaks_only_in_multi_line_fields():
    for field in ("name", "contact_name", "industry", "last_win"):
        for text in ("two\nlines", "two\r\nlines", "tab\there", "para\u2029graph"):
            with pytest.raises(InvalidInput) as exc:
                make_client({"name": "Acme", field: text}, CRITERIA)
            assert str(exc.value) == f"{field}: {SINGLE_LINE}"
    client = make_client({"name": "Acme", "notes": "first\r\nsecond\rthird\n\tindented"}, CRITERIA)
    assert client.notes == "first\nsecond\nthird\n\tindented"
    assert make_profile({"signature": "Lina\r\nDesigner"}).signature == "Lina\nDesigner"


def test_store_refuses_control_characters_and_keeps_the_file(db):
    before = file_bytes_hash(db)
    with Store(db) as store:
        with pytest.raises(InvalidInput) as exc:
            store.add_client({"name": "Evil\x00Corp"})
        assert str(exc.value) == f"name: {CONTROL}"
        with pytest.raises(InvalidInput) as exc:
            store.save_profile({"name": "Lina\x1b[31m"})
        assert str(exc.value) == f"name: {CONTROL}"
    checkpoint(db)
    assert file_bytes_hash(db) == before


def test_nul_byte_in_a_csv_file_refuses_the_whole_file(db):
    before = file_bytes_hash(db)
    with Store(db) as store, pytest.raises(importer.ImportFileError) as exc:
        importer.import_clients(store, b"name\nEvil\x00Corp\n")
    assert str(exc.value) == "this is not a CSV text file (it looks like a binary file): export your sheet as 'CSV UTF-8' and try again"
    checkpoint(db)
    assert file_bytes_hash(db) == before


# -- the importer's fast path decides exactly like make_client --------------------
TRAPS = [
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\u2069", "\ufeff", "\u0085", "\u00a0",
    "\u3000", "\u2028", "\u2029", "\r", "\n", "\t", "\r\n", "\x1c", "\x1f", "\x00", "\x7f", "\x9f", "\ufffe",
    "\uffff", "e\u0301", "\u0301", "\u212b", "\u00c5", " ", "'", "=", "@", "ß", "İ", "ﷺ", "\ud800", "a", "B", ";",
]
trap_text = st.lists(st.sampled_from(TRAPS), max_size=6).map("".join)
near_limit = st.tuples(st.integers(190, 210), st.sampled_from(["", " ", "\u0301", "\x85"])).map(lambda t: "n" * t[0] + t[1])
cells = st.one_of(st.text(max_size=10), trap_text, near_limit)


def rows_of(values: list[str]) -> list[int]:
    return list(range(2, 2 + len(values)))


def expected_from_make_client(column: str, values: list[str], criteria=()):
    """What make_client says about each value of a column: (value or None, problems with rows)."""
    out, problems = [], []
    for i, value in enumerate(values):
        raw = {"name": value} if column == "name" else {"name": "N", column: value}
        try:
            client = make_client(raw, criteria, row=2 + i)
        except InvalidInput as exc:
            out.append(None)
            problems.extend(p for p in exc.problems if p.field == column)
            continue
        out.append(client.values[column] if column in client.values else getattr(client, column))
    return out, problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(column=st.sampled_from(["name", "contact_name", "industry", "notes", "last_win"]),
       values=st.lists(cells, min_size=1, max_size=4))
@example(column="name", values=["Acme", "   "])
@example(column="name", values=["Acme\u200b", "\u202eemca"])
@example(column="name", values=["Cafe\u0301"])
@example(column="notes", values=["a\u0085b"])
@example(column="name", values=["Acme\x1f"])
def test_text_column_fast_path_matches_make_client(column, values):
    problems: list = []
    got = importer._text_column(values, column, rows_of(values), problems, multiline=column == "notes")
    assert (got, problems) == expected_from_make_client(column, values)


emails = st.one_of(
    st.emails(),
    st.emails().map(lambda e: e.split("@")[0] + "@" + e.split("@")[1].upper()),
    st.tuples(st.emails(), st.sampled_from(TRAPS)).map(lambda t: t[0] + t[1]),
    st.tuples(st.sampled_from(TRAPS), st.emails()).map(lambda t: t[0] + t[1]),
    st.integers(60, 66).map(lambda n: "a@example." + "c" * n),
    st.sampled_from(["a@b.c", "a@bücher.de", "A@BÜCHER.DE", "ü@example.com", "a@-x.com", "a@x..com", "a@123",
                     "a@x.com.", "a b@x.com", "Lina <lina@x.com>", "a@x.com, b@y.com", "", "   ", "x" * 65 + "@x.com"]),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(emails, min_size=1, max_size=4))
@example(values=["lina@EXAMPLE.COM"])
@example(values=["lina@example.com\x1f"])
@example(values=["a@example." + "c" * 64])
def test_email_column_fast_path_matches_make_client(values):
    problems: list = []
    got = importer._email_column(values, rows_of(values), problems)
    assert (got, problems) == expected_from_make_client("email", values)


number_text = st.one_of(
    st.from_regex(r"[-+]?[0-9٠-٩]{1,4}([.,_ ][0-9٠-٩]{1,4}){0,2}( ?[$€]| EUR)?", fullmatch=True),
    st.sampled_from(["nan", "inf", "-inf", "1e5", "", " ", "٫٥", "35 $", "$ 35", "1__0", "0x1F", "١٬٠٠٠"]),
    st.text(max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(crit=st.sampled_from([HOURLY, EASE]), values=st.lists(number_text, min_size=1, max_size=4))
def test_number_column_matches_make_client(crit, values):
    problems: list = []
    got = importer._number_column(values, crit, rows_of(values), problems)
    assert (got, problems) == expected_from_make_client(crit.key, values, [crit])
