"""Bad input at every boundary (model/API, import file, CLI): the exact message, and nothing saved.

Each case names the field (and the row, for files) and says what is allowed.
After each one the whole portfolio is compared with a snapshot taken before.
"""
from __future__ import annotations

import pytest

from freelancekit.cli import main
from freelancekit.drafts.store import DraftsPart
from freelancekit.errors import FreelancekitError
from freelancekit.files.importer import import_clients
from freelancekit.portfolio.api import create_demo
from freelancekit.portfolio.storage import Store
from freelancekit.records.rank import rank_portfolio

HINT = "write digits such as 45 or 45.50"
COLUMNS = ("name, contact_name, email, industry, services, hourly_rate, on_time_payment, ease, enjoyment, learning, notes, last_win, start_date, "
           "last_win_date, working_on, language, currency, title")
KEYS = "ease, enjoyment, hourly_rate, learning, on_time_payment"


@pytest.fixture
def store(tmp_path):
    with create_demo(tmp_path / "p.sqlite") as s:
        yield s


def snapshot(s: Store):
    return s.portfolio(), s.data_version(), DraftsPart(s).all(), DraftsPart(s).templates()


# -- model and Python API ---------------------------------------------------------
API_CASES = [
    ("name required", lambda s: s.add_client({"name": "  "}), "name: is required"),
    ("name too long", lambda s: s.add_client({"name": "x" * 201}), "name: is too long: at most 200 characters"),
    ("name control char", lambda s: s.add_client({"name": "Acme\x07"}), "name: contains an invisible control character; please retype it"),
    ("name line break", lambda s: s.add_client({"name": "Acme\nLtd"}), "name: must be a single line (no line breaks or tabs)"),
    ("name taken, other case", lambda s: s.add_client({"name": "brightpath SOFTWARE"}),
     "name: a client named 'Brightpath Software' already exists: client names must be unique (ignoring upper/lower case)"),
    ("Arabic name taken", lambda s: s.update_client(s.client_by_name("Sentinel Cyber").id, {"name": "مكتبة النور"}),
     "name: a client named 'مكتبة النور' already exists: client names must be unique (ignoring upper/lower case)"),
    ("email not an address", lambda s: s.add_client({"name": "New", "email": "not-an-email"}),
     "email: 'not-an-email' is not one email address: write it as name@example.com"),
    ("email non-Latin before @", lambda s: s.add_client({"name": "New", "email": "ليلى@example.com"}),
     "email: use only Latin letters, digits and . _ + - before the @ (most mail systems cannot deliver to other letters there)"),
    ("rating above scale", lambda s: s.add_client({"name": "New", "ease": 6}), "ease: must be a whole number from 1 to 5"),
    ("rating not whole", lambda s: s.add_client({"name": "New", "learning": "4.5"}), "learning: must be a whole number from 1 to 5"),
    ("number not a number", lambda s: s.add_client({"name": "New", "hourly_rate": "abc"}), f"hourly_rate: 'abc' is not a number: {HINT}"),
    ("number negative", lambda s: s.add_client({"name": "New", "hourly_rate": "-5"}), "hourly_rate: must be 0 or more"),
    ("number NaN", lambda s: s.add_client({"name": "New", "hourly_rate": "nan"}), f"hourly_rate: must be a real number, not NaN or infinity: {HINT}"),
    ("number too big", lambda s: s.add_client({"name": "New", "hourly_rate": 2e9}), "hourly_rate: must be at most 1,000,000,000"),
    ("date format", lambda s: s.add_client({"name": "New", "start_date": "31/12/2024"}),
     "start_date: '31/12/2024' is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31"),
    ("service with ;", lambda s: s.add_client({"name": "New", "services": ["Blog;posts"]}),
     "services: a service name cannot contain ';' (it separates services)"),
    ("every problem at once", lambda s: s.add_client({"name": "", "ease": 9, "email": "a@b"}),
     "name: is required; email: 'a@b' is not one email address: write it as name@example.com; ease: must be a whole number from 1 to 5"),
    ("stale edit", lambda s: s.update_client(s.client_by_name("Sentinel Cyber").id, {"name": "Sentinel"}, expected_revision=7),
     "'Sentinel' was changed elsewhere after you opened it: reload to see the change, or save again to keep yours"),
    ("unknown weight key", lambda s: s.set_weights({"speed": 2}), f"weight: 'speed' is not a criterion: choose one of {KEYS}"),
    ("weight above 100", lambda s: s.set_weights({"ease": 101}), "ease: must be a number from 0 to 100"),
    ("criterion key format", lambda s: s.add_criterion({"label": "Fun", "key": "Bad Key"}),
     "key: 'Bad Key' is not a valid key: use 1-40 characters (lowercase Latin or Arabic letters, digits or _) starting with a letter"),
    ("criterion key is a column", lambda s: s.add_criterion({"label": "Notes score", "key": "notes"}),
     "key: 'notes' is already a client column: choose another key"),
    ("criterion kind", lambda s: s.add_criterion({"label": "Fun", "kind": "stars"}), "kind: 'stars' is not allowed: choose one of rating, number"),
    ("criterion scale", lambda s: s.add_criterion({"label": "Fun", "lo": 5, "hi": 1}),
     "scale: must go from a whole number to a larger whole number, such as 1 to 5"),
    ("profile currency", lambda s: s.save_profile({"name": "Maya", "currency": "U$D"}), "currency: must be a 3-letter currency code such as USD, EUR or SAR"),
    ("profile currency as a word", lambda s: s.save_profile({"name": "Maya", "currency": "dollars"}),
     "currency: must be a 3-letter currency code such as USD, EUR or SAR"),
    ("profile language", lambda s: s.save_profile({"name": "Maya", "locale": "fr"}), "language: 'fr' is not allowed: choose one of en, ar"),
    ("all weights zero", lambda s: rank_portfolio(s, dict.fromkeys(KEYS.split(", "), 0)),
     "weights: all weights are zero: give at least one criterion a weight above 0"),
]


