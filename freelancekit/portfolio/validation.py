"""The one set of rules every value passes through, whoever typed it.

Form widgets, CSV/XLSX cells, CLI arguments and the Python API all call these
functions, so a freelancer sees the same message for the same mistake wherever
they made it.

Numbers follow one rule (``parse_number``):
* digits may be Western (45) or Arabic-Indic (٤٥ / ۴۵), with ``٫`` as decimal
  and ``٬`` as thousands mark; other digit scripts (४५, ４５) are refused;
* ``_`` may group digits (``1_000``); a comma followed by exactly three digits
  groups thousands (``1,000``, ``1,500``); otherwise a single comma is the
  decimal mark (``35,5`` = 35.5, ``1,5`` = ``1,50`` = 1.5); with both
  ``,`` and ``.`` the last one is the decimal mark (``1.000,5`` = 1000.5);
  a single ``.`` is always the decimal mark (``1.000`` = 1), several dots
  group thousands (``1.000.000``);
* a space (or no-break space) may group thousands, only before exactly three
  digits (``12 500``); ``4 5`` is not a number;
* one currency sign or 3-letter code before or after the number is ignored
  (``$35``, ``35 $``, ``35 EUR``);
* ``nan``, ``inf``, ``infinity`` and float NaN/infinity are refused with one
  message; so are negative numbers (``-5``), exponents (``1e308``) and numbers
  above one billion;
* a number keeps at most 6 decimals and 15 significant digits (like a
  spreadsheet), so it survives a CSV or .xlsx export and import exactly.

Text follows one rule (``clean_text``): NFC, trimmed; NUL, every other C0/C1
control character (including U+0085), the Unicode noncharacters (U+FFFE...)
and unpaired surrogates are refused anywhere in the value, even at its ends;
line breaks (CR, LF, U+2028/9) and tabs only in multi-line fields (notes,
signature, draft body), where CR LF and CR become LF. Zero-width and
direction marks are kept: Arabic text needs them.
"""
from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from freelancekit.errors import InvalidInput, Problem
from freelancekit.language.numerals import to_latin

MAX_NUMBER = 1_000_000_000
MAX_WEIGHT = 100

_ARABIC_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_ARABIC_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_ARABIC_DIGITS[ord("٫")] = "."  # Arabic decimal separator
_ARABIC_DIGITS[ord("٬")] = ","  # Arabic thousands separator
_ARABIC_DIGITS[ord("\u2212")] = "-"  # minus sign

_CURRENCY = re.compile(r"^\s*(?:[$€£¥₹₩₺₽¢]|[A-Za-z]{3}\b)?\s*(.*?)\s*(?:[$€£¥₹₩₺₽¢]|\b[A-Za-z]{3})?\s*$")
# Digits are ASCII only (re.ASCII): Arabic-Indic digits are translated first,
# other scripts are refused as the rule above says.
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$", re.ASCII)
_UNDERSCORE = re.compile(r"[+-]?\d+(_\d+)*(\.\d+)?", re.ASCII)
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
_GROUPED_EU = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$", re.ASCII)
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$", re.ASCII)
_SPACE_GROUP = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))", re.ASCII)
_NOT_FINITE_WORDS = frozenset({"nan", "inf", "infinity"})

# C0 and C1 control characters and DEL; tab, CR and LF are judged separately.
# Unicode noncharacters (U+FDD0-FDEF and the last two code points of every plane):
# never text, and U+FFFE/U+FFFF are not even allowed in an .xlsx (XML) file.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane | 0xFFFE) + chr(plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000))
CONTROL_CLASS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + _NONCHARACTERS  # inside [...]; the importer's fast path shares it
_CONTROL = re.compile(f"[{CONTROL_CLASS}]")
_LINE_BREAK = re.compile(r"[\r\n\t\u2028\u2029\x85]")

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
# a key is Latin lowercase or Arabic letters, digits and _ (a criterion named in Arabic keeps a readable Arabic key)
_ARABIC_KEY_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
_KEY = re.compile(f"^[a-z{_ARABIC_KEY_LETTERS}][a-z0-9_{_ARABIC_KEY_LETTERS}]{{0,39}}$")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel: not part of a key
_CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")

NUMBER_HINT = "write digits such as 45 or 45.50"

# Text shaped like an RFC 2047 encoded word ("=?utf-8?q?...?="): Python's email package and mail
# programs decode it inside a header, where an encoded "=0A" becomes a hidden new header line. Fields
# that go into an email header (docs/data.md, "Rules checked where data enters") may not hold it.
ENCODED_WORD = re.compile(r"=\?[^?]*\?[bBqQ]\?[^?]*\?=")
HEADER_ENCODED = "contains text shaped like '=?charset?q?...?=', which email programs decode into hidden text: please rewrite that part"


