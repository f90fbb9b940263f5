"""Which client field each column header of an import file names, in English or Arabic (docs/data.md, "Column names").

A header matches a column when both read the same after ``header_key``:
Unicode NFC, case folded, with spaces, underscores, hyphens, dots, slashes,
asterisks, colons and parentheses left out, and Arabic written loosely (no
harakat or tatweel, أ/إ/آ as ا, ى as ي, ة as ه). So ``Hourly Rate``,
``hourly_rate`` and ``HOURLY-RATE`` are one column, and so are
``البريد الإلكتروني`` and ``البريد الالكتروني``.

Accepted names, per column: its key (``hourly_rate``), the label the app shows
for it in English and Arabic (``Pay rate``, ``أجر الساعة``), and the common
names in ``SYNONYMS``; a criterion of the user's own is matched by its key and
its label. ``accepted_names`` lists them (the README's table is made from it).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from freelancekit.language import i18n
from freelancekit.portfolio.model import Criterion

# The client columns that are not criteria, in the export's order; the criteria go between
# BASE and TAIL (see importer.known_columns).
BASE_COLUMNS: tuple[str, ...] = ("name", "contact_name", "email", "industry", "services")
TAIL_COLUMNS: tuple[str, ...] = ("notes", "last_win", "start_date", "last_win_date", "working_on", "language", "currency",
                                   "title")

# Names people give these columns besides the key and the app's own labels (English, then Arabic).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("client", "client name", "company", "customer", "الاسم", "اسم العميل", "العميل", "الشركة", "اسم الشركة", "الجهة"),
    "contact_name": ("contact", "contact name", "contact person", "جهة الاتصال", "اسم جهة الاتصال", "المسؤول", "جهة التواصل",
                     "اسم المسؤول"),
    "email": ("e-mail", "email address", "mail", "البريد", "الإيميل", "عنوان البريد الإلكتروني", "بريد إلكتروني", "الإيميل الإلكتروني"),
    "industry": ("sector", "field", "القطاع", "الصناعة", "النشاط"),
    "services": ("services bought", "الخدمات", "خدمات", "الخدمات المشتراة"),
    "hourly_rate": ("hourly rate", "rate", "الأجر بالساعة", "سعر الساعة", "الأجر", "السعر", "الأجرة", "التسعيرة"),
    "on_time_payment": ("on time payment", "pays on time", "الدفع في الموعد", "السداد في الموعد", "الالتزام بالدفع"),
    "ease": ("easy to work with", "السهولة", "سهولة العمل"),
    "enjoyment": ("enjoy", "الاستمتاع", "المتعة"),
    "learning": ("التعلم", "التعلم من العمل"),
    "notes": ("note", "comments", "الملاحظات", "ملاحظة", "تعليقات"),
    "last_win": ("last win", "milestone", "latest win", "آخر نجاح", "الإنجاز"),
    "start_date": ("start date", "since", "تاريخ البدء", "تاريخ البداية", "منذ", "بداية التعامل"),
    "last_win_date": ("win date", "date of last win", "last win date", "تاريخ آخر إنجاز", "تاريخ آخر نجاح"),
    "working_on": ("working on", "current project", "يعملون على", "المشروع الحالي", "العمل الحالي"),
    "language": ("email language", "draft language", "اللغة", "لغة الرسائل", "لغة البريد"),
    "currency": ("currency code", "paid in", "pays in", "العملة", "عملة الدفع", "رمز العملة"),
    "title": ("contact title", "salutation", "honorific", "اللقب", "لقب", "لقب المسؤول", "لقب الشخص المسؤول"),
}

# The app's own label of each field (i18n keys), shown in the client form.
_FIELD_LABELS = {f: f"field.{f}" for f in ("name", "contact_name", "email", "industry", "services", "notes", "last_win", "start_date",
                                            "last_win_date", "working_on", "language", "currency", "title")}

_LEFT_OUT = re.compile(r"[\s_\-./*:()\u200b-\u200f\u2066-\u2069\ufeff\u0640\u064b-\u0652]+")
_ARABIC_LOOSE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


def header_key(text: str) -> str:
    """The form two headers share when they name the same column (see the module docstring)."""
    return _LEFT_OUT.sub("", unicodedata.normalize("NFC", text).casefold()).translate(_ARABIC_LOOSE)


def accepted_names(criteria: Sequence[Criterion]) -> dict[str, list[str]]:
    """Column key -> every name accepted for it (the key first), in the export's column order."""
    names: dict[str, list[str]] = {}
    for key in BASE_COLUMNS:
        names[key] = _names(key, [i18n.t(_FIELD_LABELS[key], loc).rstrip(" *") for loc in i18n.LOCALES])
    for c in criteria:
        labels = [c.label, *(i18n.criterion_label(c.key, c.label, loc) for loc in i18n.LOCALES)]
        names[c.key] = _names(c.key, labels)
    for key in TAIL_COLUMNS:
        names[key] = _names(key, [i18n.t(_FIELD_LABELS[key], loc).rstrip(" *") for loc in i18n.LOCALES])
    return names


def _names(key: str, labels: list[str]) -> list[str]:
    """The key, the labels and the synonyms, each spelling once (as ``header_key`` reads them)."""
    out: dict[str, str] = {}
    for name in (key, *labels, *SYNONYMS.get(key, ())):
        out.setdefault(header_key(name), name)
    return list(out.values())


def column_lookup(criteria: Sequence[Criterion]) -> dict[str, str]:
    """``header_key`` of every accepted name -> its column key.

    Keys win over labels and labels over synonyms, so a criterion of the user's own
    named like a synonym ("Rate") is that criterion, not the pay rate.
    """
    names = accepted_names(criteria)
    lookup: dict[str, str] = {}
    for rank in ("key", "label", "synonym"):
        for key, accepted in names.items():
            synonyms = set(SYNONYMS.get(key, ()))
            for name in accepted:
                kind = "key" if name == key else "synonym" if name in synonyms else "label"
                if kind == rank:
                    lookup.setdefault(header_key(name), key)
    return lookup


def local_name(key: str, criteria: Sequence[Criterion], locale: str | None) -> str:
    """The name the app shows for column ``key`` in ``locale`` (an accepted header too)."""
    for c in criteria:
        if c.key == key:
            return i18n.criterion_label(c.key, c.label, locale)
    if key in _FIELD_LABELS:
        return i18n.t(_FIELD_LABELS[key], locale).rstrip(" *")
    return key
