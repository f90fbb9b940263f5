"""ui/look.py: the layouts and styles the widgets of one app share."""
import ipywidgets as w
import pytest

from freelancekit.ui.look import FixedLayout, HTMLStyle, Look


def test_a_shared_layout_refuses_any_change_once_made_so_one_widget_cannot_hide_the_others():
    layout = FixedLayout(width="130px")
    assert layout.width == "130px"
    for name, value in (("display", "none"), ("width", "10px"), ("border", "1px solid red")):
        with pytest.raises(AttributeError, match="shared"):
            setattr(layout, name, value)
    assert layout.display is None and layout.width == "130px" and layout.border_top is None


def test_one_layout_per_set_of_css_values_and_one_style_per_kind():
    look = Look()
    assert look.layout() is look.layout()
    assert look.layout(width="auto", align_items="center") is look.layout(align_items="center", width="auto")
    assert look.layout(width="auto") is not look.layout()
    assert look.style(w.ButtonStyle) is look.style(w.ButtonStyle)
    assert isinstance(look.style(HTMLStyle), HTMLStyle)
    assert Look().layout() is not look.layout()  # each app its own: nothing shared between apps


def test_the_widgets_it_makes_share_them_and_carry_each_class():
    look = Look()
    a, b = look.html("<b>a</b>", "fk-one fk-two"), look.html("", "fk-three")
    button = look.button("Go", "fk-go", css={"width": "auto"}, button_style="success", icon="play")
    box = look.hbox([a, button], "fk-row", css={"align_items": "center"})
    assert a.layout is b.layout and a.style is b.style
    assert a._dom_classes == ("fk-one", "fk-two") and b._dom_classes == ("fk-three",)
    assert (button.button_style, button.icon, button.layout.width, button.style) == ("success", "play", "auto", look.style(w.ButtonStyle))
    assert box.children == (a, button) and box.layout.align_items == "center" and box._dom_classes == ("fk-row",)
    assert look.label("x").style is look.label("y").style
    assert look.vbox().layout is look.box().layout is a.layout
