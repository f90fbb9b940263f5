"""Time logs and invoices: imported from the tools freelancers use, measured per client.

The rules are in docs/records.md. Submodules: ``formats`` (which file is which),
``parse`` (checking a file), ``store`` (saving, de-duplicating, matching
clients), ``measures`` (the figures), ``concentration`` (income risk),
``ranking`` (measured values in the ranking). This package imports nothing
heavy by itself, so the storage schema can be read from ``schema`` cheaply.
"""
