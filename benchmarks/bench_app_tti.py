"""Time to interactive of the app, beside a one-slider Voila notebook served the same way.

Navigation start -> the first usable widget (the app: a weight slider's handle;
the reference: its slider's handle). "cold": the first load on a just-started
server (5 servers); "warm": 5 more loads on an already-used server. Median of 5.
Run: .venv/bin/python benchmarks/bench_app_tti.py [--runs 5]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _live import REFERENCE, launch_chromium, median_ms, seed, serve_app

APP_READY = ".fk-weight-hourly_rate .noUi-handle"
REF_READY = ".widget-slider .noUi-handle"
TIMEOUT_MS = 120_000


def load_ms(browser, url: str, ready: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_selector(ready, state="visible", timeout=TIMEOUT_MS)
    elapsed = (time.perf_counter() - t0) * 1000
    context.close()
    return elapsed


def measure(browser, notebook: Path | None, ready: str, runs: int) -> tuple[list[float], list[float]]:
    cold, warm = [], []
    for i in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            db = seed(Path(tmp) / "portfolio.sqlite", 12)
            with serve_app(db, notebook=notebook) as app:
                cold.append(load_ms(browser, app.url, ready))
                if i == 0:
                    warm = [load_ms(browser, app.url, ready) for _ in range(runs)]
    return cold, warm


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        rows = {}
        for name, nb, ready in (("reference slider", REFERENCE, REF_READY), ("freelancekit app", None, APP_READY)):
            rows[name] = measure(browser, nb, ready, args.runs)
        browser.close()
    print(f"time to interactive, median of {args.runs} page loads (ms)")
    print(f"{'notebook':<20}{'cold':>8}{'warm':>8}")
    for name, (cold, warm) in rows.items():
        print(f"{name:<20}{median_ms(cold)}{median_ms(warm)}")
    import statistics as st

    (rc, rw), (ac, aw) = rows["reference slider"], rows["freelancekit app"]
    print(f"{'ratio app/reference':<20}{st.median(ac) / st.median(rc):8.2f}{st.median(aw) / st.median(rw):8.2f}")


if __name__ == "__main__":
    main()
