"""Which text encoding a client file is in, decided only by what its bytes prove (docs/data.md, "Encodings").

The rule, in order:

1. a byte-order mark names the encoding: UTF-8 (Excel's "CSV UTF-8") or UTF-16
   (Excel's "Unicode Text", little- or big-endian);
2. UTF-16 without a mark is recognised by its zero bytes (every other byte of
   Latin text is 0) and must decode cleanly;
3. bytes that are valid UTF-8 are UTF-8, always: a UTF-8 file is never refused
   or read as something else, whatever its letters (ß, Ø, é, ñ, ç, Arabic ...);
4. other bytes are a one-byte Windows code page, Windows-1252 (Western European)
   or Windows-1256 (Arabic), and only when the words say which: a word whose
   non-ASCII bytes sit between Latin letters ("Stra\\xdfe", "Caf\\xe9") is
   Western; a word made only of non-ASCII bytes that all read as Arabic letters
   is Arabic; bytes both pages read alike (€, é) need no evidence. A file with
   evidence for neither or both is refused with a message asking for UTF-8,
   never guessed.

A library such as charset-normalizer picks among ~100 encodings and must always
answer; for a three-line file it can pick a Cyrillic or Greek page. Here only
two one-byte pages are possible and "not sure" is an answer, which is why this
small rule is written out.
"""
from __future__ import annotations

import re

from freelancekit.errors import EXIT_INPUT, FreelancekitError

NOT_UTF8 = ("the file is not UTF-8 text ({where}): in Excel use 'Save as > CSV UTF-8', "
            "in LibreOffice choose the UTF-8 character set")

# What the preview and the command line call each encoding.
NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252 (Western European)", "cp1256": "Windows-1256 (Arabic)"}

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig", "utf-8"), (b"\xff\xfe", "utf-16", "utf-16"), (b"\xfe\xff", "utf-16", "utf-16"))
_WORD = re.compile(rb"[A-Za-z\x80-\xff]+")
_HIGH = re.compile(rb"[\x80-\xff]")
# Arabic letters, tatweel and harakat as Windows-1256 decodes them
_ARABIC = re.compile(r"[\u0621-\u064a\u0640\u064b-\u0652\u0671-\u06d3]+")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# A UTF-8 Latin letter (é = C3 A9) read as Windows-1252 gives "Ã©": a file holding one is partly UTF-8,
# and reading it all as Windows-1252 would store such garbage, so it is refused instead
_UTF8_LATIN = re.compile(rb"\xc3[\x80-\xbf]|\xc2[\xa0-\xbf]")


class EncodingError(FreelancekitError):
    """The file's bytes do not say which text encoding it is in."""

    exit_code = EXIT_INPUT


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding key of ``NAMES``) of a client file's bytes, by the rule above."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise EncodingError(code="import.bad_bom", encoding=NAMES[name], position=exc.start) from None
            return text.lstrip("\ufeff"), name
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise EncodingError(code="import.binary")
        return utf16, "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    return _one_byte_page(data, first_bad)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text whose every other byte is mostly zero (Latin text), if it decodes; else None."""
    if len(data) % 2:
        return None
    head = data[:65536]
    even, odd = head[0::2], head[1::2]
    for codec, zeros, letters in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) * 10 >= len(zeros) * 6 and letters.count(0) * 10 < len(letters):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _one_byte_page(data: bytes, first_bad: int) -> tuple[str, str]:
    western = arabic = 0
    for m in _WORD.finditer(data):
        word = m.group()
        if not _HIGH.search(word):
            continue
        if any(65 <= b <= 90 or 97 <= b <= 122 for b in word):
            western += 1
        elif len(word) > 1 and _ARABIC.fullmatch(word.decode("cp1256")):  # one letter alone proves nothing
            arabic += 1
    if arabic and not western:
        return data.decode("cp1256"), "cp1256"
    if western and not arabic and not _CP1252_UNDEFINED.intersection(data) and not _UTF8_LATIN.search(data):
        return data.decode("cp1252"), "cp1252"
    if not arabic and not western and not _CP1252_UNDEFINED.intersection(data):
        western_text = data.decode("cp1252")
        if western_text == data.decode("cp1256"):  # e.g. only '€' or 'é': both pages read it alike
            return western_text, "cp1252"
    return _refuse(data, first_bad)


def _refuse(data: bytes, first_bad: int) -> tuple[str, str]:
    line = data[:first_bad].count(b"\n") + 1
    raise EncodingError(code="import.unclear_encoding", line=line)
