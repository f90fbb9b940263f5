"""Hardening tests (a package, so their module names never clash with tests/test_*.py)."""
