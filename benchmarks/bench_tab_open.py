"""Each tab's first opening: click -> the tab's content on screen, with a fresh kernel per load.

Only the Weights & ranking tab is built at start; another tab's views (and their
widgets: each widget, and each Layout and Style it carries, is a model the page
creates from its own comm message, in turn) are built when the tab is first
opened. This prints the median per tab, with the demo and with 1 000 clients
(a tab shows one page of 20 rows either way), and how many widget models the
kernel created for it.

Run: .venv/bin/python benchmarks/bench_tab_open.py [--runs 5] [--clients 1000]
(another checkout's app: PYTHONPATH=../other-checkout before the command)
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _live import launch_chromium, open_app, seed, serve_app

from freelancekit.language import i18n
from freelancekit.ui import dom

# tab title key, a selector the opened tab shows, how many of it must be on screen
TABS = (("tab.clients", f".{dom.CLIENT_ROW}", 12), ("tab.profile", f".{dom.tab('profile')}", 1),
        ("tab.import", f".{dom.tab('import')}", 1), ("tab.ratings", f".{dom.RATE_SHEET_ROW}", 12),
        ("tab.drafts", f".{dom.DRAFT_CARD}", 3))

SHOWN_JS = "([sel, n]) => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null).length >= n"


def models_per_tab(db: Path) -> dict[str, int]:
    """Widget models the kernel creates when each tab is first opened (same process, no page)."""
    from ipywidgets.widgets.widget import _instances  # every open widget model, by id

    from freelancekit.ui.app import TABS as APP_TABS
    from freelancekit.ui.app import build

    app = build(db)
    assert app.tabs is not None
    counts = {}
    for key, _sel, _n in TABS:
        before = len(_instances)
        app.tabs.selected_index = next(i for i, (k, _v) in enumerate(APP_TABS) if k == key)
        counts[key] = len(_instances) - before
    return counts


def time_tabs(url: str, runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {key: [] for key, _s, _n in TABS}
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for _ in range(runs):
                for key, sel, n in TABS:
                    context = browser.new_context(viewport={"width": 1366, "height": 900})
                    context.set_default_timeout(60_000)
                    page = context.new_page()
                    open_app(page, url)
                    time.sleep(1.0)  # the start tab's charts have been sent
                    start = time.monotonic()
                    page.locator(f".{dom.TABS} .lm-TabBar-tab", has_text=i18n.t(key, "en")).first.click()
                    page.wait_for_function(SHOWN_JS, arg=[sel, n])
                    times[key].append((time.monotonic() - start) * 1000)
                    context.close()
        finally:
            browser.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--clients", type=int, default=1000, help="the bigger portfolio's size (0: demo only)")
    args = ap.parse_args()
    sizes = [12] + ([args.clients] if args.clients else [])
    print(f"{'clients':>8} {'tab':<22} {'models':>7} {'median ms':>10}  all runs (ms)")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = seed(Path(tmp) / "portfolio.sqlite", n)
            models = models_per_tab(db)
            with serve_app(db) as app:
                times = time_tabs(app.url, args.runs)
            for key, _s, _n in TABS:
                label = i18n.t(key, "en")[:22]
                print(f"{n:>8} {label:<22} {models[key]:>7} {statistics.median(times[key]):>10.0f}  "
                      f"{' '.join(f'{t:.0f}' for t in times[key])}")


if __name__ == "__main__":
    main()
