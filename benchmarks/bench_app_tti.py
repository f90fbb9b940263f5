"""Time to interactive of the app, beside a one-slider Voila notebook served the same way.

Navigation start -> the first usable widget (the app: a weight slider's handle;
the reference: its slider's handle). "cold": the first load on a just-started
server (one server per run); "warm": more loads on the first server.
Median of ``--runs``; the cases take turns in each run. Both notebooks are served by ``freelancekit serve
--notebook``, each page in a fresh browser context (no HTTP cache).

Measured inside the page, not by polling from here: Playwright checks a
selector at growing intervals (up to 500 ms apart), which blurred the result
by up to half a second. A check on every animation frame records when the
handle is first laid out on screen ("shown"); the widget is usable when the
page next runs a task after that frame ("usable", the reported time), so
work that blocks the page right after the frame (plotly drawing, say) counts.
For the app, "charts" is when both plotly charts are drawn (informational).

The warm loads take turns too: every case's server runs side by side and one
load of each follows the other, so a busier minute of the shared machine
(the reference moved between 2.4 s and 3.4 s from one minute to the next)
hits every case alike; "paired" is the median of the per-turn ratios.

The app is loaded twice: on the 12-client demo and on 10 000 clients
(``--clients``), in the same run; bars: app/reference <= 1.5 and
10 000 clients/demo <= 1.5 (cold and warm), kernel RSS after the first load
with 10 000 clients <= 300 MB.

``--against PATH`` serves a third app from another checkout (its code in the
kernel too), taking turns with the others: a change's effect, paired, in one run.

Run: .venv/bin/python benchmarks/bench_app_tti.py [--runs 5] [--clients 10000] [--against ../other-checkout]
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path

from _live import REFERENCE, ROOT, launch_chromium, seed, serve_app
from bench_app_latency import kernel_rss_mb

APP_READY = ".fk-weight-hourly_rate .noUi-handle"
REF_READY = ".widget-slider .noUi-handle"
APP_CHARTS = ".fk-chart-radar .js-plotly-plot"
TIMEOUT_MS = 120_000
BAR = 1.5
RSS_BAR_MB = 300

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


def code_env(code: Path) -> dict[str, str]:
    """A server (and its kernels) running the app of the checkout ``code``."""
    return {"PYTHONPATH": os.pathsep.join([str(code), *filter(None, [os.environ.get("PYTHONPATH")])])}


def measure_cold(browser, notebook: Path | None, ready: str, charts: str | None, clients: int = 12,
                 code: Path = ROOT, serve_args: tuple[str, ...] = ()) -> tuple[dict, float]:
    """One load on a fresh server, and its kernel's RSS (MB) after it."""
    with tempfile.TemporaryDirectory() as tmp:
        db = seed(Path(tmp) / "portfolio.sqlite", clients)
        with serve_app(db, notebook=notebook, extra_env=code_env(code), extra_args=list(serve_args)) as app:
            cold = load(browser, app.url, ready, charts)
            return cold, kernel_rss_mb(app.proc.pid)  # the one kernel: the cold page's


def measure_warm(browser, cases: list[tuple], runs: int) -> dict[str, list[dict]]:
    """``runs`` loads of every case on servers that already served a page, the cases taking turns."""
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        apps = {}
        for i, (name, notebook, ready, charts, clients, code, serve_args) in enumerate(cases):
            app = stack.enter_context(serve_app(seed(Path(tmp) / f"portfolio-{i}.sqlite", clients), notebook=notebook,
                                                extra_env=code_env(code), extra_args=list(serve_args)))
            load(browser, app.url, ready, charts)  # the server's first page: the cold one
            apps[name] = (app, ready, charts)
        warm: dict[str, list[dict]] = {name: [] for name in apps}
        for _ in range(runs):
            for name, (app, ready, charts) in apps.items():
                warm[name].append(load(browser, app.url, ready, charts))
    return warm


def med(loads: list[dict], key: str) -> float:
    return statistics.median(x[key] for x in loads)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--clients", type=int, default=10_000, help="the big portfolio's size (0: skip that row)")
    ap.add_argument("--against", type=Path, help="another checkout whose app is measured beside this one's")
    ap.add_argument("--plain-reference", action="store_true",
                    help="also the reference with its kernel started when the page is asked for (Voila's default)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    big = f"app, {args.clients} clients"
    other = f"app of {args.against.resolve().name}" if args.against else ""
    plain = "reference, no waiting"
    cases = [("reference slider", REFERENCE, REF_READY, None, 12, ROOT, ()),
             ("freelancekit app", None, APP_READY, APP_CHARTS, 12, ROOT, ())]
    if args.clients:
        cases.append((big, None, APP_READY, APP_CHARTS, args.clients, ROOT, ()))
    if args.against:
        cases.append((other, None, APP_READY, APP_CHARTS, 12, args.against.resolve(), ()))
    if args.plain_reference:
        cases.append((plain, REFERENCE, REF_READY, None, 12, ROOT, ("--no-waiting-kernel",)))
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        rows: dict[str, tuple[list[dict], list[dict], float]] = {name: ([], [], float("nan")) for name, *_ in cases}
        for i in range(args.runs):  # the cases take turns, so a busier moment of the machine hits them all
            for name, nb, ready, charts, n, code, serve_args in cases:
                cold, rss = measure_cold(browser, nb, ready, charts, n, code, serve_args)
                rows[name][0].append(cold)
                if i == 0:
                    rows[name] = (rows[name][0], [], rss)
        for name, warm in measure_warm(browser, cases, args.runs).items():
            rows[name] = (rows[name][0], warm, rows[name][2])
        browser.close()
    print(f"time to interactive, median of {args.runs} page loads (ms from navigation start)")
    print(f"{'notebook':<24}{'cold':>8}{'warm':>8}   (shown cold/warm; charts cold/warm)")
    for name, (cold, warm, _rss) in rows.items():
        extra = f"   ({med(cold, 'shown'):.0f}/{med(warm, 'shown'):.0f}"
        extra += f"; {med(cold, 'charts'):.0f}/{med(warm, 'charts'):.0f})" if "charts" in cold[0] else ")"
        print(f"{name:<24}{med(cold, 'usable'):8.0f}{med(warm, 'usable'):8.0f}{extra}")

    def ratios(top: str, bottom: str) -> str:
        (tc, tw, _), (bc, bw, _) = rows[top], rows[bottom]
        paired = statistics.median(t["usable"] / b["usable"] for t, b in zip(tw, bw))
        return f"{med(tc, 'usable') / med(bc, 'usable'):8.2f}{med(tw, 'usable') / med(bw, 'usable'):8.2f}   (warm paired {paired:.2f}"

    print(f"{'ratio app/reference':<24}{ratios('freelancekit app', 'reference slider')}; bar: <= {BAR})")
    if args.against:
        print(f"{'ratio other/reference':<24}{ratios(other, 'reference slider')}; bar: <= {BAR})")
        print(f"{'ratio app/other':<24}{ratios('freelancekit app', other)})")
    if args.plain_reference:
        print(f"{'ratio app/no waiting':<24}{ratios('freelancekit app', plain)}; bar: <= {BAR})")
        print(f"{'ratio reference/no w.':<24}{ratios('reference slider', plain)})")
    if args.clients:
        print(f"{'ratio big/demo':<24}{ratios(big, 'freelancekit app')}; bar: <= {BAR})")
        print(f"kernel RSS after the first load: demo {rows['freelancekit app'][2]:.0f} MB, "
              f"{args.clients} clients {rows[big][2]:.0f} MB (bar: <= {RSS_BAR_MB} MB)")


if __name__ == "__main__":
    main()
