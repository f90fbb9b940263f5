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

``--against PATH`` adds another checkout's app, as in ``bench_app_tti.py`` (repeat it for more).

``--functions N`` records V8's sampling profile of each load instead and prints
the N functions whose own time (ms, median per load) the app adds most over the
reference: which code the "busy" gap is. A function that forces a layout
carries that layout's time (ipywidgets' ``readout_overflow`` does, for the
page's first layout); "(program)" is the browser's own work outside scripts.

``--milestones`` records instead when each load passes the page's milestones:
the HTML's first byte and its end (Voila sends the scripts last, once the cell
has run), DOMContentLoaded, the last script fetched, the kernel's websocket
made and open, the slider shown and usable; paired minus the reference, that
is where along the way the gap opens (before the websocket: the page's scripts
ran slower; after it: the widgets took longer to come and be drawn).

Run: .venv/bin/python benchmarks/profile_tti.py [--runs 7] [--against ../other-checkout] [--functions 30 | --milestones]
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
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


@contextmanager
def probed_page(browser, ready: str, *scripts: str) -> Iterator:
    """A page in a fresh browser context that marks "usable" (``PROBE_MARK``), with ``scripts`` run before the page's own."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    for script in (f"({PROBE_MARK})({json.dumps([ready, None])})", *scripts):
        context.add_init_script(script)
    try:
        yield context.new_page()
    finally:
        context.close()


def load_until_usable(page, url: str) -> None:
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_function("window.__tti && 'usable' in window.__tti", timeout=TIMEOUT_MS, polling=100)


def traced_load(browser, url: str, ready: str) -> dict[str, float]:
    with probed_page(browser, ready) as page:
        browser.start_tracing(page=page, categories=CATEGORIES)
        load_until_usable(page, url)
        trace = json.loads(browser.stop_tracing())
    return split(trace["traceEvents"])


def profiled_load(browser, url: str, ready: str) -> dict[str, float]:
    """One load under V8's sampling profiler: own time in ms per function ("name file:line"), up to "usable"."""
    with probed_page(browser, ready) as page:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 200})  # microseconds
        cdp.send("Profiler.start")
        load_until_usable(page, url)
        profile = cdp.send("Profiler.stop")["profile"]
    frames = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    own: dict[str, float] = defaultdict(float)
    for node_id, delta_us in zip(profile["samples"], profile["timeDeltas"]):
        frame = frames[node_id]
        own[f'{frame["functionName"] or "(anonymous)"} {frame["url"].rsplit("/", 1)[-1].split("?")[0]}:{frame["lineNumber"]}'] \
            += delta_us / 1000
    own.pop("(idle) :-1", None)
    return own


# a wrapped WebSocket notes when the page makes the kernel's socket and when it opens; set before any page script
SOCKET_JS = """
(() => {
  const Native = window.WebSocket;
  window.__socket = {};
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    if (!("made" in window.__socket)) window.__socket.made = performance.now();
    socket.addEventListener("open", () => { if (!("open" in window.__socket)) window.__socket.open = performance.now(); });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
  document.addEventListener("DOMContentLoaded", () => { window.__socket.dcl = performance.now(); });
})();
"""
MILESTONES_JS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const scripts = performance.getEntriesByType("resource").filter((e) => e.initiatorType === "script");
  return {"HTML first byte": nav.responseStart, "HTML end": nav.responseEnd, "DOMContentLoaded": window.__socket.dcl,
          "last script": Math.max(0, ...scripts.map((e) => e.responseEnd)), "socket made": window.__socket.made,
          "socket open": window.__socket.open, "shown": window.__tti.shown, "usable": window.__tti.usable};
}"""


def milestones_load(browser, url: str, ready: str) -> dict[str, float]:
    """One load: ms from navigation start to each milestone (``MILESTONES_JS``)."""
    with probed_page(browser, ready, SOCKET_JS) as page:
        load_until_usable(page, url)
        times = page.evaluate(MILESTONES_JS)
    return {k: float(v or 0.0) for k, v in times.items()}


def print_functions(loads: dict[str, list[dict[str, float]]], top: int) -> None:
    """The functions the other cases spend most more time in than the first (the reference), per load."""
    names = list(loads)
    reference = loads[names[0]]
    for name in names[1:]:
        keys = set().union(*loads[name], *reference)
        extra = {k: statistics.median(r.get(k, 0.0) - b.get(k, 0.0) for r, b in zip(loads[name], reference)) for k in keys}
        mine = {k: statistics.median(r.get(k, 0.0) for r in loads[name]) for k in keys}
        print(f"{name} - {names[0]}: own time per function, ms, median of {len(reference)} warm loads taking turns")
        print(f"{'extra':>8}{'app':>8}  function")
        for k in sorted(keys, key=extra.__getitem__, reverse=True)[:top]:
            print(f"{extra[k]:8.1f}{mine[k]:8.1f}  {k}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--against", type=Path, action="append", default=[],
                    help="another checkout whose app is measured beside this one's (may be repeated)")
    how = ap.add_mutually_exclusive_group()
    how.add_argument("--functions", type=int, metavar="N", help="print the N functions the app adds most time in")
    how.add_argument("--milestones", action="store_true", help="print when each load passes the page's milestones")
    args = ap.parse_args()
    measure = profiled_load if args.functions is not None else milestones_load if args.milestones else traced_load
    from playwright.sync_api import sync_playwright

    cases = [("reference slider", REFERENCE, REF_READY, ROOT), ("freelancekit app", None, APP_READY, ROOT)]
    cases += [(f"app of {other.resolve().name}", None, APP_READY, other.resolve()) for other in args.against]
    loads: dict[str, list[dict[str, float]]] = {name: [] for name, *_ in cases}
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        browser = launch_chromium(pw)
        apps = {}
        for i, (name, notebook, ready, code) in enumerate(cases):
            app = stack.enter_context(serve_app(seed(Path(tmp) / f"portfolio-{i}.sqlite", 12), notebook=notebook,
                                                extra_env=code_env(code)))
            measure(browser, app.url, ready)  # the server's first page: not counted
            apps[name] = (app, ready)
        for _ in range(args.runs):
            for name, (app, ready) in apps.items():
                loads[name].append(measure(browser, app.url, ready))
        browser.close()
    if args.functions is not None:
        print_functions(loads, args.functions)
        return
    if args.milestones:
        keys = list(next(iter(loads.values()))[0])
        print(f"ms from navigation start, median of {args.runs} warm loads")
    else:
        keys = ["total", "busy", *KINDS, "other", "waiting"]
        print(f"main thread from navigation start to usable, ms, median of {args.runs} warm loads")
    print(f"{'case':<26}" + "".join(f"{k[:16]:>17}" for k in keys))
    for name, rows in loads.items():
        print(f"{name:<26}" + "".join(f"{statistics.median(r.get(k, 0.0) for r in rows):17.0f}" for k in keys))
    reference = loads[cases[0][0]]
    for name, rows in list(loads.items())[1:]:
        deltas = [statistics.median(r.get(k, 0.0) - b.get(k, 0.0) for r, b in zip(rows, reference)) for k in keys]
        print(f"{name + ' - reference':<26}" + "".join(f"{d:17.0f}" for d in deltas))


if __name__ == "__main__":
    main()
