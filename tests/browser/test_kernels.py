"""Nothing piles up on the server: a reloaded or closed page frees its kernel.

Each page load starts a kernel. When the page goes away, Voila's script posts
a shutdown request for it; the server must accept it (it carries the page's
``_xsrf`` cookie, see ``freelancekit.cli.serve.set_xsrf_cookie``). A page that
cannot say goodbye (browser killed, network gone) is the culler's job: a
kernel without a page, idle for a while, is shut down. Kernels are counted as
the server's child processes running ipykernel with their ports open (the one
waiting for the next page has none).
"""
from __future__ import annotations

import contextlib
import time

import psutil
import pytest
from live_app import open_app, page_kernels, serve_app

from freelancekit.ui import dom

pytestmark = [pytest.mark.browser, pytest.mark.slow]
RELOADS = 10
SETTLE_S = 60.0


def kernels(app) -> list[psutil.Process]:
    return page_kernels(app.proc.pid)


def wait_for_kernels(app, at_most: int, timeout: float = SETTLE_S) -> int:
    deadline = time.monotonic() + timeout
    while True:
        running = len(kernels(app))
        if running <= at_most or time.monotonic() > deadline:
            return running
        time.sleep(0.5)


def test_reloading_ten_times_then_closing_leaves_no_kernel_running(live_app, page):
    refused: list[str] = []
    page.on("response", lambda r: "/voila/api/shutdown/" in r.url and r.status >= 400 and refused.append(f"{r.status} {r.url}"))
    open_app(page, live_app.url)
    for _ in range(RELOADS):
        page.reload(wait_until="domcontentloaded")
        page.wait_for_selector(f".{dom.APP}", state="visible")
        # the page just left has posted its shutdown: the server holds this page's kernel and at most one going
        assert wait_for_kernels(live_app, at_most=2, timeout=20) <= 2
    assert len(kernels(live_app)) >= 1  # the open page's kernel
    page.close(run_before_unload=True)
    left = wait_for_kernels(live_app, at_most=0)
    assert left <= 1, f"{left} kernels still running {SETTLE_S:.0f} s after the page was closed"
    assert not refused, f"the server refused the pages' shutdown requests: {refused}"
    assert "'_xsrf' argument missing" not in live_app.output()


def test_a_page_that_never_says_goodbye_has_its_kernel_culled(browser, tmp_path):
    """The backstop: the shutdown request is lost (here: blocked), the idle page-less kernel is culled."""
    with serve_app(tmp_path / "portfolio.sqlite", extra_args=["--cull-idle", "4"]) as app:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.route("**/voila/api/shutdown/**", lambda route: route.abort())
            open_app(page, app.url)
            time.sleep(6)  # idle for longer than the cull time, but connected: it must stay
            assert len(kernels(app)) == 1, "a kernel whose page is open was culled"
            page.close(run_before_unload=True)
            assert len(kernels(app)) == 1  # the request never reached the server
            assert wait_for_kernels(app, at_most=0, timeout=30) == 0
        finally:
            context.close()


def waiting_process(app, timeout: float = 30) -> psutil.Process:
    """The process ``serve`` keeps waiting for the next page (cli/waiting_kernel.py)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kernels_now = {k.pid for k in kernels(app)}
        for child in psutil.Process(app.proc.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if "waiting_kernel" in " ".join(child.cmdline()) and child.pid not in kernels_now:
                    return child
        time.sleep(0.2)
    raise AssertionError(f"no waiting process after {timeout:.0f} s")


def test_the_page_gets_the_waiting_kernel_and_the_portfolio_as_it_is_now(browser, tmp_path):
    """Unlike a preheated kernel, the waiting one has read nothing: a client added after it started is on the page."""
    from freelancekit.portfolio.api import open_portfolio
    from freelancekit.portfolio.model import make_client

    with serve_app(tmp_path / "portfolio.sqlite") as app:
        waiting = waiting_process(app)
        time.sleep(2)  # so it has done its imports before the client is added
        with open_portfolio(app.db) as store:
            newcomer = make_client({"name": "Added After Start Ltd", "email": "new@example.com", "services": "Blog posts",
                                    "values": {"hourly_rate": 400, "on_time_payment": 5, "ease": 5, "enjoyment": 5,
                                               "learning": 5}}, store.criteria())
            store.import_clients([(2, newcomer)])
        context = browser.new_context()
        try:
            page = context.new_page()
            open_app(page, app.url)
            assert [k.pid for k in kernels(app)] == [waiting.pid]  # the page's kernel is the one that waited
            expect_text = page.locator(f".{dom.RANKING_TABLE}").get_by_text("Added After Start Ltd")
            expect_text.first.wait_for(state="visible", timeout=30_000)
            assert waiting_process(app, timeout=30).pid != waiting.pid  # the next one waits for the next page
        finally:
            context.close()
