"""Browser tests: a real server and a real headless Chromium (see browser_fixtures.py, live_app.py)."""
from browser_fixtures import browser, fresh_app, live_app, page, playwright_instance  # noqa: F401
