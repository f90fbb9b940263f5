"""A contact's title: a code that says how a formal draft greets them and which gender its words agree with.

The portfolio stores the code, never a word, so one client reads "Dear Dr Patel," in an English
draft and «حضرة الدكتورة …» in an Arabic one. The words are the catalogs' (``title.<code>`` in a
list, ``title.word.<code>`` in a greeting); empty = not known, and drafts greet as before (docs/data.md).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from freelancekit.language import i18n
from freelancekit.language.wording import Term
from freelancekit.portfolio import validation as v

# in the app's list order; the gender is the code's own, so Arabic words and "المحترم/المحترمة" agree with it
TITLES: tuple[str, ...] = ("mr", "ms", "mrs", "dr_m", "dr_f", "prof_m", "prof_f", "eng_m", "eng_f")
FEMININE: frozenset[str] = frozenset({"ms", "mrs", "dr_f", "prof_f", "eng_f"})

# Words a file may write that name a title but not the contact's gender: refused with the two titles to choose from,
# since a guess would write «المحترم» to a woman.
_GENDERLESS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("dr", "doctor", "د"), ("dr_m", "dr_f")),
    **dict.fromkeys(("prof", "professor", "ا د"), ("prof_m", "prof_f")),
    **dict.fromkeys(("eng", "engineer", "م"), ("eng_m", "eng_f")),
}
# Other ways of writing a title, besides its code and the catalogs' words in every language (normalised by ``_key``).
_ALIASES: dict[str, str] = {
    "mister": "mr",
    **{f"{word} {said}": f"{stem}_{g}" for stem, word in (("dr", "dr"), ("dr", "doctor"), ("prof", "prof"), ("prof", "professor"),
                                                             ("eng", "eng"), ("eng", "engineer"))
       for said, g in (("m", "m"), ("male", "m"), ("man", "m"), ("f", "f"), ("female", "f"), ("woman", "f"))},
}
_LEFT_OUT = re.compile(r"[\s.()\[\]/\\,_\-\u0640\u064b-\u0652\u200e\u200f\u2066-\u2069]+")
_ARABIC_LOOSE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


def gender(code: str) -> str:
    """'f' or 'm' for a title, '' for none: what an Arabic draft's words agree with."""
    return "" if not code else "f" if code in FEMININE else "m"


def choices(codes: tuple[str, ...] = TITLES) -> list[Term]:
    """The titles as a problem names them, in the reader's language."""
    return [Term(f"title.{c}") for c in codes]


def _key(text: str) -> str:
    """A title as typed, in the one form its spellings share: 'Dr.' 'dr' -> 'dr'; «الدكتورة» «دكتورة» -> 'دكتوره'."""
    words = _LEFT_OUT.sub(" ", unicodedata.normalize("NFKC", text).casefold().translate(_ARABIC_LOOSE)).split()
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words)


@lru_cache(maxsize=1)
def _known() -> dict[str, str]:
    """Every accepted spelling -> its code: the codes, the catalogs' words in each language, then ``_ALIASES``."""
    known: dict[str, str] = {}
    for loc in i18n.LOCALES:
        for code in TITLES:
            known.setdefault(_key(i18n.t(f"title.{code}", loc)), code)
            word = _key(i18n.t(f"title.word.{code}", loc))
            # "Dr" is both dr_m and dr_f: refused as genderless, never taken as the first; «السيدة» is both ms and mrs: Ms,
            # the first (Arabic does not say whether a woman is married)
            if word not in _GENDERLESS:
                known.setdefault(word, code)
    known.update(_ALIASES)
    known.update({_key(c): c for c in TITLES})  # 'dr_f' reads 'dr f'
    return known


def parse_title(value: Any, field: str = "title", *, row: int | None = None) -> str:
    """A title's code from a code or a word in English or Arabic ('Dr (f)', 'Mrs.', «الدكتورة»); '' when empty."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise v.refuse(field, "title.unknown", row, value="?", choices=choices())
    key = _key(value)
    if not key:
        return ""
    shown = value.strip() if len(value.strip()) < 40 else "?"
    if key in _GENDERLESS:
        raise v.refuse(field, "title.no_gender", row, value=shown, choices=choices(_GENDERLESS[key]))
    code = _known().get(key)
    if code is None:
        raise v.refuse(field, "title.unknown", row, value=shown, choices=choices())
    return code
