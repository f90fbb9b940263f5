"""Two tabs on one portfolio, in plain Python: two App instances on the same file."""
from __future__ import annotations

import pytest


@pytest.fixture
def tabs(demo_db):
    from freelancekit.ui.app import build

    a, b = build(demo_db), build(demo_db)
    yield a, b
    a.store.close()
    b.store.close()
