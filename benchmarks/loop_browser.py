"""Run the browser tests again and again, with the other core kept busy, to catch a flaky test.

    .venv/bin/python benchmarks/loop_browser.py --runs 30              # the whole browser suite, 30 times
    .venv/bin/python benchmarks/loop_browser.py --runs 10 tests/browser/test_journey.py
    .venv/bin/python benchmarks/loop_browser.py --runs 5 --no-busy     # without the busy core

A flaky test is a bug: a failure here is kept, not retried away. Each failed run's evidence
(screenshots, page console, server logs; see tests/support/browser_fixtures.py) is moved to
``test-artifacts/loop/run-<n>/`` with the run's output, and the summary goes to
``test-artifacts/loop/summary.json``. The busy core is one process of our own spinning at normal
priority (the load a second user, a build or a video call puts on a laptop); it is stopped by its
process id at the end, whatever happens.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
OUT = ARTIFACTS / "loop"
FAILURES = ARTIFACTS / "failures"


def busy_core() -> subprocess.Popen:
    """One process that keeps a core at 100 % until it is stopped."""
    return subprocess.Popen([sys.executable, "-c", "while True: pass"], stdin=subprocess.DEVNULL)


def run_once(n: int, paths: list[str], timeout_s: float) -> dict:
    shutil.rmtree(FAILURES, ignore_errors=True)
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "browser", *paths]
    start = time.monotonic()
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout_s, stdin=subprocess.DEVNULL)
        rc, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired as exc:  # a hang is a failure too (pytest-timeout normally fires first)
        rc, output = -1, f"{exc.stdout or ''}{exc.stderr or ''}\nthe run took longer than {timeout_s:.0f} s"
    seconds = time.monotonic() - start
    failed = [line for line in output.splitlines() if line.startswith(("FAILED", "ERROR"))]
    summary = next((line for line in reversed(output.splitlines()) if " in " in line and ("passed" in line or "failed" in line)), "")
    result = {"run": n, "rc": rc, "seconds": round(seconds, 1), "failed": failed, "summary": summary.strip("= ")}
    if rc != 0:
        folder = OUT / f"run-{n}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        (folder / "output.txt").write_text(output, encoding="utf-8")
        if FAILURES.exists():
            shutil.move(str(FAILURES), folder / "failures")
        result["evidence"] = str(folder.relative_to(ROOT))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=["tests"], help="test files or folders (default: every browser test)")
    parser.add_argument("--runs", type=int, default=30, help="how many times (default 30)")
    parser.add_argument("--no-busy", action="store_true", help="do not keep the other core busy")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds one run may take (default 3600)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    burner = None if args.no_busy else busy_core()
    results = []
    try:
        for n in range(1, args.runs + 1):
            r = run_once(n, args.paths, args.timeout)
            results.append(r)
            state = "passed" if r["rc"] == 0 else f"FAILED (evidence: {r['evidence']})"
            print(f"run {n:3d}/{args.runs}: {state} in {r['seconds']:.0f} s  {r['summary']}", flush=True)
            for line in r["failed"]:
                print(f"          {line}", flush=True)
            (OUT / "summary.json").write_text(json.dumps({"busy_core": burner is not None, "paths": args.paths,
                                                          "runs": results}, indent=2), encoding="utf-8")
    finally:
        if burner is not None:
            burner.kill()
            burner.wait(timeout=10)
    passed = sum(r["rc"] == 0 for r in results)
    print(f"{passed} of {len(results)} runs passed ({'other core busy' if burner is not None else 'no extra load'}); "
          f"summary: {(OUT / 'summary.json').relative_to(ROOT)}")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
