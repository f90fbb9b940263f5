"""The portfolio: the model and its validation, the portfolio file (storage, schema, migrations), the demo.

Owns what is saved and the only ways values get in. May import ``language`` and
``errors`` only; the parts of the file that belong to a higher package (drafts,
records) are read and written by that package through ``Store._write``/``_read``.
"""
