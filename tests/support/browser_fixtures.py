"""The browser fixtures, imported by tests/conftest.py so every test folder has them.

* ``live_app`` — one real ``freelancekit serve --no-browser`` per test module, on
  a temp portfolio that starts as the demo (the first run), stopped at the end.
* ``fresh_app`` — the same for one test that must not share its server.
* ``browser`` — one headless Chromium per session (system Chromium with the
  flags from COMMON.md, else Playwright's own). Outside CI, no browser at all
  means the browser tests skip with the reason; with CI set they fail.
* ``page`` — a new browser context and page per test, closed afterwards.
"""
from __future__ import annotations

import os

import pytest

from live_app import LiveApp, NoBrowser, launch_chromium, screenshot, serve_app

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
            shared["browser"] = launch_chromium(pw)
            config.add_cleanup(shared["browser"].close)
        except NoBrowser as exc:
            shared["error"] = (f"{exc}. Install Chromium (e.g. apt-get install chromium) "
                               "or run: python -m playwright install chromium")
    return shared


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
