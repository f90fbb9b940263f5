"""One client's value on one criterion, saved from a grid: the Ratings tab's sheet and the Criteria tab's grid.

Both save a box the moment it is left, so both answer the same way: a refused
value is said under its row, a saved one beside it (``notice``), and a client
deleted meanwhile (another tab, the CLI) refreshes the clients, so its row goes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from freelancekit.errors import InvalidInput, NotFound
from freelancekit.language import i18n
from freelancekit.ui.common import AppState, Notice, error_words, set_error

if TYPE_CHECKING:
    from freelancekit.portfolio.model import Client


def save_value(state: AppState, error: w.HTML, notice: Notice, client_id: int, key: str, value: Any) -> Client | None:
    """The client as saved, or None when the value was not saved.

    After a save the caller refreshes the clients (``state.changed("clients")``) its own way.
    """
    try:
        client = state.store.set_value(client_id, key, value)
    except InvalidInput as exc:
        set_error(error, exc.for_field(key, state.locale) or error_words(exc, state))
        return None
    except NotFound as exc:
        set_error(error, error_words(exc, state))
        state.changed("clients")
        return None
    set_error(error, None)
    notice.info(i18n.t("clients.saved", state.locale, name=client.name))
    return client
