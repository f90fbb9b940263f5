"""The fixtures every test folder shares, and the suite's settings.

* ``demo_db`` — a temporary portfolio holding the demo.
* ``app_args`` — what ``app`` is built from (``freelancekit.ui.app.build``
  keyword arguments); a module or folder overrides it to build another app,
  e.g. ``def app_args(demo_db): return {"db_path": demo_db, "views": ("drafts",)}``.
* ``app`` — the whole app on ``app_args``, without a browser; its store closed afterwards.
* ``live_app``, ``fresh_app``, ``apps``, ``browser``, ``page`` — real servers and a
  real headless Chromium (tests/support/browser_fixtures.py).

Helpers (``live_app``, ``app_page``, ``portfolio_state``) live in tests/support,
which pytest puts on the import path (``pythonpath`` in pyproject.toml).

Hypothesis profiles: ``dev`` (default, quick) and ``ci`` (more examples, no
deadline: the CI machine is shared and slow). Pick one with HYPOTHESIS_PROFILE;
on CI (CI=true) ``ci`` is the default.
"""
from __future__ import annotations

import io
import os

import pytest
from browser_fixtures import (  # noqa: F401 - fixtures and the failure-evidence hook, for every folder
    apps,
    browser,
    fresh_app,
    live_app,
    page,
    playwright_instance,
    pytest_runtest_makereport,
)
from hypothesis import HealthCheck, settings

from freelancekit.portfolio.api import create_demo

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "portfolio.sqlite"
    create_demo(path).close()
    return path


@pytest.fixture
def app_args(demo_db) -> dict:
    """Keyword arguments of ``freelancekit.ui.app.build`` for the ``app`` fixture; override to build another app."""
    return {"db_path": demo_db}


@pytest.fixture
def app(app_args):
    from freelancekit.ui.app import build

    built = build(**app_args)
    yield built
    built.store.close()


# Coverage of the core (everything in freelancekit/ except the ui/ widgets), printed after
# pytest-cov's table when the run measures coverage; the bar is 90 %.
CORE_OMIT = ["*/freelancekit/ui/*"]


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, config):
    plugin = config.pluginmanager.get_plugin("_cov")
    cov = getattr(getattr(plugin, "cov_controller", None), "cov", None)
    if cov is None or getattr(plugin, "cov_total", None) is None:
        return
    try:
        total = cov.report(include=["*/freelancekit/*"], omit=CORE_OMIT, file=io.StringIO())
    except Exception as exc:  # noqa: BLE001 - coverage reports "no data" as an exception: say so, never fail the run
        terminalreporter.write_line(f"core coverage: not available ({exc})")
        return
    terminalreporter.write_line(f"core coverage (freelancekit/ without ui/): {total:.1f}% (target: 90%)", bold=True)
