"""Client files in and out: CSV and XLSX reading (encodings, headers, columns), export, safe file writes.

May import ``language``, ``errors`` and ``portfolio``.
"""
