"""Which encoding a client file is read in: only what its bytes prove (docs/data.md, "Encodings")."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from freelancekit.files.encodings import EncodingError, decode
from freelancekit.files.importer import ImportFileError, import_clients, parse_file
from freelancekit.portfolio.model import builtin_criteria
from freelancekit.portfolio.storage import Store

CRITERIA = builtin_criteria()
EUROPEAN = "name,contact_name,notes\nStraße Ø,José Muñoz,garçon café ñandú\nØrsted,Åsa,ß\n"
ARABIC = "name,contact_name,notes\nشركة النور للكتب,ليلى حداد,عميل منذ 2020\n"


def names(data: bytes) -> list[tuple[str, str, str]]:
    parsed = parse_file(data, "clients.csv", CRITERIA)
    assert parsed.problems == []
    return [(c.name, c.contact_name, c.notes) for _, c in parsed.clients]


EXPECTED = {EUROPEAN: [("Straße Ø", "José Muñoz", "garçon café ñandú"), ("Ørsted", "Åsa", "ß")],
            ARABIC: [("شركة النور للكتب", "ليلى حداد", "عميل منذ 2020")]}


@pytest.mark.parametrize("text", [EUROPEAN, ARABIC], ids=["european", "arabic"])
@pytest.mark.parametrize("how, encode, encoding", [
    ("utf-8", lambda t: t.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM (Excel CSV UTF-8)", lambda t: t.encode("utf-8-sig"), "utf-8"),
    ("utf-16 LE with BOM, tabs (Excel Unicode Text)", lambda t: t.replace(",", "\t").encode("utf-16"), "utf-16"),
    ("utf-16 BE with BOM", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16"),
])
def test_unicode_files_read_the_same(text, how, encode, encoding):
    data = encode(text)
    assert names(data) == EXPECTED[text], how
    assert parse_file(data, "c.csv", CRITERIA).encoding == encoding


def test_utf16_without_bom_is_recognised_by_its_zero_bytes():
    assert names("name,notes\nAcme,café\n".encode("utf-16-le")) == [("Acme", "", "café")]
    assert names("name,notes\nAcme,café\n".encode("utf-16-be")) == [("Acme", "", "café")]


def test_windows_1252_when_the_words_say_western():
    data = EUROPEAN.encode("cp1252")
    assert names(data) == EXPECTED[EUROPEAN]
    assert parse_file(data, "c.csv", CRITERIA).encoding == "cp1252"


def test_windows_1256_when_the_words_say_arabic():
    data = ARABIC.encode("cp1256")
    assert names(data) == EXPECTED[ARABIC]
    assert parse_file(data, "c.csv", CRITERIA).encoding == "cp1256"


def test_bytes_both_pages_read_alike_need_no_evidence():
    assert decode("name,notes\nAcme,50 €\n".encode("cp1252")) == ("name,notes\nAcme,50 €\n", "cp1252")


@pytest.mark.parametrize("data", [
    "name\nCafé\nÅÄÖ\n".encode("cp1252"),  # a Western word and a word that reads as Arabic
    b"name\nA \x81 \x8d\n",  # bytes Windows-1252 does not define, and no Arabic word (one letter alone)
])
def test_unclear_one_byte_files_are_refused_not_guessed(data, tmp_path):
    with pytest.raises(EncodingError, match="do not say whether it is Western European"):
        decode(data)
    with Store(tmp_path / "p.sqlite") as store, pytest.raises(ImportFileError):
        import_clients(store, data)


def test_the_file_that_used_to_be_refused_as_windows_1256_imports(tmp_path):
    """ß, Ø, é, ñ, ç in UTF-8: their bytes would read as Arabic letters in Windows-1256, which proves nothing."""
    data = "name,notes\nGroß Ørsted,é ñ ç\n".encode()
    with Store(tmp_path / "p.sqlite") as store:
        assert import_clients(store, data).added == 1
        assert store.client_by_name("groß ørsted").notes == "é ñ ç"


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), max_size=200))
def test_valid_utf8_is_always_read_as_utf8(text):
    """Whatever its letters (NUL aside: no text file holds one), with or without a BOM."""
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    assert decode(text.encode("utf-8-sig")) == (text, "utf-8")


def test_the_command_line_says_which_one_byte_page_it_read(tmp_path, capsys):
    from freelancekit.cli import main

    f = tmp_path / "arabic.csv"
    f.write_bytes(ARABIC.encode("cp1256"))
    assert main(["import", str(f), "--db", str(tmp_path / "p.sqlite")]) == 0
    assert capsys.readouterr().out.startswith("Imported arabic.csv (read as Windows-1256 (Arabic)): 1 added,")


def test_a_file_partly_utf8_partly_windows_1252_is_refused_not_stored_as_garbage():
    data = "name\nCafé\n".encode() + "Straße\n".encode("cp1252")
    with pytest.raises(EncodingError, match="first unreadable byte on line 3"):
        decode(data)
