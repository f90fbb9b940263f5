"""Shared test settings.

Hypothesis profiles: ``dev`` (default, quick) and ``ci`` (more examples, no
deadline: the CI machine is shared and slow). Pick one with HYPOTHESIS_PROFILE;
on CI (CI=true) ``ci`` is the default.
"""
from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


# Coverage of the core (everything in freelancekit/ except the ui/ widgets), printed after
# pytest-cov's table when the run measures coverage; issue 3 asks for >= 90 %.
CORE_OMIT = ["*/freelancekit/ui/*"]


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, config):
    plugin = config.pluginmanager.get_plugin("_cov")
    cov = getattr(getattr(plugin, "cov_controller", None), "cov", None)
    if cov is None or getattr(plugin, "cov_total", None) is None:
        return
    try:
        total = cov.report(include=["*/freelancekit/*"], omit=CORE_OMIT, file=io.StringIO())
    except Exception as exc:  # coverage reports "no data" as an exception: say so, never fail the run
        terminalreporter.write_line(f"core coverage: not available ({exc})")
        return
    terminalreporter.write_line(f"core coverage (freelancekit/ without ui/): {total:.1f}% (issue 3 target: 90%)", bold=True)
