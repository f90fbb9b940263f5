"""Build the app against a temporary portfolio, without a browser."""
from __future__ import annotations

import pytest

from freelancekit.api import create_demo


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "portfolio.sqlite"
    create_demo(path).close()
    return path


@pytest.fixture
def app(demo_db):
    from freelancekit.ui.app import build

    built = build(demo_db)
    yield built
    built.store.close()
