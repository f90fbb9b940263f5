"""The app's page: the cell shows the app's box at once and the app is built into it just after (ui/page.py)."""
from __future__ import annotations

import subprocess
import sys

from freelancekit.ui import dom
from freelancekit.ui.common import literal_text
from freelancekit.ui.page import build_into


def test_the_cell_is_quick_and_the_app_is_built_into_its_box_after_it(tmp_path):
    """In a kernel the cell imports only the shell's class names; the portfolio, scoring and views come after it."""
    from freelancekit.portfolio.api import create_demo

    create_demo(tmp_path / "p.sqlite").close()
    code = """
import sys, warnings
warnings.simplefilter("ignore")
import IPython.display
shown_on_page = []
IPython.display.display = lambda *a, **k: shown_on_page.extend(a)
import freelancekit.ui.shown as shown
waiting = []
shown._kernel_loop = lambda: object()            # as in a kernel: callbacks wait for the cell to end
shown.later = lambda delay, action: waiting.append(action)
from freelancekit.ui import page
page.show(sys.argv[1])
(box,) = shown_on_page
print(len(box.children), "freelancekit.ui.app" in sys.modules, "freelancekit.portfolio.storage" in sys.modules, "numpy" in sys.modules)
for action in list(waiting):                     # the cell has ended: the kernel runs what it was given
    action()
from freelancekit.ui import dom
print(dom.APP in box._dom_classes, any(dom.TABS in c._dom_classes for c in box.children))
"""
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "p.sqlite")], capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.split() == ["0", "False", "False", "False", "True", "True"]


def test_a_file_that_is_not_a_portfolio_is_said_in_the_box_in_both_languages(tmp_path):
    import ipywidgets as w

    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database")
    root = w.VBox()
    build_into(root, bad)  # no exception reaches the page
    (message,) = root.children
    assert dom.STATUS_ERROR in message._dom_classes and 'role="alert"' in message.value
    english, arabic = message.value.split("</p>")[:2]
    assert 'lang="en" dir="ltr"' in english and "nothing was changed" in literal_text(message)
    assert 'lang="ar" dir="rtl"' in arabic
    assert bad.read_text() == "not a database"


def test_outside_a_kernel_show_builds_at_once(tmp_path, monkeypatch):
    import IPython.display

    from freelancekit.portfolio.api import create_demo
    from freelancekit.ui import page

    create_demo(tmp_path / "p.sqlite").close()
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: shown.extend(a))
    page.show(tmp_path / "p.sqlite", views=["ranking"])
    (box,) = shown
    assert any(dom.tab("ranking") in c._dom_classes for c in box.children)


def test_the_kernel_writes_the_apps_errors_with_their_tracebacks_to_the_file_it_is_given(tmp_path):
    """Voila shows the page nothing of a kernel's stderr: a failed browser test keeps this file instead."""
    import logging

    from freelancekit.ui import page

    path = tmp_path / "kernels.log"
    logger = logging.getLogger("freelancekit")
    before = list(logger.handlers)
    try:
        page._log_to_file(None)
        assert logger.handlers == before
        page._log_to_file(str(path))
        page._log_to_file(str(path))  # once per kernel, however many pages it builds
        assert len(logger.handlers) == len(before) + 1
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("freelancekit.ui").exception("unexpected error in %s", "View.on_click")
        text = path.read_text(encoding="utf-8")
        assert "ERROR freelancekit.ui: unexpected error in View.on_click" in text and "ValueError: boom" in text
    finally:
        for handler in logger.handlers[len(before):]:
            logger.removeHandler(handler)
            handler.close()
