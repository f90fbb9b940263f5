"""Drafts: which services to offer (opportunities, packages), the emails, their follow-ups and mail export.

Owns the saved drafts and templates (``store``) and the Jinja templates. May
import every core package below it: ``language``, ``errors``, ``portfolio``,
``files``, ``ranking`` and ``records``.
"""
