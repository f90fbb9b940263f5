"""The browser app (ipywidgets, shown by Voila): one module per view.

Entry point: ``from freelancekit.ui import app; app.show()``. Class names the
browser tests rely on live in ``freelancekit.ui.dom``. Submodules are not
imported here so ``import freelancekit.ui.dom`` stays free of widgets. May import every core
package (``language`` to ``drafts``); never ``cli``, ``workbook`` or ``hub``.
"""
