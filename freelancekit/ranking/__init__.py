"""The ranking: scores from the criteria and weights, how sure it is, why #1 is #1, and its export.

May import ``language``, ``errors``, ``portfolio`` and ``files``.
"""
