#!/usr/bin/env python3
"""Up-to-date screenshots of each view of the app, on the demo portfolio, in English and Arabic.

The README's set: ``docs/screenshots/<view>.png`` (English) and ``<view>-ar.png`` (Arabic), at
1366x900. ``--review DIR`` also writes every view at 1366x900 and 1024x768 in both languages
into DIR (``<lang>-<view>-<width>x<height>.png``), to look at before a change of the design.

Uses the browser tests' server and Chromium setup (tests/support/live_app.py).
Run: .venv/bin/python scripts/screenshots.py [--review test-artifacts/review]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))

from app_page import open_tab  # noqa: E402
from live_app import launch_chromium, open_app, screenshot, serve_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
VIEWS = ("criteria", "ratings", "clients", "import", "drafts", "profile")
README_SIZE = (1366, 900)
REVIEW_SIZES = ((1366, 900), (1024, 768))


def shoot(browser, url: str, locale: str, sizes: tuple[tuple[int, int], ...], name) -> None:
    """Every view at each size; ``name(view, width, height)`` is the file's path."""
    for width, height in sizes:
        page = browser.new_page(viewport={"width": width, "height": height})
        open_app(page, url)
        page.wait_for_selector(".fk-chart-contrib .js-plotly-plot", state="visible", timeout=120_000)
        for view in VIEWS:
            open_tab(page, view, locale)
            page.wait_for_timeout(800)  # charts and tables finish drawing
            path = name(view, width, height)
            print(screenshot(page, path.stem, path.parent).relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        page.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", type=Path, help="also write every view at 1366x900 and 1024x768 here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from freelancekit.drafts.examples import arabic_demo_portfolio
    from freelancekit.portfolio.api import create_demo

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = launch_chromium(pw)
        for locale in ("en", "ar"):
            db = Path(tmp) / f"{locale}.sqlite"
            with create_demo(db) as store:
                if locale == "ar":
                    store.replace_all(arabic_demo_portfolio())
            suffix = "" if locale == "en" else f"-{locale}"
            with serve_app(db) as app:
                shoot(browser, app.url, locale, (README_SIZE,), lambda view, _w, _h, s=suffix: OUT / f"{view}{s}.png")
                if args.review:
                    review = args.review.resolve()
                    shoot(browser, app.url, locale, REVIEW_SIZES,
                          lambda view, w, h, loc=locale, to=review: to / f"{loc}-{view}-{w}x{h}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