@pytest.mark.parametrize("action, message", [c[1:] for c in API_CASES], ids=[c[0] for c in API_CASES])
def test_api_bad_input(store, action, message):
    before = snapshot(store)
    with pytest.raises(FreelancekitError) as exc:
        action(store)
    assert str(exc.value) == message
    assert snapshot(store) == before


# -- import files --------------------------------------------------------------------
IMPORT_CASES = [
    ("unknown column", b"name,phone\nA,1\n",
     f"row 1: 'phone' is not a known column: use {COLUMNS} or their English or Arabic names "
     "(see the README; add a custom criterion first to import its column)"),
    ("no name column", b"ease\n3\n", "row 1: the column 'name' is missing: every client needs a name"),
    ("column twice", b"name,Name\nA,B\n", "row 1: the column 'name' appears twice: keep one"),
    ("not UTF-8, letters unclear", "name\nCafé\nÅÄÖ\n".encode("cp1252"),
     "the file is not UTF-8 text (first unreadable byte on line 2, and its letters do not say whether it is Western European "
     "(Windows-1252) or Arabic (Windows-1256)): in Excel use 'Save as > CSV UTF-8', in LibreOffice choose the UTF-8 character set"),
    ("too many cells", b"name;ease\nA;3\nB;4;5\n",
     "row 3: has 3 values but the header has 2 columns (too many); check for a missing or extra separator"),
    ("bad cells with rows", b"\xef\xbb\xbfname;hourly_rate;ease\nA;$45;3\nB;4 5;x\n",
     f"row 3, column hourly_rate: '4 5' is not a number: {HINT}; row 3, column ease: must be a whole number from 1 to 5"),
    ("same name twice in the file", "name\nZoë\nZOË\n".encode(),
     "row 3, column name: 'ZOË' is already on row 2: each client once (names ignore upper/lower case)"),
    ("existing name with --on-duplicate error", b"name\nSummit Outdoor Gear\n",
     "row 2, column name: a client named 'Summit Outdoor Gear' already exists"),
    ("empty file", b"", "the file is empty: it needs a header row with at least the column 'name'"),
]


@pytest.mark.parametrize("data, message", [c[1:] for c in IMPORT_CASES], ids=[c[0] for c in IMPORT_CASES])
def test_import_bad_input(store, data, message):
    before = snapshot(store)
    with pytest.raises(FreelancekitError) as exc:
        import_clients(store, data, "clients.csv", on_duplicate="error")
    assert str(exc.value) == message
    assert snapshot(store) == before


# -- the command line ------------------------------------------------------------------
CLI_CASES = [
    ("weight without =", ["rank", "--weight", "ease"], "freelancekit rank: --weight: 'ease' is not KEY=WEIGHT: write it like ease=2"),
    ("weight negative", ["rank", "--weight", "ease=-1"], "freelancekit rank: ease: must be a number from 0 to 100"),
    ("weight unknown", ["rank", "--weight", "speed=1"], f"freelancekit rank: --weight: 'speed' is not a criterion: choose one of {KEYS}"),
    ("all weights zero via --weight", ["rank", *[a for k in KEYS.split(", ") for a in ("--weight", f"{k}=0")]],
     "freelancekit rank: weights: all weights are zero: give at least one criterion a weight above 0"),
    ("export extension", ["export", "{tmp}/clients.txt"], "freelancekit export: cannot export to 'clients.txt': the file name must end in .csv or .xlsx"),
    ("import folder", ["import", "{tmp}"], "freelancekit import: {tmp} is a folder: give the path of a .csv or .xlsx file"),
    ("import one bad row", ["import", "{tmp}/bad.csv"], "freelancekit import: row 2, column ease: must be a whole number from 1 to 5"),
    ("--db is a folder", ["rank", "--db", "{tmp}"], "freelancekit rank: {tmp} is a folder, not a portfolio file: give a file name such as portfolio.sqlite"),
    ("--db does not exist", ["rank", "--db", "{tmp}/none.sqlite"],
     "freelancekit rank: there is no portfolio at {tmp}/none.sqlite; run 'freelancekit demo' or 'freelancekit import FILE' first, or choose one with --db"),
    ("--db is not SQLite", ["export", "{tmp}/out.csv", "--db", "{tmp}/bad.csv"],
     "freelancekit export: {tmp}/bad.csv is not a freelancekit portfolio (it is not a SQLite database); nothing was changed; choose another file with --db"),
]


@pytest.mark.parametrize("argv, message", [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_cli_bad_input(store, tmp_path, capsys, argv, message):
    (tmp_path / "bad.csv").write_text("name,ease\nA,0\n", encoding="utf-8")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    if "--db" not in argv:
        argv += ["--db", str(store.path)]
    before = snapshot(store)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == message.replace("{tmp}", str(tmp_path)) + "\n"
    assert snapshot(store) == before
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "none.sqlite").exists()


def test_there_are_at_least_25_distinct_cases():
    assert len(API_CASES) + len(IMPORT_CASES) + len(CLI_CASES) >= 25
    names = [c[0] for c in API_CASES + IMPORT_CASES + CLI_CASES]
    assert len(set(names)) == len(names)
