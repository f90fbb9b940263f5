"""docs/examples/ holds exactly what the code writes now (run scripts/make_examples.py after changing templates)."""
from __future__ import annotations

from pathlib import Path

from freelancekit.drafts.drafting import Draft, lint_draft
from freelancekit.drafts.examples import example_files
from freelancekit.language.bidi import FSI, PDI, strip_marks

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def test_committed_examples_match_the_generator():
    files = example_files()
    assert sorted(files) == ["ar-formal.txt", "ar-warm.txt", "en-formal.txt", "en-warm.txt"]
    for name, text in files.items():
        assert (EXAMPLES / name).read_text(encoding="utf-8") == text, f"{name} is stale: run python scripts/make_examples.py"


def test_examples_are_clean_and_the_arabic_one_keeps_its_isolates():
    files = example_files()
    for text in files.values():
        head, body = text.split("\n\n", 1)
        assert lint_draft(Draft(None, "x", "", "", head.split("\n")[1], body.rstrip("\n"))) == []
    assert f"مرحباً {FSI}Daniel{PDI}،" in files["ar-warm.txt"]
    assert "Dear Priya Natarajan," in files["en-formal.txt"] and "Hi Daniel," in files["en-warm.txt"]
    assert "دراسات الحالة" in strip_marks(files["ar-warm.txt"])


def test_each_example_offers_packages_once_and_speaks_of_a_dated_win():
    files = {name: strip_marks(text) for name, text in example_files().items()}
    for name, text in files.items():
        assert text.count("Essentials" if name.startswith("en") else "الباقة الأساسية") == 2, name  # its line, then "everything in"
        assert ("$900" if name.startswith("en") else "900 USD") in text, name
        assert ("Price:" if name.startswith("en") else "السعر:") not in text, name  # no bullets beside the packages
    assert "Congratulations on the recent win!" in files["en-warm.txt"] and "تهانيّ الحارة بالإنجاز الأخير!" in files["ar-warm.txt"]
    assert "26 January 2025" in files["en-formal.txt"] and "26 يناير 2025" in files["ar-formal.txt"]
    assert "recent" not in files["en-formal.txt"]
