"""A failing browser test keeps its evidence: screenshots, the pages' console, the server's log, the failure."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from browser_fixtures import FAILURES, keep_evidence
from live_app import open_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_failure_keeps_screenshot_console_and_server_log(live_app, page, request):
    open_app(page, live_app.url)
    page.evaluate("console.error('evidence-check')")
    report = SimpleNamespace(when="call", longreprtext="AssertionError: as if this test had failed")
    folder = keep_evidence(request.node, report)
    try:
        assert folder is not None and folder.parent == FAILURES
        assert (folder / "page-1.png").stat().st_size > 1000
        assert "evidence-check" in (folder / "console.txt").read_text(encoding="utf-8")
        logs = list(folder.glob("server-*.log"))
        assert logs and any("127.0.0.1" in log.read_text(errors="replace") for log in logs)
        assert "as if this test had failed" in (folder / "failure.txt").read_text(encoding="utf-8")
    finally:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)  # a passing run leaves no failure behind
