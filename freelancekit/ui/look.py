"""Layouts and styles that the widgets of one app share, so the page has fewer models to make before it shows anything.

ipywidgets gives every widget a Layout and most kinds a Style of their own.
Each is a model: the kernel sends it, and the page makes it on its only thread
before it draws the first slider. The demo's first page held 148 models, 89 of
them layouts and styles, nearly all never changed after they were made
(docs/architecture.md, "How the page gets to its first slider").

One ``Look`` per app (``AppState.look``) hands out one layout per set of CSS
values and one style per kind of widget. A shared layout must never change:
hiding one widget would hide them all. So ``FixedLayout`` refuses any change
once made, and a widget that shows and hides itself keeps a layout of its own.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_string import HTMLStyle, LabelStyle, TextStyle

__all__ = ["CheckboxStyle", "FixedLayout", "HTMLStyle", "LabelStyle", "Look", "TextStyle", "css_classes"]

StyleT = TypeVar("StyleT", bound=w.Style)
_CSS = frozenset(n for n in w.Layout.class_own_traits() if not n.startswith("_"))


class FixedLayout(w.Layout):
    """A layout that several widgets share, so it refuses to change once made."""

    def __init__(self, **css: Any):
        super().__init__(**css)
        self._fixed = True

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _CSS and getattr(self, "_fixed", False):
            raise AttributeError(f"this layout is shared: give the widget a layout of its own to change its {name}")
        super().__setattr__(name, value)


class Look:
    """The shared layouts and styles of one app, and the widgets made with them."""

    def __init__(self) -> None:
        self._layouts: dict[tuple[tuple[str, str], ...], FixedLayout] = {}
        self._styles: dict[type[w.Style], w.Style] = {}

    def layout(self, **css: str) -> FixedLayout:
        """The one layout with these CSS values (none: the widgets' default)."""
        key = tuple(sorted(css.items()))
        if key not in self._layouts:
            self._layouts[key] = FixedLayout(**css)
        return self._layouts[key]

    def style(self, kind: type[StyleT]) -> StyleT:
        """The one default style of this kind (``w.ButtonStyle``, ``w.SliderStyle`` ...)."""
        if kind not in self._styles:
            self._styles[kind] = kind()
        made = self._styles[kind]
        assert isinstance(made, kind)
        return made

    def dress(self, style: type[w.Style] | None, *classes: str, css: Mapping[str, str] | None = None,
              **attrs: Any) -> dict[str, Any]:
        """A new widget's arguments: the shared layout for ``css`` (and the shared ``style``), its classes and ``attrs``.

        For kinds without a helper below: ``w.Text(value=..., **look.dress(TextStyle, "fk-x", css={"width": "4em"}))``.
        """
        dressed = {"layout": self.layout(**(css or {})), "_dom_classes": css_classes(*classes), **attrs}
        if style is not None:
            dressed["style"] = self.style(style)
        return dressed

    def html(self, value: str = "", *classes: str, css: Mapping[str, str] | None = None, **attrs: Any) -> w.HTML:
        return w.HTML(value=value, **self.dress(HTMLStyle, *classes, css=css, **attrs))

    def label(self, value: str = "", *classes: str, css: Mapping[str, str] | None = None, **attrs: Any) -> w.Label:
        return w.Label(value=value, **self.dress(LabelStyle, *classes, css=css, **attrs))

    def button(self, description: str, *classes: str, css: Mapping[str, str] | None = None, **attrs: Any) -> w.Button:
        return w.Button(description=description, **self.dress(w.ButtonStyle, *classes, css=css, **attrs))

    def vbox(self, children: Sequence[w.Widget] = (), *classes: str, css: Mapping[str, str] | None = None) -> w.VBox:
        return w.VBox(list(children), **self.dress(None, *classes, css=css))

    def hbox(self, children: Sequence[w.Widget] = (), *classes: str, css: Mapping[str, str] | None = None) -> w.HBox:
        return w.HBox(list(children), **self.dress(None, *classes, css=css))

    def box(self, children: Sequence[w.Widget] = (), *classes: str, css: Mapping[str, str] | None = None) -> w.Box:
        return w.Box(list(children), **self.dress(None, *classes, css=css))


def css_classes(*classes: str) -> tuple[str, ...]:
    """Each class on its own ("a b" is two: the page refuses a class with a space), as ``common.classed`` does."""
    return tuple(name for c in classes for name in c.split())
