"""Model and validation rules (docs/data.md), the error types, and the lazy package namespace."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal

import numpy as np
import pytest

import freelancekit
from freelancekit.errors import InvalidInput, Problem
from freelancekit.portfolio import validation as v
from freelancekit.portfolio.model import (
    Portfolio,
    Profile,
    Service,
    builtin_criteria,
    make_client,
    make_criterion,
    make_profile,
    parse_services,
    with_weights,
)

CRITERIA = builtin_criteria()


def test_builtin_criteria_are_those_of_the_spec():
    assert [(c.key, c.kind, c.direction, c.weight, c.lo, c.hi) for c in CRITERIA] == [
        ("hourly_rate", "number", "higher", 1.0, 1, 5), ("on_time_payment", "rating", "higher", 1.0, 1, 5),
        ("ease", "rating", "higher", 1.0, 1, 5), ("enjoyment", "rating", "higher", 1.0, 1, 5),
        ("learning", "rating", "higher", 1.0, 1, 5)]


def test_make_client_normalises_everything():
    c = make_client({"name": "  E\u0301mile  ", "email": "Emile@Example.COM", "services": "Blog posts; blog POSTS ;SEO;",
                     "notes": "a\r\nb\rc", "start_date": date(2024, 1, 2), "hourly_rate": np.float64(45.5),
                     "values": {"ease": "٤"}, "learning": Decimal("3")}, CRITERIA)
    assert (c.name, c.email, c.services, c.notes, c.start_date) == ("Émile", "Emile@example.com", ("Blog posts", "SEO"), "a\nb\nc", date(2024, 1, 2))
    assert c.values == {"hourly_rate": 45.5, "on_time_payment": None, "ease": 4.0, "enjoyment": None, "learning": 3.0}
    assert c.key == "émile"


@pytest.mark.parametrize("text, expected", [
    ("45", 45), ("45.50", 45.5), ("45,5", 45.5), ("1,000", 1000), ("1,000.5", 1000.5), ("1.000,5", 1000.5), ("1_000", 1000),
    ("$45", 45), ("45 $", 45), ("EUR 45", 45), ("٤٥", 45), ("۴۵", 45), ("12 500", 12500), ("−0", 0), (".5", 0.5), (7, 7), (2.5, 2.5),
])
def test_number_forms(text, expected):
    assert v.parse_number(text, "x") == expected


@pytest.mark.parametrize("value, message", [
    ("4 5", f"'4 5' is not a number: {v.NUMBER_HINT}"), ("1e5", f"'1e5' is not a number: {v.NUMBER_HINT}"),
    ("inf", f"must be a real number, not NaN or infinity: {v.NUMBER_HINT}"), (float("nan"), f"must be a real number, not NaN or infinity: {v.NUMBER_HINT}"),
    (True, f"must be a number: {v.NUMBER_HINT}"), ([1], f"must be a number: {v.NUMBER_HINT}"), ("9" * 101, f"must be a number: {v.NUMBER_HINT}"),
])
def test_not_numbers(value, message):
    with pytest.raises(InvalidInput) as exc:
        v.parse_number(value, "rate", row=4)
    assert str(exc.value) == f"row 4, column rate: {message}"


def test_required_number_and_text_rules():
    with pytest.raises(InvalidInput, match="^x: is required$"):
        v.parse_number(" ", "x", required=True)
    assert v.parse_number("", "x") is None
    with pytest.raises(InvalidInput, match="^x: must be text$"):
        v.clean_text(object(), "x")
    with pytest.raises(InvalidInput, match="unpaired surrogate"):
        v.clean_text("a\ud800", "x")
    with pytest.raises(InvalidInput, match="^x: is too long: at most 3 characters$"):
        v.clean_text("abcdefghijklmnop", "x", max_length=3)
    assert v.clean_text(12, "x") == "12" and v.clean_text(1.5, "x") == "1.5" and v.clean_text(None, "x") == ""
    assert v.clean_text("tab\there", "x", multiline=True) == "tab\there"


@pytest.mark.parametrize("email", ["a@b", "a@@b.com", "a..b@c.com", "@c.com", "a@-c.com", "a@c.123", "Name <a@b.com>", "a@b.com, c@d.com", "x" * 65 + "@a.com"])
def test_bad_emails(email):
    with pytest.raises(InvalidInput):
        v.clean_email(email)


def test_good_emails():
    assert v.clean_email("First.Last+tag@Sub.Example.ORG") == "First.Last+tag@sub.example.org"
    assert v.clean_email("layla@مثال.com") == "layla@مثال.com" and v.clean_email("") == ""


def test_keys_choices_currency_dates():
    assert v.slugify_key("Café Stress!", set()) == "cafe_stress" and v.slugify_key("Café Stress", {"cafe_stress"}) == "cafe_stress_2"
    assert v.slugify_key("4 stars", set()) == "custom_4_stars" and v.slugify_key("نجوم", set()) == "نجوم" and v.slugify_key("🚀", set()) == "custom"
    assert v.clean_currency("sar") == "SAR"
    assert v.parse_date("2024-02-29", "d") == date(2024, 2, 29) and v.parse_date(" ", "d") is None
    with pytest.raises(InvalidInput, match="'1' is not allowed: choose one of en, ar"):
        v.clean_choice("1", "language", ("en", "ar"))
    with pytest.raises(InvalidInput, match="'this value' is not allowed"):
        v.clean_choice(None, "language", ("en", "ar"))


def test_services_rules():
    assert parse_services(["A", "a", " B "]) == ("A", "B") and parse_services(None) == ()
    with pytest.raises(InvalidInput, match="has too many services: at most 30"):
        parse_services(";".join(f"s{i}" for i in range(31)))
    with pytest.raises(InvalidInput, match="is too long: at most 30 services"):
        parse_services("x" * 7000)


def test_profile_rules():
    p = make_profile({"name": "Maya", "services": [Service("Blog", "posts", "$1"), {"name": "SEO"}]})
    assert p.service_names() == ["Blog", "SEO"] and p.currency == "USD" and p.locale == "en"
    with pytest.raises(InvalidInput) as exc:
        make_profile({"services": [{"name": "Blog"}, {"name": "blog"}, {"name": "a;b"}, {"name": ""}]})
    assert str(exc.value) == ("row 3, column service name: cannot contain ';' (it separates services); "
                              "row 4, column service name: is required; services: 'Blog' is listed twice: each service needs its own name")


def test_criterion_rules():
    c = make_criterion({"label": "Response time", "kind": "number", "direction": "lower", "weight": "0,5"}, ["response_time"])
    assert (c.key, c.kind, c.direction, c.weight) == ("response_time_2", "number", "lower", 0.5)
    with pytest.raises(InvalidInput) as exc:
        make_criterion({"label": "", "lo": "1.5", "hi": 4, "weight": 101, "direction": "up"})
    assert str(exc.value) == ("label: is required; direction: 'up' is not allowed: choose one of higher, lower; "
                              "weight: must be a number from 0 to 100; scale: must go from a whole number to a larger whole number, such as 1 to 5")
    with pytest.raises(InvalidInput, match="'start_date' is already a client column"):
        make_criterion({"label": "x", "key": "start_date"})


def test_with_weights_and_portfolio_lookup():
    crits = with_weights(CRITERIA, {"ease": "3"})
    assert [c.weight for c in crits] == [1, 1, 3, 1, 1]
    p = Portfolio(Profile(), crits, ())
    assert p.criterion("ease").weight == 3
    with pytest.raises(InvalidInput, match="'speed' is not a criterion of this portfolio: choose one of hourly_rate"):
        p.criterion("speed")


def test_problem_and_invalid_input_texts():
    e = InvalidInput([Problem("name", "is required", 2), Problem("*", "has 3 values", 3), Problem("ease", "bad")])
    assert str(e) == "row 2, column name: is required; row 3: has 3 values; ease: bad"
    assert e.message == str(e) and e.for_field("name") == "is required" and e.for_field("email") is None


def test_lazy_package_namespace():
    assert freelancekit.Store.__name__ == "Store" and "rank_portfolio" in dir(freelancekit)
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        freelancekit.nope  # noqa: B018


def test_core_import_is_cheap_and_never_loads_widgets():
    code = ("import sys, freelancekit, freelancekit.portfolio.api, freelancekit.files.importer, freelancekit.files.exporter, freelancekit.cli; "
            "freelancekit.rank_portfolio(freelancekit.demo_portfolio()); "
            "print(sorted(m for m in ('ipywidgets', 'plotly', 'voila', 'jupyterlab', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.strip() == "[]"
    bare = subprocess.run([sys.executable, "-c", "import sys, freelancekit; print(len([m for m in sys.modules if m.startswith('numpy')]))"],
                          capture_output=True, text=True, timeout=60, check=True).stdout
    assert bare.strip() == "0"  # 'import freelancekit' alone loads no numpy either
