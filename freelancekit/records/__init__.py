"""Time logs and invoices: imported from the tools freelancers use, measured per client.

The rules are in docs/records.md. Submodules: ``formats`` (which file is which),
``parse`` (checking a file), ``store`` (saving, de-duplicating, matching
clients), ``measures`` (the figures), ``concentration`` (income risk),
``ranking`` (measured values in the ranking), ``rank`` (a store's ranking,
with them). The tables are the portfolio file's (``portfolio.records_schema``).
May import ``language``, ``errors``, ``portfolio``, ``files`` and ``ranking``;
this package imports nothing heavy by itself.
"""
