"""docs/examples/ holds exactly what the code writes now (run scripts/make_examples.py after changing templates)."""
from __future__ import annotations

from pathlib import Path

from freelancekit.drafts.drafting import Draft, lint_draft
from freelancekit.drafts.examples import example_files
from freelancekit.language.bidi import FSI, PDI, strip_marks

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"


def test_committed_examples_match_the_generator():
    files = example_files()
    cases = ("eur-formal", "eur-warm", "formal", "no-services-formal", "team-warm", "warm")
    assert sorted(files) == [f"{lang}-{case}.txt" for lang in ("ar", "en") for case in cases]
    for name, text in files.items():
        assert (EXAMPLES / name).read_text(encoding="utf-8") == text, f"{name} is stale: run python scripts/make_examples.py"


def test_examples_are_clean_and_the_arabic_one_keeps_its_isolates():
    files = example_files()
    for text in files.values():
        head, body = text.split("\n\n", 1)
        assert lint_draft(Draft(None, "x", "", "", head.split("\n")[1], body.rstrip("\n"))) == []
    assert f"عزيزي {FSI}Daniel{PDI}،" in files["ar-warm.txt"]  # the examples' contacts carry a title, so a gender
    assert f"حضرة السيدة {FSI}Priya Natarajan{PDI} المحترمة،\n" in files["ar-formal.txt"]
    assert f"حضرة الدكتورة {FSI}Grace O'Neill{PDI} المحترمة،\n" in files["ar-no-services-formal.txt"]
    assert "Dear Ms Natarajan," in files["en-formal.txt"] and "Dear Dr O'Neill," in files["en-no-services-formal.txt"]
    assert "Hi Daniel," in files["en-warm.txt"]
    assert "- الباقة الأساسية، 600 USD شهرياً: إدارة المدونة (" in strip_marks(files["ar-warm.txt"])  # as the English one


def test_each_example_offers_what_fits_its_client_and_speaks_of_a_dated_win():
    files = {name: strip_marks(text) for name, text in example_files().items()}
    for name, text in files.items():
        if "no-services" in name:  # a client who buys nothing: no package fits, the best services with their prices
            assert "our work" not in text and "عملنا" not in text and ("Price:" in text or "السعر:" in text), name
            continue
        package = "Essentials" if name.startswith("en") else "الباقة الأساسية"
        price = "Price:" if name.startswith("en") else "السعر:"
        assert (package in text) != (price in text), name  # the packages that fit, or services with their prices: never both
    assert "Congratulations on the recent win!" in files["en-warm.txt"] and "تهانيّ الحارة بالإنجاز الأخير!" in files["ar-warm.txt"]
    assert "26 January 2025" in files["en-formal.txt"] and "26 يناير 2025" in files["ar-formal.txt"]
    assert "recent" not in files["en-formal.txt"]


def test_a_team_without_a_contact_is_greeted_as_a_team_and_its_name_said_once_at_the_top():
    files = {name: strip_marks(text) for name, text in example_files().items()}
    assert "\nHello everyone at Kettle & Crumb Roasters,\n\nI hope you are all well." in files["en-team-warm.txt"]
    assert "To: marco@kettlecrumb.coffee\n" in files["en-team-warm.txt"]
    assert "\nتحية طيبة لفريق Kettle & Crumb Roasters،\n" in files["ar-team-warm.txt"]
    assert "solve for Harbor & Co. Realty over the next quarter?" in files["en-no-services-formal.txt"]  # an open question all the same


def test_a_client_who_pays_in_euros_is_offered_the_package_at_a_natural_euro_price_and_no_dollar():
    files = {name: strip_marks(text) for name, text in example_files().items()}
    for tone in ("warm", "formal"):
        english, arabic = files[f"en-eur-{tone}.txt"], files[f"ar-eur-{tone}.txt"]
        assert "Essentials, €510 per month" in english and "$" not in english and "USD" not in english
        # يورو takes no form after a number; no sign, no dollar
        assert "الباقة الأساسية، 510 يورو شهرياً" in arabic and "دولار" not in arabic and "USD" not in arabic and "€" not in arabic
