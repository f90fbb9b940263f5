"""Kill test: SIGKILL during a big save never leaves a state in between.

A child process opens the portfolio and makes one big save (an import that
updates 300 clients and adds 3,000, or replacing the whole portfolio); the test
kills it with SIGKILL at a random moment of that save. Afterwards
``PRAGMA integrity_check`` must say ``ok`` and the portfolio must equal, in
full and with its change counter, the state before the save or the state after
it. 100 kills locally; 50 in CI (``CI`` set) to keep the run short;
``FREELANCEKIT_KILL_LOOPS`` overrides. The figures are printed.
"""
from __future__ import annotations

import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from portfolio_state import make_portfolio, snapshot

pytestmark = pytest.mark.slow

EXISTING = 300
ADDED = 3_000

CHILD = r"""
import sys, time
from dataclasses import replace
from freelancekit.portfolio.demo import demo_portfolio
from freelancekit.files.importer import parse_file
from freelancekit.portfolio.storage import Store

path, mode, csv_path = sys.argv[1:4]
store = Store(path)
if mode == "import":
    work = parse_file(open(csv_path, "rb").read(), "clients.csv", store.criteria()).clients
    save = lambda: store.import_clients(work, "update")
else:
    demo = demo_portfolio()
    big = replace(demo, clients=tuple(replace(demo.clients[i % len(demo.clients)], name=f"Replaced {i}") for i in range(3000)))
    save = lambda: store.replace_all(big)
print("begin", flush=True)
started = time.perf_counter()
save()
print("done", time.perf_counter() - started, flush=True)
time.sleep(60)
"""


def kill_loops() -> int:
    if os.environ.get("FREELANCEKIT_KILL_LOOPS"):
        return int(os.environ["FREELANCEKIT_KILL_LOOPS"])
    return 50 if os.environ.get("CI") else 100


def read_line(proc: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        proc.kill()
        pytest.fail(f"the child said nothing for {timeout} s")
    return proc.stdout.readline()


def start_child(db: Path, mode: str, csv_path: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db), mode, str(csv_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = read_line(proc, 60)
    assert line == "begin\n", (line, proc.stderr.read() if proc.poll() is not None else "")
    return proc


def integrity_ok(db: Path) -> str:
    conn = sqlite3.connect(db)  # read-write: recovers the WAL the kill left, as the app would
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The file before the save, and per kind of save the state after it and how long the save takes."""
    folder = tmp_path_factory.mktemp("kill")
    original = make_portfolio(folder / "original.sqlite", n=EXISTING)
    csv_path = folder / "import.csv"
    rows = [f"Client {i},{90 + i % 7},{1 + (i + 2) % 5}\n" for i in range(EXISTING)]
    rows += [f"New {i},{30 + i % 60},{1 + i % 5}\n" for i in range(ADDED)]
    csv_path.write_text("name,hourly_rate,ease\n" + "".join(rows), encoding="utf-8")
    before = snapshot(original)
    after, seconds = {}, {}
    for mode in ("import", "replace"):
        db = folder / f"calibrate-{mode}.sqlite"
        shutil.copyfile(original, db)
        proc = start_child(db, mode, csv_path)
        done = read_line(proc, 120)
        proc.kill()
        proc.wait(30)
        assert done.startswith("done "), done
        seconds[mode] = float(done.split()[1])
        after[mode] = snapshot(db)
    assert len(after["import"][0].clients) == EXISTING + ADDED
    assert len(after["replace"][0].clients) == 3_000
    assert after["import"][1] == after["replace"][1] == before[1] + 1
    return original, csv_path, before, after, seconds


def test_sigkill_during_a_big_save_leaves_before_or_after_never_between(states, tmp_path, capsys):
    original, csv_path, before, after, seconds = states
    loops = kill_loops()
    rng = random.Random(int(os.environ.get("FREELANCEKIT_KILL_SEED", time.time_ns())))
    outcome = {"before": 0, "after": 0}
    mid_save = 0
    started = time.monotonic()
    for i in range(loops):
        mode = ("import", "replace")[i % 2]
        db = tmp_path / "portfolio.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(original, db)
        proc = start_child(db, mode, csv_path)
        time.sleep(rng.uniform(0, seconds[mode] * 1.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        assert proc.returncode == -signal.SIGKILL
        finished = "done" in proc.stdout.read()
        mid_save += not finished
        assert integrity_ok(db) == "ok", f"kill {i} ({mode}) damaged the file"
        state = snapshot(db)
        if state == before:
            assert not finished, f"kill {i} ({mode}): the save said done but was lost"
            outcome["before"] += 1
        else:
            assert state == after[mode], f"kill {i} ({mode}) left a state between before and after"
            outcome["after"] += 1
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\nkill loop: {loops} SIGKILLs in {elapsed:.1f} s (save takes {seconds['import']:.3f} s import, "
              f"{seconds['replace']:.3f} s replace); {mid_save} landed before the save returned; "
              f"state before: {outcome['before']}, after: {outcome['after']}, between: 0; integrity ok every time")
    if loops >= 20:  # the kills really hit the save, not only the quiet time around it
        assert outcome["before"] > 0 and outcome["after"] > 0, outcome
