"""The app's wiring as data: which views exist, and what each kind of change makes stale.

A view saves, then calls ``state.changed(kind)``. ``AppState`` drops the
caches ``CHANGES[kind].drops`` names; the shell (``App.on_change``) calls
``refresh(kind)`` on every built view in ``CHANGES[kind].refreshes``, in that
order (or rebuilds the whole app when ``rebuild`` is set). When another tab
or the CLI saved too, the store's counts of saves per area say which kinds
they were, and ``from_elsewhere`` merges those rows. Nothing else decides who
refreshes whom.

To add a view: write ``freelancekit/ui/<name>_view.py`` with a class that is a
``View``, add one row to ``VIEWS`` (its class and its tab) and name it in the
``refreshes`` of the changes it shows. To add a change kind: add one row to
``CHANGES`` and report it from the view that saves it.

No widget imports here: ``dom.py`` (the browser tests' contract) reads the
view names from this module too.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Protocol


class View(Protocol):
    """What the shell needs of a view: its widget to show, and a way to follow a change."""

    widget: Any

    def refresh(self, kind: str) -> None:
        """Show the data as saved now after a change of ``kind`` (a key of ``CHANGES``), keeping what is typed."""


# view name -> ("module:Class" in freelancekit.ui, the i18n key of its tab's title), in display order;
# a module is imported when its view is first built, the tabs come in the order their first view does
VIEWS: dict[str, tuple[str, str]] = {
    "profile": ("profile_view:ProfileView", "tab.profile"),
    "clients": ("clients_view:ClientsView", "tab.clients"),
    "import": ("import_view:ImportView", "tab.import"),
    "records_import": ("records_import_view:RecordsImportView", "tab.import"),
    "ratings": ("rating_sheet:RatingSheet", "tab.ratings"),
    "criteria": ("criteria_view:CriteriaView", "tab.ranking"),
    "records_sources": ("records_sources_view:RecordsSourcesView", "tab.ranking"),
    "ranking": ("ranking_view:RankingView", "tab.ranking"),
    "drafts": ("drafts_view:DraftsView", "tab.drafts"),
}
VIEW_NAMES: tuple[str, ...] = tuple(VIEWS)
# a tab shown as two columns: (its controls, its result); the controls sit left of the result from 1024 px
# of width (right of it in Arabic) and above it below that, so a weight moved shows its effect in sight
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "tab.ranking": (("criteria", "records_sources"), ("ranking",)),
}
# the guided first run of an empty portfolio (ui/first_run.py), its steps in order: step name ->
# ("module:Class" in freelancekit.ui, the i18n key of its title, of its primary action); it ends on RANKING_VIEW's tab.
# Its steps are refreshed by the guide on every change while it shows (each holds a view of its own).
FIRST_RUN_STEPS: dict[str, tuple[str, str, str]] = {
    "services": ("first_run_services:ServicesStep", "first.services.title", "first.services.next"),
    "clients": ("first_run_clients:ClientsStep", "first.clients.title", "first.clients.next"),
    "records": ("first_run_records:RecordsStep", "first.records.title", "first.records.finish"),
}
RANKING_VIEW = "ranking"
# (tab title key, its views in display order), in tab order
TABS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (tab, tuple(name for name, (_cls, t) in VIEWS.items() if t == tab)) for tab in dict.fromkeys(t for _cls, t in VIEWS.values()))

# the caches AppState keeps (attribute ``_<name>``)
CRITERIA, CLIENTS, TABLE, PROFILE, RANKING = "criteria", "clients", "table", "profile", "ranking"
RECORDS = "records"  # the measured figures and which ranking values come from them (docs/records.md)
CACHES: frozenset[str] = frozenset({CRITERIA, CLIENTS, TABLE, PROFILE, RANKING, RECORDS})

# what the shell is told when another tab or the CLI saved as well: refresh the views ``from_elsewhere``
# names for what they saved (the store counts saves per area), keeping what is typed; rebuild none
OUTSIDE = "outside"


@dataclass(frozen=True)
class Change:
    """One kind of change: the caches it makes stale and the views that show what it changed.

    ``elsewhere``/``elsewhere_drops``: what else is stale when another tab or the CLI made the
    change (the view that saves it here shows it already, and keeps its own caches right).
    """

    drops: frozenset[str]
    refreshes: tuple[str, ...] = ()
    rebuild: bool = False  # every label may change (the language): build the app again
    elsewhere: tuple[str, ...] = ()
    elsewhere_drops: frozenset[str] = frozenset()


CHANGES: dict[str, Change] = {
    # a profile field or the services: the form's service list, prepared exports, ranking and drafts
    # (the currency or an exchange rate: every pay rate and record amount is converted again: docs/currencies.md)
    "profile": Change(frozenset({PROFILE, TABLE, RANKING, RECORDS}), ("clients", "import", "ranking", "drafts"), elsewhere=("profile",)),
    # clients added, edited, deleted or imported (the profile view shows how many clients buy each service)
    # (and the criteria view's "rate everyone" grid shows every client's value on one criterion)
    "clients": Change(frozenset({CLIENTS, TABLE, RANKING, RECORDS}),
                      ("clients", "import", "records_import", "profile", "ratings", "criteria", "records_sources", "ranking", "drafts")),
    # a criterion added, removed, renamed or turned: every client's columns and the score table
    "criteria": Change(frozenset({CRITERIA, CLIENTS, TABLE, RANKING, RECORDS}),
                       ("criteria", "records_sources", "clients", "import", "ratings", "ranking", "drafts")),
    # records imported, a record's client mapped, or Pay rate / On-time payment switched between rating and records
    "records": Change(frozenset({TABLE, RANKING, RECORDS}), ("records_import", "ratings", "records_sources", "ranking", "drafts")),
    # weights only, after ``state.set_criteria(saved)``: the score table and those criteria stay (the slider hot path)
    # (the clients table too: its incomplete marks count only criteria whose weight is above 0)
    # (from elsewhere: the saved weights are new to this tab, its sliders too)
    "weights": Change(frozenset({RANKING}), ("clients", "ranking", "drafts"), elsewhere=("criteria",),
                      elsewhere_drops=frozenset({CRITERIA})),
    # a draft saved: only the drafts view shows drafts, and it shows its own saves already
    # (from elsewhere: the drafts view and the ranking's follow-up marks)
    "drafts": Change(frozenset(), elsewhere=("ranking", "drafts")),
    # the language switched: every label changes
    "all": Change(CACHES, rebuild=True),
    # another tab or the CLI saved something of no one area: anything may be stale, but keep what is typed
    OUTSIDE: Change(CACHES, VIEW_NAMES),
}
# the kinds a view may report (OUTSIDE is the state's own conclusion, never reported)
CHANGE_KINDS: tuple[str, ...] = tuple(k for k in CHANGES if k != OUTSIDE)


def elsewhere_kind(kinds: Iterable[str], own: str | None = None) -> str:
    """The kind the refreshed views are told: the one kind saved (elsewhere, and here), else ``OUTSIDE``.

    Told "weights", the clients table only redraws its marks; told ``OUTSIDE``
    it rebuilds its rows, as it must when more than one kind may have changed.
    """
    kinds = set(kinds)
    every = {*kinds, *([own] if own else [])}
    return every.pop() if kinds and len(every) == 1 and every <= set(CHANGE_KINDS) else OUTSIDE


def from_elsewhere(kinds: Iterable[str], own: str | None = None) -> Change:
    """What saves of these kinds by another tab or the CLI make stale here: their rows merged.

    The kinds are the store's areas (``Store.change_counts``); one that is not a
    change kind a view reports ("all": a replaced portfolio, an undone import)
    or no kind at all makes everything stale (``OUTSIDE``). ``own``: the kind
    this tab saved meanwhile, whose row is merged in too (as seen by its saver).
    """
    kinds = set(kinds)
    if not kinds or not kinds <= set(CHANGE_KINDS) or any(CHANGES[k].rebuild for k in kinds):
        return CHANGES[OUTSIDE]
    rows = [replace(CHANGES[k], refreshes=(*CHANGES[k].refreshes, *CHANGES[k].elsewhere),
                    drops=CHANGES[k].drops | CHANGES[k].elsewhere_drops) for k in kinds]
    if own is not None:
        rows.append(CHANGES[own])
    views = {v for row in rows for v in row.refreshes}
    return Change(frozenset().union(*(row.drops for row in rows)), tuple(v for v in VIEW_NAMES if v in views))
