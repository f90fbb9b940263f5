"""Rules a draft relies on are checked where data enters (import, form, API), naming row and column,
and one client's refused data never stops the other drafts (docs/data.md, "Rules checked where data enters")."""
from __future__ import annotations

import sqlite3
import zipfile

import pytest

from freelancekit.cli import main
from freelancekit.errors import InvalidInput
from freelancekit.files.importer import import_clients, parse_file
from freelancekit.portfolio.api import create_demo
from freelancekit.portfolio.model import builtin_criteria, make_client, make_profile
from freelancekit.portfolio.storage import Store
from freelancekit.portfolio.validation import HEADER_ENCODED
from freelancekit.records.rank import rank_portfolio

ENCODED = "=?utf-8?q?Lina=0ABcc:_evil@example.com?="


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.sqlite"
    create_demo(path).close()
    return path


@pytest.mark.parametrize("field", ["name", "contact_name"])
def test_the_form_and_the_api_refuse_a_header_shaped_name(tmp_path, field):
    with pytest.raises(InvalidInput) as exc:
        make_client({"name": "Acme", field: f"Dear {ENCODED}"}, builtin_criteria())
    assert str(exc.value) == f"{field}: {HEADER_ENCODED}"
    with Store(tmp_path / "p.sqlite") as store, pytest.raises(InvalidInput, match="encoded|=\\?charset"):
        store.add_client({"name": "Acme", field: ENCODED})


def test_the_profile_refuses_a_header_shaped_name_or_service():
    with pytest.raises(InvalidInput) as exc:
        make_profile({"name": ENCODED, "services": [{"name": f"SEO {ENCODED}"}]})
    assert [p.field for p in exc.value.problems] == ["name", "service name"]


@pytest.mark.parametrize("rows", [1, 50], ids=["one row", "a repeating column"])
def test_import_refuses_a_header_shaped_contact_naming_row_and_column(tmp_path, rows):
    lines = ["name,contact_name"] + [f"Client {i},Lina" for i in range(rows)] + [f"Bad Co,{ENCODED}"]
    data = "\n".join(lines).encode()
    parsed = parse_file(data, "c.csv", builtin_criteria())
    assert [str(p) for p in parsed.problems] == [f"row {rows + 2}, column contact_name: {HEADER_ENCODED}"]
    with Store(tmp_path / "p.sqlite") as store:
        with pytest.raises(InvalidInput):
            import_clients(store, data)
        assert store.client_count() == 0


def test_plain_equals_and_question_marks_stay_allowed():
    client = make_client({"name": "A=B? Co", "contact_name": "Lina =? Haddad"}, builtin_criteria())
    assert (client.name, client.contact_name) == ("A=B? Co", "Lina =? Haddad")


def _spoil_a_top_client(db) -> str:
    """Write a header-shaped contact straight into the file (as a portfolio saved before the rule would hold it)."""
    with Store(db) as store:
        second = rank_portfolio(store).records()[1]["name"]
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE clients SET contact_name = ? WHERE name = ?", (ENCODED, second))
    conn.close()
    return second


def test_cli_drafts_writes_the_other_drafts_and_names_the_refused_client(db, tmp_path, capsys):
    spoiled = _spoil_a_top_client(db)
    out = tmp_path / "out"
    code = main(["drafts", "--db", str(db), "--out", str(out)])
    stdout, err = capsys.readouterr()
    assert code == 0
    assert err == f"Not written: the draft for {spoiled}: contact_name: {HEADER_ENCODED}\n"
    assert len(list(out.glob("*.eml"))) == 2 and not (out / f"{spoiled}.eml").exists()
    assert stdout.startswith(f"Wrote 2 files for 2 drafts to {out.resolve()}")


def test_cli_zip_holds_the_other_drafts(db, tmp_path, capsys):
    spoiled = _spoil_a_top_client(db)
    out = tmp_path / "out"
    assert main(["drafts", "--db", str(db), "--out", str(out), "--format", "zip"]) == 0
    names = zipfile.ZipFile(out / "drafts.zip").namelist()
    assert len(names) == 6 and not any(n.startswith(spoiled) for n in names)


def test_the_apps_zip_holds_the_other_drafts_and_names_the_refused_client(db):
    from freelancekit.ui.app import build
    from freelancekit.ui.common import literal_text

    spoiled = _spoil_a_top_client(db)
    app = build(db_path=db)
    try:
        view = app.views["drafts"]
        view.render_zip()  # the zip of the three drafts shown (written or not yet saved)
        text = literal_text(view.zip)
        assert f"Not in the zip: the email to “{spoiled}” (Contact person: {HEADER_ENCODED})." in text
        assert "drafts.zip" in view.zip.value
    finally:
        app.store.close()
