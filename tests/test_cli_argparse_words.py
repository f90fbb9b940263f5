"""argparse's own words follow each call's language through its gettext calls, and only inside that call."""
from __future__ import annotations

import argparse

import pytest

from freelancekit.cli import build_parser, main
from freelancekit.cli.argparse_words import language, speaking


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_two_calls_in_one_process_each_speak_their_own_language(capsys):
    assert run(capsys, "--lang", "ar", "rank", "--bogus")[2] == "\u200ffreelancekit: خطأ: وسائط غير معروفة: --bogus (انظر '\u2066freelancekit --help\u2069')\n"
    assert run(capsys, "--lang", "en", "rank", "--bogus")[2] == "freelancekit: error: unrecognized arguments: --bogus (see 'freelancekit --help')\n"
    assert run(capsys, "--lang", "ar", "export")[2] == ("\u200ffreelancekit export: خطأ: هذه الوسائط مطلوبة: FILE "
                                                       "(انظر '\u2066freelancekit export --help\u2069')\n")
    assert run(capsys, "--lang", "en", "export")[2] == ("freelancekit export: error: the following arguments are required: FILE "
                                                       "(see 'freelancekit export --help')\n")


def test_help_speaks_the_parsers_language_and_argparse_stays_english_elsewhere():
    arabic, english = build_parser("ar").format_help(), build_parser("en").format_help()
    assert arabic.startswith("الاستخدام: freelancekit") and "اعرض هذه المساعدة واخرج" in arabic and "\nالخيارات:\n" in arabic
    assert english.startswith("usage: freelancekit") and "show this help message and exit" in english and "\noptions:\n" in english
    assert build_parser("ar").format_help() == arabic  # nothing left over from the English one
    assert argparse.ArgumentParser(prog="other").format_usage() == "usage: other [-h]\n"  # outside our parsers: argparse's own
    assert language() is None


def test_speaking_ends_with_its_block_even_when_argparse_exits():
    with pytest.raises(SystemExit), speaking("ar"):
        assert language() == "ar"
        argparse.ArgumentParser(prog="x", exit_on_error=True).parse_args(["--nope"])
    assert language() is None
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"
