#!/usr/bin/env python3
"""Up-to-date screenshots of each view of the app, on the demo portfolio: ``docs/screenshots/*.png``.

Uses the browser tests' server and Chromium setup (tests/support/live_app.py).
Run: .venv/bin/python scripts/screenshots.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))

from app_page import open_tab  # noqa: E402
from live_app import launch_chromium, open_app, screenshot, serve_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
VIEWS = ("criteria", "clients", "import", "drafts", "profile")


def main() -> int:
    from playwright.sync_api import sync_playwright

    from freelancekit.portfolio.api import create_demo

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        db = Path(tmp) / "portfolio.sqlite"
        create_demo(db).close()
        browser = launch_chromium(pw)
        with serve_app(db) as app:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            open_app(page, app.url)
            page.wait_for_selector(".fk-chart-contrib .js-plotly-plot", state="visible", timeout=120_000)
            for view in VIEWS:
                open_tab(page, view)
                page.wait_for_timeout(800)  # charts and tables finish drawing
                print(screenshot(page, view, OUT).relative_to(ROOT))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