def fail(field: str, text: str, row: int | None = None) -> InvalidInput:
    """An old-style refusal with an English sentence; new code uses ``refuse`` with a code."""
    return InvalidInput(Problem(field, text, row))


def refuse(field: str, code: str, row: int | None = None, **facts: Any) -> InvalidInput:
    """The error for one value: ``code`` names the rule broken (texts: i18n ``error.<code>``), ``facts`` the details."""
    return InvalidInput(Problem(field, row=row, code=code, **facts))


def clean_text(
    value: Any,
    field: str,
    *,
    row: int | None = None,
    multiline: bool = False,
    max_length: int = 200,
    required: bool = False,
    header: bool = False,
) -> str:
    """NFC text, trimmed, free of control characters; '' when empty and allowed.

    ``header``: the text goes into an email header (a name in To: or Subject:), so
    text shaped like an encoded word (``ENCODED_WORD``) is refused too.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        if isinstance(value, int) and not isinstance(value, bool):
            if value.bit_length() > 13_000:  # beyond what str() of an int allows; far beyond any field
                raise refuse(field, "text.too_long", row, max_length=max_length)
            value = str(value)
        elif isinstance(value, float) and math.isfinite(value):
            value = str(int(value)) if value.is_integer() else str(value)
        else:
            raise refuse(field, "text.not_text", row)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise refuse(field, "text.broken_character", row) from None
    if len(value) > max_length * 4:  # refuse huge pastes before any further work
        raise refuse(field, "text.too_long", row, max_length=max_length)
    # controls are looked for before trimming: str.strip() would silently drop
    # some of them (U+001C-001F, U+0085) at the ends instead of refusing them
    if _CONTROL.search(value):
        raise refuse(field, "text.control_character", row)
    value = unicodedata.normalize("NFC", value).strip()
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline and _LINE_BREAK.search(value):
        raise refuse(field, "text.single_line", row)
    if len(value) > max_length:
        raise refuse(field, "text.too_long", row, max_length=max_length)
    if required and not value:
        raise refuse(field, "value.required", row)
    if header and "=?" in value and ENCODED_WORD.search(value):
        raise refuse(field, "mail.encoded_word", row)
    return value


def _normalise_number_text(text: str) -> str | None:
    text = text.translate(_ARABIC_DIGITS).strip()
    m = _CURRENCY.match(text)
    text = _SPACE_GROUP.sub("", m.group(1) if m else text)
    if _UNDERSCORE.fullmatch(text):
        return text.replace("_", "")
    if _PLAIN.match(text):
        return text
    if _GROUPED.match(text):
        return text.replace(",", "")
    if _DECIMAL_COMMA.match(text):
        return text.replace(",", ".")
    if _GROUPED_EU.match(text):
        return text.replace(".", "").replace(",", ".")
    return None


def parse_number(
    value: Any,
    field: str,
    *,
    row: int | None = None,
    minimum: float = 0,
    maximum: float = MAX_NUMBER,
    required: bool = False,
) -> float | None:
    """A finite number within bounds, or None for an empty optional value."""
    number = _unrounded_number(value, field, row=row, minimum=minimum, maximum=maximum, required=required)
    if number is None:
        return None
    # at most 6 decimals and 15 significant digits (as a spreadsheet keeps them), so every
    # stored number is written without an exponent and reads back exactly from CSV and .xlsx
    return float(f"{round(number, 6):.15g}") + 0.0  # + 0.0 turns -0.0 into 0.0


def _unrounded_number(value: Any, field: str, *, row: int | None, minimum: float, maximum: float, required: bool) -> float | None:
    """``parse_number`` before its rounding (a rating checks the digits it was given)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise refuse(field, "value.required", row)
        return None
    if isinstance(value, bool):
        raise refuse(field, "number.invalid", row)
    if isinstance(value, (int, float)):
        # an int beyond float range is out of bounds, not "not a number"
        number = float(value) if isinstance(value, float) or abs(value) < 2**1023 else (1e308 if value > 0 else -1e308)
    elif isinstance(value, str):
        if len(value) > 100:
            raise refuse(field, "number.invalid", row)
        if value.strip().lstrip("+-").lower() in _NOT_FINITE_WORDS:
            raise refuse(field, "number.not_finite", row)
        text = _normalise_number_text(value)
        if text is None:
            shown = value.strip()
            raise refuse(field, "number.not_a_number", row, value=shown)
        number = float(text)
    else:
        try:
            number = float(value)  # numpy scalars and Decimals
        except (TypeError, ValueError):
            raise refuse(field, "number.invalid", row) from None
        except OverflowError:  # a Fraction beyond float: out of bounds, not "not a number"
            number = 1e308 if value > 0 else -1e308
    if not math.isfinite(number):
        raise refuse(field, "number.not_finite", row)
    if number < minimum:
        raise refuse(field, "number.too_small", row, value=number, minimum=minimum)
    if number > maximum:
        raise refuse(field, "number.too_large", row, value=number, maximum=maximum)
    return number


