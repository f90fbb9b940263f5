"""Used by ``pytest --nbval-lax notebooks/`` (part of ``python3 scripts/test.py``).

The notebooks open the portfolio named by ``FREELANCEKIT_DB``. nbval starts
one kernel per notebook when its first cell is set up, and the kernel inherits
our environment then; so while a notebook's cells run, ``FREELANCEKIT_DB``
names a throw-away demo portfolio of its own, and the user's file is never touched.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ENV_VAR = "FREELANCEKIT_DB"
_previous = pytest.StashKey[str | None]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    from freelancekit.portfolio.api import create_demo

    folder = item.config._tmp_path_factory.getbasetemp() / "nbval-portfolios"
    db = folder / f"{Path(str(item.fspath)).stem}.sqlite"
    if not db.exists():
        folder.mkdir(parents=True, exist_ok=True)
        create_demo(db).close()
    item.stash[_previous] = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = str(db)


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    previous = item.stash.get(_previous, None)
    if previous is None:
        os.environ.pop(ENV_VAR, None)
    else:
        os.environ[ENV_VAR] = previous
