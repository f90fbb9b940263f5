"""Hardening tests reuse the browser tests' live server and Chromium fixtures."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))

from browser_fixtures import browser, fresh_app, live_app, page, playwright_instance  # noqa: E402,F401
