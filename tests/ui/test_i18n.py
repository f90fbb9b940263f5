from __future__ import annotations

from freelancekit.language import i18n


def test_t_falls_back_to_english_and_fills_values():
    assert i18n.t("clients.saved", "fr", name="X") == "Saved “X”."
    assert "X" in i18n.t("clients.saved", "ar", name="X")


def test_rtl_and_builtin_labels():
    assert i18n.is_rtl("ar") and not i18n.is_rtl("en") and not i18n.is_rtl(None)
    assert i18n.criterion_label("ease", "Ease of working with", "ar") == "سهولة التعامل"
    assert i18n.criterion_label("ease", "Smoothness", "ar") == "Smoothness"  # renamed by the user: kept
    assert i18n.criterion_label("custom", "Mine", "ar") == "Mine"


def test_i18n_imports_no_widgets():
    import subprocess
    import sys

    code = "import sys, freelancekit.language.i18n, freelancekit.ui.dom; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
