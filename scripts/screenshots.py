#!/usr/bin/env python3
"""Up-to-date screenshots of each view of the app, on the demo portfolio, in English and Arabic.

The README's set: ``docs/screenshots/<view>.png`` (English) and ``<view>-ar.png`` (Arabic), at
1366x900. ``--review DIR`` also writes every view at 1366x900 and 1024x768 in both languages
into DIR (``<lang>-<view>-<width>x<height>.png``), to look at before a change of the design, and
the guided first run's three steps (``<lang>-first-<step>-<width>x<height>.png``: services picked,
the client file previewed, the records imported), walked on a new empty portfolio with the browser
test's journey (tests/browser/test_first_run_browser.py: its files, in each language).
``--first-run-only`` writes only those (no README set, no views).

Uses the browser tests' server and Chromium setup (tests/support/live_app.py).
Run: .venv/bin/python scripts/screenshots.py [--review test-artifacts/review [--first-run-only]]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))

from app_page import css, open_tab, wait_for  # noqa: E402
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
            screenshot(page, path.stem, path.parent)
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        page.close()


def shoot_first_run(browser, db: Path, locale: str, sizes: tuple[tuple[int, int], ...], to: Path) -> None:
    """The guide's three steps on a new empty portfolio, each at every size (one walk: the steps save as they go)."""
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from test_first_run_browser import AR, EN, invoices_file, saved, toggl_file

    from freelancekit.language import i18n
    from freelancekit.records.store import RecordsPart
    from freelancekit.ui import dom

    journey = {"en": EN, "ar": AR}[locale]

    def shots(step: str) -> None:
        """The whole step at each width: the page scrolls inside its own box (a full-page shot stops at
        the window), so the window grows to the step's height for the shot (the width lays it out)."""
        for width, height in sizes:
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(500)  # the page lays itself out again
            tall = page.evaluate(f"() => document.querySelector('{css(dom.APP)}').scrollHeight")
            page.set_viewport_size({"width": width, "height": max(height, tall + 80)})
            page.wait_for_timeout(300)
            print(screenshot(page, f"{locale}-first-{step}-{width}x{height}", to))
        page.set_viewport_size({"width": sizes[0][0], "height": sizes[0][1]})

    def choose(upload: str, name: str, data: bytes) -> None:
        with page.expect_file_chooser() as chooser:
            page.locator(f"{css(upload)} >> visible=true").first.click()
        chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": data}])

    def press(cls: str) -> None:
        page.wait_for_function("sel => [...document.querySelectorAll(sel)].some(b => b.offsetParent && !b.disabled)", arg=f"button{css(cls)}")
        page.locator(f"button{css(cls)}").filter(visible=True).first.click()

    with serve_app(db, demo=False) as app:
        page = browser.new_page(viewport={"width": sizes[0][0], "height": sizes[0][1]})
        open_app(page, app.url)
        page.locator(css(dom.FIRST_RUN)).wait_for(state="visible")
        if locale != "en":
            page.locator(f"{css(dom.FIRST_LANGUAGE)} button", has_text=i18n.LANGUAGE_NAMES[locale]).click()
            page.locator(css(dom.FIRST_NEXT), has_text=i18n.t("first.services.next", locale)).first.wait_for(state="visible")
        for key in ("writer.blog", "writer.newsletter", "writer.case_study"):
            page.locator(css(dom.FIRST_PICK), has_text=i18n.t(f"starter.{key}", locale)).first.click()
            page.locator(f"{css(dom.FIRST_PICK)}.mod-active", has_text=i18n.t(f"starter.{key}", locale)).first.wait_for(state="visible")
        wait_for(lambda: saved(db, lambda s: len(s.profile().services) == 3), "three services in the profile")
        shots("services")
        press(dom.FIRST_NEXT)
        choose(dom.IMPORT_UPLOAD, "clients.csv", journey.clients_file)
        page.locator(f"{css(dom.IMPORT_NEW_CLIENTS)} td[data-column=hourly_rate]").first.wait_for(state="visible")
        shots("clients")
        press(dom.IMPORT_CONFIRM)
        wait_for(lambda: saved(db, lambda s: s.client_count() == len(journey.clients)), "the clients to be imported")
        press(dom.FIRST_NEXT)
        for name, data in (("toggl.csv", toggl_file(journey.toggl_names)), ("invoices.csv", invoices_file(journey.clients))):
            choose(dom.RECORDS_UPLOAD, name, data)
            press(dom.RECORDS_CONFIRM)
            page.locator(css(dom.RECORDS_MESSAGE)).filter(has=page.locator(".fk-status-info")).first.wait_for(state="visible")
        wait_for(lambda: saved(db, lambda s: RecordsPart(s).sources()), "Pay rate and On-time payment switched to the records")
        shots("records")  # the result beside the upload, and the one name Toggl spells differently, left to map
        page.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", type=Path, help="also write every view and the first run's steps at 1366x900 and 1024x768 here")
    parser.add_argument("--first-run-only", action="store_true", help="with --review: only the first run's steps")
    args = parser.parse_args()
    if args.first_run_only and not args.review:
        parser.error("--first-run-only needs --review DIR")
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
            if args.review:
                shoot_first_run(browser, Path(tmp) / f"{locale}-new.sqlite", locale, REVIEW_SIZES, args.review.resolve())
            if args.first_run_only:
                continue
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
