"""Time to interactive of the app, beside a one-slider Voila notebook served the same way.

Navigation start -> the first usable widget (the app: a weight slider's handle;
the reference: its slider's handle). "cold": the first load on a just-started
server (one server per run); "warm": more loads on an already-used server.
Median of ``--runs``. Both notebooks are served by ``freelancekit serve
--notebook``, each page in a fresh browser context (no HTTP cache).

Measured inside the page, not by polling from here: Playwright checks a
selector at growing intervals (up to 500 ms apart), which blurred the result
by up to half a second. A check on every animation frame records when the
handle is first laid out on screen ("shown"); the widget is usable when the
page next runs a task after that frame ("usable", the reported time), so
work that blocks the page right after the frame (plotly drawing, say) counts.
For the app, "charts" is when both plotly charts are drawn (informational).

Run: .venv/bin/python benchmarks/bench_app_tti.py [--runs 5]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from _live import REFERENCE, launch_chromium, seed, serve_app

APP_READY = ".fk-weight-hourly_rate .noUi-handle"
REF_READY = ".widget-slider .noUi-handle"
APP_CHARTS = ".fk-chart-radar .js-plotly-plot"
TIMEOUT_MS = 120_000

# set before any page script runs; times are performance.now(): ms since navigation start
PROBE_JS = """
([ready, charts]) => {
  window.__tti = {};
  const visible = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const frame = () => {
    if (!("shown" in window.__tti) && visible(ready)) {
      window.__tti.shown = performance.now();
      setTimeout(() => { window.__tti.usable = performance.now(); }, 0);
    }
    if (charts && !("charts" in window.__tti) && visible(charts)) window.__tti.charts = performance.now();
    if (!("usable" in window.__tti) || (charts && !("charts" in window.__tti))) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
"""


def load(browser, url: str, ready: str, charts: str | None) -> dict[str, float]:
    """One page load in a fresh context: {"shown", "usable"[, "charts"]} in ms from navigation start."""
    import json

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"({PROBE_JS})({json.dumps([ready, charts])})")
    page = context.new_page()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    done = "window.__tti && 'usable' in window.__tti" + (" && 'charts' in window.__tti" if charts else "")
    page.wait_for_function(done, timeout=TIMEOUT_MS, polling=100)
    times = page.evaluate("window.__tti")
    context.close()
    return times


def measure(browser, notebook: Path | None, ready: str, charts: str | None, runs: int) -> tuple[list[dict], list[dict]]:
    cold, warm = [], []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            db = seed(Path(tmp) / "portfolio.sqlite", 12)
            with serve_app(db, notebook=notebook) as app:
                cold.append(load(browser, app.url, ready, charts))
                if i == 0:
                    warm = [load(browser, app.url, ready, charts) for _ in range(runs)]
    return cold, warm


def med(loads: list[dict], key: str) -> float:
    return statistics.median(x[key] for x in loads)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    cases = (("reference slider", REFERENCE, REF_READY, None), ("freelancekit app", None, APP_READY, APP_CHARTS))
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        rows = {name: measure(browser, nb, ready, charts, args.runs) for name, nb, ready, charts in cases}
        browser.close()
    print(f"time to interactive, median of {args.runs} page loads (ms from navigation start)")
    print(f"{'notebook':<20}{'cold':>8}{'warm':>8}   (shown cold/warm; charts cold/warm)")
    for name, (cold, warm) in rows.items():
        extra = f"   ({med(cold, 'shown'):.0f}/{med(warm, 'shown'):.0f}"
        extra += f"; {med(cold, 'charts'):.0f}/{med(warm, 'charts'):.0f})" if "charts" in cold[0] else ")"
        print(f"{name:<20}{med(cold, 'usable'):8.0f}{med(warm, 'usable'):8.0f}{extra}")
    (rc, rw), (ac, aw) = rows["reference slider"], rows["freelancekit app"]
    ratio_cold, ratio_warm = med(ac, "usable") / med(rc, "usable"), med(aw, "usable") / med(rw, "usable")
    print(f"{'ratio app/reference':<20}{ratio_cold:8.2f}{ratio_warm:8.2f}   (bar: <= 1.5)")


if __name__ == "__main__":
    main()
