"""Every word and number the user reads: catalogs, plural forms, digits, dates, lists, money, text direction.

Owns how things are said in English and Arabic, and how an error's code and
facts become a sentence (``wording``). The lowest layer: imports nothing else
of freelancekit.
"""