def parse_rating(value: Any, field: str, lo: int, hi: int, *, row: int | None = None) -> float | None:
    """A whole number on the criterion's scale, or None when left empty."""
    def allowed() -> InvalidInput:
        return refuse(field, "rating.range", row, value=value if isinstance(value, (int, float, str)) else None, minimum=lo, maximum=hi)

    try:
        # unrounded: "4.0000004" is not a whole number, even though it rounds to one
        number = _unrounded_number(value, field, row=row, minimum=-MAX_NUMBER, maximum=MAX_NUMBER, required=False)
    except InvalidInput:
        raise allowed() from None
    if number is None:
        return None
    if not number.is_integer() or not lo <= number <= hi:
        raise allowed()
    return number + 0.0  # + 0.0 turns -0.0 into 0.0


def parse_weight(value: Any, field: str = "weight", *, row: int | None = None) -> float:
    try:
        number = parse_number(value, field, row=row, minimum=0, maximum=MAX_WEIGHT, required=True)
    except InvalidInput:
        raise refuse(field, "weight.range", row, minimum=0, maximum=MAX_WEIGHT) from None
    assert number is not None
    return number


def clean_email(value: Any, field: str = "email", *, row: int | None = None, required: bool = False) -> str:
    """Exactly one addr-spec (name@domain), never a display name or a list.

    Rule for non-ASCII: the domain may be international (it is checked through
    IDNA), the part before @ must be ASCII, because most mail systems cannot
    deliver to anything else.
    """
    text = clean_text(value, field, row=row, max_length=254, required=required)
    if not text:
        return ""
    def allowed() -> InvalidInput:
        return refuse(field, "email.invalid", row, value=text)

    local, at, domain = text.rpartition("@")
    if not at or not local or not domain or len(local) > 64:
        raise allowed()
    if not local.isascii():
        raise refuse(field, "email.local_not_ascii", row, value=text)
    if not _LOCAL.match(local):
        raise allowed()
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise allowed() from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise allowed()
    return f"{local}@{domain.lower()}"


def clean_key(value: Any, field: str = "key", *, row: int | None = None) -> str:
    text = clean_text(value, field, row=row, max_length=40, required=True)
    if not _KEY.match(text):
        raise refuse(field, "key.invalid", row, value=text)
    return text


def clean_currency(value: Any, field: str = "currency") -> str:
    text = clean_text(value, field, max_length=40, required=True).upper()  # 'dollars' gets the message below
    if not _CURRENCY_CODE.match(text):
        raise refuse(field, "currency.invalid", value=text)
    return text


def clean_choice(value: Any, field: str, choices: tuple[str, ...], *, row: int | None = None) -> str:
    if not isinstance(value, str) or value not in choices:
        if isinstance(value, str) and len(value) < 40:
            raise refuse(field, "choice.invalid", row, value=value, choices=list(choices))
        raise refuse(field, "choice.invalid_value", row, choices=list(choices))
    return value


def parse_date(value: Any, field: str, *, row: int | None = None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):  # a date and time (pandas/openpyxl give these): keep the day only
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_text(value, field, row=row, max_length=10)
    if not text:
        return None
    try:
        return date.fromisoformat(to_latin(text))  # ٢٠٢٦-٠٣-٣١ is the same day
    except ValueError:
        raise refuse(field, "date.invalid", row, value=text) from None


def parse_start_date(value: Any, field: str = "start_date", *, row: int | None = None, today: date | None = None) -> date | None:
    """"Client since": a date (``parse_date``) that is today at the latest; a start in the future is a typo.

    ``today`` is the user's local date (the one their calendar shows).
    """
    day = parse_date(value, field, row=row)
    limit = today or date.today()
    if day is not None and day > limit:
        raise refuse(field, "date.in_future", row, value=day.isoformat(), today=limit.isoformat())
    return day


def name_key(name: str) -> str:
    """The form two names share when they count as the same client (docs/data.md, "Names")."""
    return unicodedata.normalize("NFC", name).casefold()


def slugify_key(label: str, taken: set[str]) -> str:
    """A criterion key derived from its label, unique among ``taken``.

    Latin letters lose their accents ("Réactivité" -> "reactivite"); Arabic letters
    stay, without harakat or tatweel ("سرعة الرد" -> "سرعة_الرد"), so the column a
    spreadsheet export gets is readable and imports back (docs/data.md).
    """
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", label).lower())
    kept = "".join(ch if re.match(f"[{_ARABIC_KEY_LETTERS}]", ch)
                   else unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() for ch in text)
    base = re.sub(f"[^a-z0-9{_ARABIC_KEY_LETTERS}]+", "_", kept).strip("_")[:30]
    if not base or not base[0].isalpha():
        base = f"custom_{base}" if base else "custom"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}_{n}"
    return key
