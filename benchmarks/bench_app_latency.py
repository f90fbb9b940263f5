"""Weight slider change -> ranking table and chart updated in the page; kernel memory.

"Updated" is the last DOM change of both the table and the chart (after 150 ms of quiet), not the
first, so a chart redrawn in several steps counts until its last step.

Median of 20 changes (the weight typed into the slider's readout, as a user
can), with the 12-client demo and with 1 000 clients. Targets: <= 100 ms
(demo), <= 150 ms (1 000 clients); kernel RSS with 1 000 clients <= 300 MB.
``--reference DIR`` also runs the same cases against another checkout (say a
``git worktree add --detach /tmp/ref main``), its server started with that
checkout first on PYTHONPATH, and prints its rows beside ours.
Run: .venv/bin/python benchmarks/bench_app_latency.py [--changes 20] [--reference DIR]
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from _live import launch_chromium, open_app, page_kernels, seed, serve_app

TARGET_MS = {12: 100, 1000: 150}
RSS_TARGET_MB = 300
KEY = "learning"

CHANGE_JS = """
([readoutSel, rankSel, chartSel, value]) => new Promise(resolve => {
  // the time of the last change to the table and the chart, once both have changed and then been
  // quiet for QUIET ms (a redraw can take several DOM mutations: the first one is not 'updated')
  const QUIET = 150;
  const last = {rank: -1, chart: -1};
  const t0 = performance.now();
  const observers = [];
  let timer = null;
  const finish = (ms) => { observers.forEach(o => o.disconnect()); clearTimeout(timer); resolve(ms); };
  for (const [name, sel] of [["rank", rankSel], ["chart", chartSel]]) {
    const o = new MutationObserver(() => {
      last[name] = performance.now() - t0;
      if (last.rank >= 0 && last.chart >= 0) {
        clearTimeout(timer);
        timer = setTimeout(() => finish(Math.max(last.rank, last.chart)), QUIET);
      }
    });
    o.observe(document.querySelector(sel), {subtree: true, childList: true, characterData: true, attributes: true});
    observers.push(o);
  }
  const r = document.querySelector(readoutSel);
  r.focus();
  r.textContent = String(value);
  r.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", keyCode: 13, bubbles: true}));
  setTimeout(() => finish(-1), 15000);
})
"""


def kernel_rss_mb(server_pid: int) -> float:
    kernels = page_kernels(server_pid)
    assert len(kernels) == 1, f"expected one kernel, found {len(kernels)}"
    return kernels[0].memory_info().rss / 2**20


def run(browser, n_clients: int, changes: int, code: str | None = None) -> tuple[list[float], float]:
    """``changes`` timed weight changes; ``code``: a checkout whose freelancekit the server runs instead of ours."""
    env = None if code is None else {"PYTHONPATH": os.pathsep.join([code, *filter(None, [os.environ.get("PYTHONPATH")])])}
    with tempfile.TemporaryDirectory() as tmp:
        db = seed(Path(tmp) / "portfolio.sqlite", n_clients, code)
        with serve_app(db, extra_env=env) as app:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            open_app(page, app.url)
            page.wait_for_selector(".fk-chart-contrib .js-plotly-plot", state="visible", timeout=120_000)
            args = [f".fk-weight-{KEY} .widget-readout", ".fk-ranking-table", ".fk-chart-contrib"]
            times = []
            for i in range(changes + 1):
                ms = page.evaluate(CHANGE_JS, [*args, 2.0 if i % 2 == 0 else 1.0])
                page.wait_for_timeout(300)  # let trailing updates settle before the next change
                if i:  # the first change warms up code paths
                    times.append(ms)
            rss = kernel_rss_mb(app.proc.pid)
            page.close()
    return times, rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--changes", type=int, default=20)
    ap.add_argument("--reference", type=Path, help="another checkout (e.g. of main) to measure in the same run")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    codes = {"this": None} if args.reference is None else {"this": None, "reference": str(args.reference.resolve())}
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        results = {(name, n): run(browser, n, args.changes, code) for n in (12, 1000) for name, code in codes.items()}
        browser.close()
    print(f"weight change -> ranking table and chart updated, median of {args.changes} (ms)")
    print(f"{'code':>10}{'clients':>8}{'median':>9}{'max':>9}{'target':>8}{'timeouts':>10}{'kernel RSS MB':>15}")
    for (name, n), (times, rss) in results.items():
        ok = [t for t in times if t >= 0]
        med = statistics.median(ok) if ok else float("nan")
        print(f"{name:>10}{n:>8}{med:>9.0f}{max(ok, default=float('nan')):>9.0f}{TARGET_MS[n]:>8}{len(times) - len(ok):>10}{rss:>15.0f}")
    print(f"kernel RSS target with 1 000 clients: <= {RSS_TARGET_MB} MB")


if __name__ == "__main__":
    main()
