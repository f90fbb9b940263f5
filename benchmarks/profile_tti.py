"""Where a page's time to interactive goes: the browser's main thread busy (and on what) or waiting.

The loads are those of ``bench_app_tti.py`` (warm, taking turns, a fresh browser
context each), each one recorded with Chrome's trace. From navigation start to
"usable" (the first slider's handle laid out, then one task), the page's main
thread is either running a task or waiting for the network, the server or the
kernel. It prints, per case, medians over the loads: the time to interactive,
the main thread's busy time split by kind of work (scripts, style and layout,
paint, HTML parsing, other), and the time it waited; then the same for each
case minus the first (the reference), paired per turn. A gap that is mostly
"waiting" is the kernel's or the server's; mostly "busy", the page's.

``--against PATH`` adds another checkout's app, as in ``bench_app_tti.py``.

Run: .venv/bin/python benchmarks/profile_tti.py [--runs 7] [--against ../other-checkout]
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

from _live import REFERENCE, ROOT, launch_chromium, seed, serve_app
from bench_app_tti import APP_READY, PROBE_JS, REF_READY, TIMEOUT_MS, code_env

CATEGORIES = ["devtools.timeline", "blink.user_timing", "v8.execute", "disabled-by-default-devtools.timeline"]
# kinds of work, by the name of the trace event nested in a main-thread task (the first match wins)
KINDS = {
    "script": ("EvaluateScript", "FunctionCall", "v8.compile", "v8.compileModule", "EventDispatch", "TimerFire",
               "FireAnimationFrame", "RunMicrotasks", "v8.run", "V8.GCFinalizeMC", "MinorGC", "MajorGC"),
    "style+layout": ("UpdateLayoutTree", "Layout", "RecalculateStyles", "ScheduleStyleRecalculation", "UpdateLayerTree"),
    "paint": ("Paint", "PrePaint", "Layerize", "CompositeLayers", "Commit"),
    "html": ("ParseHTML", "ParseAuthorStyleSheet"),
}
KIND_OF = {name: kind for kind, names in KINDS.items() for name in names}
PROBE_MARK = PROBE_JS.replace("window.__tti.usable = performance.now();",
                              "window.__tti.usable = performance.now(); performance.mark('fk-usable');")


def main_thread(events: list[dict]) -> tuple[int, int]:
    """(pid, tid) of the page's renderer main thread: the one that marked "usable"."""
    mark = next(e for e in events if e.get("name") == "fk-usable")
    return mark["pid"], mark["tid"]


def split(events: list[dict]) -> dict[str, float]:
    """Milliseconds from navigation start to "usable": busy by kind, and waiting."""
    pid, tid = main_thread(events)
    mine = [e for e in events if e.get("pid") == pid and e.get("tid") == tid and "ts" in e]
    start = min(e["ts"] for e in mine if e.get("name") == "navigationStart") if any(
        e.get("name") == "navigationStart" for e in mine) else min(e["ts"] for e in mine)
    end = next(e["ts"] for e in mine if e.get("name") == "fk-usable")
    tasks = [e for e in mine if e.get("ph") == "X" and e.get("name") == "RunTask" and start <= e["ts"] < end]
    parts: dict[str, float] = defaultdict(float)
    inner = sorted((e for e in mine if e.get("ph") == "X" and e.get("name") in KIND_OF and start <= e["ts"] < end),
                   key=lambda e: e["ts"])
    for task in tasks:
        t0, t1 = task["ts"], task["ts"] + task.get("dur", 0)
        covered = 0.0
        reach = t0
        for e in inner:  # the outermost events of known kinds in this task, each counted once
            if e["ts"] < t0 or e["ts"] >= t1 or e["ts"] < reach:
                continue
            d = min(e.get("dur", 0), t1 - e["ts"])
            parts[KIND_OF[e["name"]]] += d / 1000
            covered += d
            reach = e["ts"] + d
        parts["other"] += max(0.0, task.get("dur", 0) - covered) / 1000
    busy = sum(parts.values())
    total = (end - start) / 1000
    return {"total": total, "busy": busy, **parts, "waiting": total - busy}


def traced_load(browser, url: str, ready: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"({PROBE_MARK})({json.dumps([ready, None])})")
    page = context.new_page()
    browser.start_tracing(page=page, categories=CATEGORIES)
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_function("window.__tti && 'usable' in window.__tti", timeout=TIMEOUT_MS, polling=100)
    trace = json.loads(browser.stop_tracing())
    context.close()
    return split(trace["traceEvents"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--against", type=Path, help="another checkout whose app is measured beside this one's")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    cases = [("reference slider", REFERENCE, REF_READY, ROOT), ("freelancekit app", None, APP_READY, ROOT)]
    if args.against:
        cases.append((f"app of {args.against.resolve().name}", None, APP_READY, args.against.resolve()))
    loads: dict[str, list[dict[str, float]]] = {name: [] for name, *_ in cases}
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        browser = launch_chromium(pw)
        apps = {}
        for i, (name, notebook, ready, code) in enumerate(cases):
            app = stack.enter_context(serve_app(seed(Path(tmp) / f"portfolio-{i}.sqlite", 12), notebook=notebook,
                                                extra_env=code_env(code)))
            traced_load(browser, app.url, ready)  # the server's first page: not counted
            apps[name] = (app, ready)
        for _ in range(args.runs):
            for name, (app, ready) in apps.items():
                loads[name].append(traced_load(browser, app.url, ready))
        browser.close()
    keys = ["total", "busy", *KINDS, "other", "waiting"]
    print(f"main thread from navigation start to usable, ms, median of {args.runs} warm loads")
    print(f"{'case':<26}" + "".join(f"{k:>13}" for k in keys))
    for name, rows in loads.items():
        print(f"{name:<26}" + "".join(f"{statistics.median(r.get(k, 0.0) for r in rows):13.0f}" for k in keys))
    reference = loads[cases[0][0]]
    for name, rows in list(loads.items())[1:]:
        deltas = [statistics.median(r.get(k, 0.0) - b.get(k, 0.0) for r, b in zip(rows, reference)) for k in keys]
        print(f"{name + ' - reference':<26}" + "".join(f"{d:13.0f}" for d in deltas))


if __name__ == "__main__":
    main()
