#!/usr/bin/env python3
"""The command line at 100 000 clients: ``rank --format json`` and ``export`` to .xlsx and .csv.

``python benchmarks/bench_cli.py [--clients 100000] [--runs 3] [--only xlsx]`` makes a
portfolio of random clients once, then runs each command as a user would (a
new process, output to a file) and prints the median wall time and the
median CPU time (user + system) of the runs. On a shared machine wall time
grows with the load; CPU time much less, so both are shown.

Targets: ``rank --format json`` <= 1.5 s, with and without
``PYTHONUNBUFFERED=1`` (the output is one write, so unbuffered output costs
nothing); ``export`` to .xlsx <= 5 s. Exit status 1 if a median wall time
misses its target.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _live import seed  # noqa: E402
from live_app import freelancekit_command  # noqa: E402

TARGETS_S = {"rank json": 1.5, "rank json, PYTHONUNBUFFERED=1": 1.5, "export .xlsx": 5.0}


def timed(cmd: list[str], env: dict[str, str], out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd`` (its stdout to ``out``)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(out, "wb") as fh:
        subprocess.run(cmd, env=env, stdout=fh, stderr=subprocess.PIPE, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3, help="runs per command (medians are printed)")
    ap.add_argument("--only", metavar="NAME", help="run only the commands whose label contains NAME (e.g. xlsx)")
    args = ap.parse_args()
    fk = freelancekit_command()
    with tempfile.TemporaryDirectory(prefix="fk-bench-cli-") as tmp:
        db = seed(Path(tmp) / "portfolio.sqlite", args.clients)
        base = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        commands = {
            "rank json": ([*fk, "rank", "--db", str(db), "--format", "json"], base),
            "rank json, PYTHONUNBUFFERED=1": ([*fk, "rank", "--db", str(db), "--format", "json"],
                                              {**base, "PYTHONUNBUFFERED": "1"}),
            "export .xlsx": ([*fk, "export", "--db", str(db), "--force", str(Path(tmp) / "clients.xlsx")], base),
            "export .csv": ([*fk, "export", "--db", str(db), "--force", str(Path(tmp) / "clients.csv")], base),
        }
        if args.only:
            commands = {k: v for k, v in commands.items() if args.only in k}
            if not commands:
                ap.error(f"no command matches --only {args.only!r}")
        ok = True
        print(f"{args.clients:,} clients, median of {args.runs} runs (a new process each)")
        print(f"{'command':<32} {'wall s':>7} {'cpu s':>7}  target")
        for label, (cmd, env) in commands.items():
            timed(cmd, env, Path(tmp) / "out")  # warm the file cache
            runs = [timed(cmd, env, Path(tmp) / "out") for _ in range(args.runs)]
            wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
            target = TARGETS_S.get(label)
            verdict = "" if target is None else f"<= {target} s: {'meets' if wall <= target else 'MISSES'}"
            ok &= target is None or wall <= target
            print(f"{label:<32} {wall:>7.2f} {cpu:>7.2f}  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
