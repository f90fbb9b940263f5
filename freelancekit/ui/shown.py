"""Work that waits for the page: ``later`` (after the current cell) and ``when_shown`` (after the page drew a box).

Everything a kernel builds before the page connects is sent to the page in one
piece and turned into widgets there before the first slider can move; every
widget is three models (itself, its layout, its style), and the page makes them
one by one on its only thread. What is not needed for the first look (the
sentences and buttons below the ranking, the charts) is therefore built when
the page reports its box as drawn: ipywidgets counts a widget's views in
``_view_count`` once it is set to 0, and 0 -> 1 is "shown"
(benchmarks/bench_app_tti.py measures the difference).

Outside a kernel (tests, scripts) both run their action at once, so a view is
complete as soon as it is built.

``unless_shown`` is the other side of the same count: rarely (about once in
500 tab switches under load, ipywidgets 8.1 in Voila 0.5) the page never draws
a box's new children, and the tab stays empty. The shell uses it to send such
a tab's content again, then to make it anew (docs/architecture.md;
benchmarks/stress_tabs.py reproduces the loss).
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

__all__ = ["later", "unless_shown", "when_shown"]

# how long the page may take to draw new content before it is sent again (seconds after it was sent)
RESEND_AFTER_S = (3.0, 8.0)


def _kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The running loop of a live IPython kernel, else None.

    Asking for "the running loop" alone is not enough: another library's loop
    (Playwright's sync API, say) may be running in this thread without ever
    serving our callbacks, so only a live IPython kernel's loop is used.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def later(delay_s: float, action: Callable[[], None]) -> None:
    """Run ``action`` after ``delay_s`` on the kernel's event loop; at once outside a kernel (plain Python)."""
    loop = _kernel_loop()
    if loop is None:
        action()
        return
    loop.call_later(delay_s, action)


def when_shown(box: Any, action: Callable[[], None], delay_s: float = 0.0) -> None:
    """Run ``action`` once, ``delay_s`` after the page first shows ``box``; at once outside a kernel."""
    if _kernel_loop() is None:
        action()
        return
    done = False

    def on_views(change: dict[str, Any]) -> None:
        nonlocal done
        if not done and (change["new"] or 0) > 0:
            done = True
            box.unobserve(on_views, names="_view_count")
            later(delay_s, action)

    box._view_count = 0  # the page counts its views of this widget from now on
    box.observe(on_views, names="_view_count")


def unless_shown(widget: Any, retry: Callable[[int], None], after_s: tuple[float, ...] = RESEND_AFTER_S) -> None:
    """Call ``retry(attempt)`` at each of ``after_s`` while the page has still not drawn ``widget``.

    Call it before ``widget`` is placed in a box the page shows: a view drawn
    before the page learns that its views are counted is never counted.
    ``attempt`` counts from 0, so ``retry`` can escalate. Outside a kernel
    there is no page to wait for, and nothing happens.
    """
    if _kernel_loop() is None:
        return
    if widget._view_count is None:
        widget._view_count = 0  # the page counts its views of this widget from now on

    def check(attempt: int) -> None:
        if (widget._view_count or 0) > 0:
            return
        retry(attempt)
        if attempt + 1 < len(after_s):
            later(after_s[attempt + 1] - after_s[attempt], lambda: check(attempt + 1))

    later(after_s[0], lambda: check(0))
