#!/usr/bin/env python3
"""Weight changes in a long session: does the page keep growing?

``python benchmarks/bench_app_soak.py [--changes 500]`` opens the demo app,
changes a weight N times (as bench_app_latency does, waiting for the table and
chart each time) and prints, after the first change and after the last: the
page's element count, the window's live ``resize`` listeners (plotly adds
one per chart drawn) and the JS heap after a forced garbage collection.

Targets: elements and listeners within 10 % of their count after the first
change, JS heap growth <= 10 MB. Exit status 1 if one misses. Long (about
0.5 s a change): it is a benchmark, not part of the test suite.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _live import launch_chromium, open_app, seed, serve_app
from bench_app_latency import CHANGE_JS, KEY

# counts the window's resize listeners that are still attached (plotly's responsive charts add one each)
COUNT_LISTENERS = """
(() => {
  const live = new Set();
  const add = window.addEventListener, remove = window.removeEventListener;
  window.addEventListener = function (type, fn, opts) { if (type === 'resize') live.add(fn); return add.call(this, type, fn, opts); };
  window.removeEventListener = function (type, fn, opts) { if (type === 'resize') live.delete(fn); return remove.call(this, type, fn, opts); };
  window.__fkResizeListeners = () => live.size;
})();
"""
NODES_JS = "() => [document.getElementsByTagName('*').length, window.__fkResizeListeners(), document.querySelectorAll('.js-plotly-plot').length]"


def snapshot(page, cdp) -> tuple[int, int, int, float]:
    cdp.send("HeapProfiler.collectGarbage")
    page.wait_for_timeout(200)
    nodes, listeners, plots = page.evaluate(NODES_JS)
    heap = cdp.send("Runtime.getHeapUsage")["usedSize"] / 2**20
    return nodes, listeners, plots, heap


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changes", type=int, default=500)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = launch_chromium(pw)
        db = seed(Path(tmp) / "portfolio.sqlite", 12)
        with serve_app(db) as app:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(COUNT_LISTENERS)
            cdp = page.context.new_cdp_session(page)
            open_app(page, app.url)
            page.wait_for_selector(".fk-chart-contrib .js-plotly-plot", state="visible", timeout=120_000)
            sel = [f".fk-weight-{KEY} .widget-readout", ".fk-ranking-table", ".fk-chart-contrib"]
            first = None
            for i in range(args.changes):
                page.evaluate(CHANGE_JS, [*sel, 2.0 if i % 2 == 0 else 1.0])
                page.wait_for_timeout(150)
                if i == 0:
                    first = snapshot(page, cdp)
            last = snapshot(page, cdp)
        browser.close()
    assert first is not None
    print(f"{args.changes} weight changes on the demo")
    print(f"{'':>22}{'elements':>10}{'resize listeners':>18}{'plotly charts':>15}{'JS heap MB':>12}")
    print(f"{'after the first':>22}{first[0]:>10}{first[1]:>18}{first[2]:>15}{first[3]:>12.1f}")
    print(f"{'after the last':>22}{last[0]:>10}{last[1]:>18}{last[2]:>15}{last[3]:>12.1f}")
    ok = last[0] <= first[0] * 1.1 and last[1] <= first[1] * 1.1 and last[3] - first[3] <= 10
    print(f"targets: elements and listeners within 10 %, heap growth <= 10 MB -> {'meets' if ok else 'MISSES'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
