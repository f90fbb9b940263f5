"""The browser fixtures, imported by tests/conftest.py so every test folder has them.

* ``live_app`` — one real ``freelancekit serve --no-browser`` per test module, on
  a temp portfolio that starts as the demo (the first run), stopped at the end.
* ``fresh_app`` — the same for one test that must not share its server.
* ``apps`` — two servers per test module, ``{"ar": ..., "en": ...}``: the Arabic
  demo portfolio and the English one, for tests that hold in both languages.
* ``browser`` — one headless Chromium per session (system Chromium with the
  flags from COMMON.md, else Playwright's own). Outside CI, no browser at all
  means the browser tests skip with the reason; with CI set they fail.
* ``page`` — a new browser context and page per test, closed afterwards.

A failing test that used a browser or a server keeps its evidence in
``test-artifacts/failures/<test>/``: a screenshot of every open page, the
pages' console and errors (every context made from ``browser``), each server's
log, and the failure itself (``keep_evidence``, called by the
``pytest_runtest_makereport`` hook below, which tests/conftest.py registers).
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from live_app import FAILED_LOGS, ROOT, RUNNING_LOGS, LiveApp, NoBrowser, kernel_log, launch_chromium, screenshot, serve_app

from freelancekit.drafts.examples import arabic_demo_portfolio
from freelancekit.portfolio.api import create_demo

FAILURES = ROOT / "test-artifacts" / "failures"

PAGE_TIMEOUT_MS = 60_000


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def live_app(tmp_path_factory) -> LiveApp:
    db = tmp_path_factory.mktemp("portfolio") / "portfolio.sqlite"
    with serve_app(db) as app:
        yield app


@pytest.fixture()
def fresh_app(tmp_path) -> LiveApp:
    with serve_app(tmp_path / "portfolio.sqlite") as app:
        yield app


@pytest.fixture(scope="module")
def apps(tmp_path_factory) -> dict[str, LiveApp]:
    base = tmp_path_factory.mktemp("apps")
    arabic, english = base / "ar.sqlite", base / "en.sqlite"
    with create_demo(arabic) as store:
        store.replace_all(arabic_demo_portfolio())
    create_demo(english).close()
    with serve_app(arabic) as ar_app, serve_app(english) as en_app:
        yield {"ar": ar_app, "en": en_app}


_SHARED = pytest.StashKey[dict]()


def _shared_browser(config: pytest.Config):
    """One Playwright and one Chromium for the whole run, shared by every conftest that imports these fixtures.

    (Each conftest registers its own copy of a fixture; a second sync Playwright
    in the same process is refused, so the instance lives in the config's stash.)
    """
    shared = config.stash.setdefault(_SHARED, {})
    if not shared:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:  # pragma: no cover - the test extra installs it
            shared["error"] = f"playwright is not installed ({exc}); install the test extra: pip install -e .[test]"
            return shared
        pw = sync_playwright().start()
        config.add_cleanup(pw.stop)
        try:
            real = launch_chromium(pw)
            config.add_cleanup(real.close)
            shared["console"] = []
            shared["browser"] = WatchedBrowser(real, shared["console"])
        except NoBrowser as exc:
            shared["error"] = (f"{exc}. Install Chromium (e.g. apt-get install chromium) "
                               "or run: python -m playwright install chromium")
    return shared


class WatchedBrowser:
    """The shared Chromium, recording every context's console messages and page errors in ``lines``.

    Tests make contexts of their own (two tabs, kernels); recording at the
    context covers every page in it from its first message.
    """

    def __init__(self, browser, lines: list[str]):
        self._browser = browser
        self.lines = lines

    def _watch(self, context):
        context.on("console", lambda m: self.lines.append(f"[{m.type}] {m.text}  ({m.location.get('url', '')})"))
        context.on("weberror", lambda e: self.lines.append(f"[pageerror] {e.error}"))
        return context

    def new_context(self, **kwargs):
        return self._watch(self._browser.new_context(**kwargs))

    def new_page(self, **kwargs):
        context = self.new_context(**kwargs)
        page = context.new_page()
        page.on("close", lambda _p: context.close())
        return page

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("_")[:150]


def keep_evidence(item: pytest.Item, report: pytest.TestReport) -> Path | None:
    """Save what a failed browser or server test leaves: screenshots, console, server logs, the failure.

    Returns the folder, or None when the test used neither a browser nor a server.
    """
    shared = item.config.stash.get(_SHARED, {})
    browser = shared.get("browser")
    start = item.stash.get(_CONSOLE_START, 0)
    console = shared.get("console", [])[start:]
    logs = [*RUNNING_LOGS.values(), *FAILED_LOGS]
    pages = [p for c in (browser.contexts if browser is not None else []) for p in c.pages]
    if not (pages or logs or console or item.get_closest_marker("browser")):
        return None
    folder = FAILURES / _safe(item.nodeid)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "failure.txt").write_text(f"{item.nodeid} ({report.when})\n\n{report.longreprtext}\n", encoding="utf-8")
    (folder / "console.txt").write_text("\n".join(console) + "\n", encoding="utf-8")
    for n, pg in enumerate(pages, start=1):
        try:
            (folder / f"page-{n}.url").write_text(pg.url + "\n", encoding="utf-8")
            pg.screenshot(path=str(folder / f"page-{n}.png"), full_page=True, timeout=15_000)
        except Exception as exc:  # noqa: BLE001 - a crashed page: say so, keep the rest
            (folder / f"page-{n}.error.txt").write_text(f"no screenshot: {exc}\n", encoding="utf-8")
    for log in logs:
        for path, name in ((log, f"server-{log.stem}.log"), (kernel_log(log), f"kernels-{log.stem}.log")):
            if path.exists():
                shutil.copyfile(path, folder / name)
    return folder


_CONSOLE_START = pytest.StashKey[int]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "setup":
        item.stash[_CONSOLE_START] = len(item.config.stash.get(_SHARED, {}).get("console", []))
    if report.failed:
        try:
            folder = keep_evidence(item, report)
        except Exception as exc:  # noqa: BLE001 - evidence is a help; it must never hide the failure
            report.sections.append(("failure evidence", f"could not be saved: {exc}"))
        else:
            if folder is not None:
                report.sections.append(("failure evidence", f"saved in {folder}"))
    if report.when == "teardown":
        for log in FAILED_LOGS:  # saved above if the test failed; no longer needed
            log.unlink(missing_ok=True)
        FAILED_LOGS.clear()
    return report


@pytest.fixture(scope="session")
def playwright_instance(browser):
    return browser


@pytest.fixture(scope="session")
def browser(request):
    shared = _shared_browser(request.config)
    if "error" in shared:
        if _in_ci():
            pytest.fail(f"browser tests must run in CI: {shared['error']}")
        pytest.skip(shared["error"])
    return shared["browser"]


@pytest.fixture()
def page(browser, request):
    """A fresh page; its last state is saved as test-artifacts/screenshots/last-<test>.png for debugging."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    pg = context.new_page()
    yield pg
    try:
        screenshot(pg, "last-" + request.node.name.replace("/", "_"))
    except Exception:  # noqa: BLE001 - a closed or crashed page has nothing to show
        pass
    context.close()
