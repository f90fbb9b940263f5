"""One Arabic term per concept (docs/language.md, "Glossary"): an Arabic catalog entry whose English names a concept
never uses a variant the glossary forbids for it."""
from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from freelancekit.language.compiled import po_path

DOC = Path(__file__).resolve().parent.parent / "docs" / "language.md"


def glossary() -> list[tuple[str, re.Pattern[str], list[re.Pattern[str]]]]:
    """(concept, English pattern, forbidden Arabic variants) of each row of the glossary table."""
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("## Glossary"):].split("\n\n")[2]
    rows = []
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        concept, english, _arabic, forbidden = cells
        english = english.strip("`").replace("\\|", "|")
        variants = [v.strip().strip("`") for v in forbidden.split(" / ") if v.strip()]
        rows.append((concept, re.compile(english, re.I), [re.compile(v if v.startswith(("^", "(")) or "[" in v else re.escape(v))
                                                           for v in variants]))
    return rows


def entries(domain: str) -> list[tuple[str, str, str]]:
    with open(po_path("ar", domain), "rb") as f:
        catalog = read_po(f, locale="ar")
    out = []
    for m in catalog:
        if m.id:
            english = m.id if isinstance(m.id, str) else " ".join(m.id)
            for arabic in (m.string if isinstance(m.string, tuple) else (m.string,)):
                out.append((m.context or english, english, arabic))
    return out


def breaches(texts: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return [(key, concept, arabic) for concept, english_rx, forbidden in glossary() for key, english, arabic in texts
            if english_rx.search(english) and any(v.search(arabic) for v in forbidden)]


def test_the_glossary_names_the_concepts_an_editor_asked_for():
    concepts = {c for c, _, _ in glossary()}
    assert {"client", "portfolio", "profile", "draft", "import", "export", "weight", "criterion", "rating", "record",
            "invoice", "payment", "billable", "demo", "skip", "discard", "undo"} <= concepts


def test_the_glossary_catches_a_forbidden_variant():
    assert breaches([("demo.back", "Back to the demo", "العودة إلى النسخة التجريبية")]) == [
        ("demo.back", "demo", "العودة إلى النسخة التجريبية")]
    assert breaches([("x", "Your profile", "ملفك")]) and not breaches([("x", "Your profile", "ملفك الشخصي")])
    assert not breaches([("x", "Choose a file", "اختر ملفك")])  # "file" is no concept of the glossary's


def test_every_arabic_entry_uses_the_glossarys_term_for_the_concepts_its_english_names():
    assert breaches(entries("freelancekit") + entries("argparse")) == []
