"""Does a tab's burst of widget messages reach the page whole when the server falls behind?

    .venv/bin/python benchmarks/burst_loss.py                      # this checkout, 3 page loads
    .venv/bin/python benchmarks/burst_loss.py --code ../old-checkout --loads 3

Opening a tab makes the kernel send the page up to ~1 500 widget messages at
once, through the server's ZeroMQ sockets, whose queues hold 1 000 messages
each by default; ZeroMQ drops what a full queue cannot take, without a word.
So a server that falls behind could lose one message, and the page would
never draw that tab (docs/architecture.md, "A tab's content the page never
draws"). This checks that suspicion.

It makes the server fall behind on purpose: ``--pause`` seconds after each
tab click, the server's main thread (its event loop) sleeps ``--busy``
seconds, as a server busy with another page would, while its ZeroMQ threads
go on receiving the kernel's messages (a SIGUSR1 handler, installed by a
``sitecustomize`` module put on the server's path for this run only). It
reports every tab whose view did not show within RESEND_AFTER_S[0] seconds
after the server woke (the shell's resend comes later) and the page's console
errors about lost models. ``--code`` serves another checkout's app.

Measured: nothing lost (docs/architecture.md): a tab's burst fits in the
queues, which hold it until the server reads again.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from _live import ROOT, launch_chromium, open_app, serve_app

from freelancekit.ui.shown import RESEND_AFTER_S

# the server's main thread sleeps on SIGUSR1; only in processes started with FK_BURST_BUSY_S (the server and its kernels)
BUSY_HOOK = """import os, signal, time
if os.environ.get("FK_BURST_BUSY_S"):
    signal.signal(signal.SIGUSR1, lambda *_: time.sleep(float(os.environ["FK_BURST_BUSY_S"])))
"""
LOST = ("model not found", "Could not process update msg", "Could not create a model")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose app is served")
    parser.add_argument("--loads", type=int, default=3, help="page loads (each clicks every tab but the first)")
    parser.add_argument("--pause", type=float, default=0.3, help="seconds from the click to stopping the server")
    parser.add_argument("--busy", type=float, default=3.0, help="seconds the server's event loop sleeps")
    args = parser.parse_args()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "support"))
    from app_page import TAB_TITLES, css

    from freelancekit.language import i18n
    from freelancekit.ui import dom
    from freelancekit.ui.app import START_TAB, TABS
    from freelancekit.ui.wiring import VIEWS

    views = [TABS[i][1][0] for i in range(len(TABS)) if i != START_TAB]  # a tab's first view stands for the tab
    late = lost = clicks = 0
    with tempfile.TemporaryDirectory(prefix="fk-burst-") as tmp, ExitStack() as stack, sync_playwright() as p:
        (Path(tmp) / "sitecustomize.py").write_text(BUSY_HOOK)
        path = [str(args.code.resolve()), tmp, *filter(None, [os.environ.get("PYTHONPATH")])]
        app = stack.enter_context(serve_app(Path(tmp) / "p.sqlite", extra_env={"PYTHONPATH": os.pathsep.join(path),
                                                                               "FK_BURST_BUSY_S": str(args.busy)}))
        browser = launch_chromium(p)
        for load in range(args.loads):
            page = browser.new_page(viewport={"width": 1024, "height": 768})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            open_app(page, app.url)
            page.locator(css(dom.weight("hourly_rate"))).first.wait_for(state="visible", timeout=60_000)
            for view in views:
                assert view in VIEWS
                errors.clear()
                page.locator(f"{css(dom.TABS)} .lm-TabBar-tab", has_text=i18n.t(TAB_TITLES[view], "en")).first.click()
                time.sleep(args.pause)
                os.kill(app.proc.pid, signal.SIGUSR1)
                time.sleep(args.busy)
                went_on = time.monotonic()
                try:
                    page.locator(css(dom.tab(view))).first.wait_for(state="visible", timeout=RESEND_AFTER_S[0] * 1000)
                    state = f"shown {time.monotonic() - went_on:.1f} s after"
                except PlaywrightTimeout:
                    page.locator(css(dom.tab(view))).first.wait_for(state="visible", timeout=60_000)  # the shell's resend
                    state = f"LATE: shown {time.monotonic() - went_on:.1f} s after"
                    late += 1
                missing = [e.splitlines()[0] for e in errors if any(s in e for s in LOST)]
                lost += bool(missing)
                clicks += 1
                print(f"load {load} {view:<16} {state}; {len(missing)} console errors about lost models "
                      f"{missing[:2]}", flush=True)
            page.close()
        browser.close()
    print(f"\n{args.code.resolve().name}: {clicks} tab clicks, each with the server's loop asleep {args.busy} s: "
          f"{late} not shown within {RESEND_AFTER_S[0]} s, {lost} with lost models in the page's console")


if __name__ == "__main__":
    main()
