"""Hardening: file names from client names are safe, distinct, and writes stay inside the chosen folder."""
from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from freelancekit.errors import FreelancekitError
from freelancekit.files.safe_files import MAX_NAME_BYTES, contained_path, safe_filename, unique_filenames, write_new_file

WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def is_valid(name: str) -> bool:
    stem = name.split(".")[0].rstrip(" ").upper()
    return (
        bool(name) and name not in (".", "..") and ".." not in name
        and not any(ch in name for ch in '/\\<>:"|?*')
        and all(unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in name)
        and not name.endswith((".", " ")) and not name.startswith((".", " "))
        and stem not in WINDOWS_DEVICES
        and len(name.encode("utf-8")) <= MAX_NAME_BYTES
    )


@pytest.mark.parametrize("raw, expected", [
    ("Brightpath Software", "Brightpath Software"),
    ("../../etc/passwd", "_._etc_passwd"),
    ("..\\..\\Windows\\System32", "_._Windows_System32"),
    ("/absolute/path", "_absolute_path"),
    ("a\x00b\x1fc\x7fd", "abcd"),
    ("invoice\u202egnp.exe", "invoicegnp.exe"),
    ("\u2066isolated\u2069 name\u200f", "isolated name"),
    ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("com1", "_com1"), ("LPT9 .eml", "_LPT9 .eml"), ("Console", "Console"),
    ("trailing dots...", "trailing dots"), ("  spaced   out  ", "spaced out"), ("...", "draft"), ("", "draft"),
    ("مكتبة النور", "مكتبة النور"), ("Café Zoë", "Café Zoë"), ("Cafe\u0301", "Café"),
    ('What? "Really" <yes>|*', 'What_ _Really_ _yes___'),
])
def test_safe_filename_examples(raw, expected):
    assert safe_filename(raw) == expected
    assert is_valid(expected)


def test_long_names_are_cut_on_a_character_boundary_keeping_the_suffix():
    name = safe_filename("ن" * 300, ".eml")
    assert name.endswith(".eml") and len(name.encode("utf-8")) <= 255
    assert name == "ن" * 125 + ".eml"  # 2 bytes each: 250 + 4 bytes
    mixed = safe_filename("a" + "€" * 200)  # 3-byte characters after one ASCII byte
    assert len(mixed.encode("utf-8")) == 253 and mixed.encode("utf-8").decode("utf-8") == mixed


def test_clients_that_sanitise_alike_get_distinct_names():
    names = unique_filenames(["Acme/Inc", "Acme\\Inc", "ACME_INC", "acme:inc", "Other"], ".eml")
    assert names == ["Acme_Inc.eml", "Acme_Inc (2).eml", "ACME_INC (3).eml", "acme_inc (4).eml", "Other.eml"]
    long = unique_filenames(["x" * 300, "x" * 301], ".eml")
    assert long[0] != long[1] and all(len(n.encode()) <= 255 for n in long)


@given(st.text(max_size=400))
def test_safe_filename_is_idempotent_and_always_valid(raw):
    once = safe_filename(raw)
    assert safe_filename(once) == once
    assert is_valid(once)


@given(st.lists(st.text(max_size=60), min_size=1, max_size=8))
def test_unique_filenames_are_distinct_ignoring_case(raws):
    names = unique_filenames(raws, ".txt")
    assert len({n.casefold() for n in names}) == len(raws)
    assert all(is_valid(n) for n in names)


def test_writes_never_leave_the_folder(tmp_path):
    with pytest.raises(FreelancekitError) as exc:
        write_new_file(tmp_path, "../escape.txt", b"x")
    assert str(exc.value) == "'../escape.txt' is not a safe file name: nothing was written"
    with pytest.raises(FreelancekitError) as exc:
        contained_path(tmp_path, "..")
    assert str(exc.value) == "'..' is not a safe file name: nothing was written"
    assert not (tmp_path.parent / "escape.txt").exists()


def test_a_planted_symlink_is_never_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "Acme.eml").symlink_to(outside)
    for force in (False, True):
        with pytest.raises(FreelancekitError) as exc:
            write_new_file(folder, "Acme.eml", b"evil", force=force)
        assert str(exc.value) == (f"{folder.resolve() / 'Acme.eml'} is a symbolic link: freelancekit never writes through links; "
                                  "remove it or choose another folder")
    (folder / "dangling.eml").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(FreelancekitError, match="is a symbolic link"):
        write_new_file(folder, "dangling.eml", b"evil")
    assert outside.read_text() == "keep me" and not (tmp_path / "nowhere.txt").exists()


def test_existing_files_are_not_overwritten_without_force(tmp_path):
    path = write_new_file(tmp_path, "Acme.eml", b"one")
    with pytest.raises(FreelancekitError) as exc:
        write_new_file(tmp_path, "Acme.eml", b"two")
    assert str(exc.value) == f"{path} already exists: nothing was overwritten"  # the CLI adds the flags
    assert path.read_bytes() == b"one"
    write_new_file(tmp_path, "Acme.eml", b"two", force=True)
    assert path.read_bytes() == b"two"
    assert sorted(os.listdir(tmp_path)) == ["Acme.eml"]  # no temporary file left behind
    (tmp_path / "dir.eml").mkdir()
    with pytest.raises(FreelancekitError) as exc:
        write_new_file(tmp_path, "dir.eml", b"x", force=True)
    assert str(exc.value) == f"{tmp_path.resolve() / 'dir.eml'} is a folder: remove it"  # the CLI adds the flag


def test_symlinked_output_folder_itself_is_resolved_and_used(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    path = write_new_file(tmp_path / "link", "a.txt", b"x")
    assert path == real.resolve() / "a.txt" and path.read_bytes() == b"x"
