"""Shared by the app benchmarks: the browser tests' server and Chromium helpers, plus seeding."""
from __future__ import annotations

import os
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "support"))

from live_app import launch_chromium, open_app, page_kernels, serve_app  # noqa: E402,F401

REFERENCE = ROOT / "benchmarks" / "reference_slider.ipynb"


def seed(db: Path, n_clients: int, code: str | None = None) -> Path:
    """A portfolio: the 12-client demo, or ``n_clients`` random complete clients.

    ``code``: a checkout (``--reference``) that makes the file, so it is in the format that code reads.
    """
    if code is not None:
        import subprocess

        env = {**os.environ, "PYTHONPATH": os.pathsep.join([code, str(Path(__file__).parent)])}
        subprocess.run([sys.executable, "-c", f"from _live import seed; seed({str(db)!r}, {n_clients})"], env=env, cwd=code, check=True)
        return db
    from freelancekit.portfolio.api import create_demo, open_portfolio
    from freelancekit.portfolio.model import make_client

    if n_clients == 12:
        create_demo(db).close()
        return db
    rng = random.Random(7)
    with open_portfolio(db) as store:
        criteria = store.criteria()
        clients = [(i + 2, make_client({
            "name": f"Client {i:04d}", "contact_name": f"Contact {i}", "email": f"c{i}@example.com",
            "industry": rng.choice(["SaaS", "Retail", "Health", "Education"]), "services": "Blog posts",
            "values": {"hourly_rate": rng.randint(30, 150), "on_time_payment": rng.randint(1, 5),
                       "ease": rng.randint(1, 5), "enjoyment": rng.randint(1, 5), "learning": rng.randint(1, 5)},
        }, criteria)) for i in range(n_clients)]
        store.import_clients(clients)
        assert store.client_count() == n_clients, store.client_count()
    return db


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values):8.0f}"
