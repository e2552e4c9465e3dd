"""The compare dialog's tabs come from the section registry; unknown names fail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui.compare.sections import SECTIONS, UnknownSection, section_spec
from desktop.ui.i18n import translated


@pytest.fixture
def dialog(open_dialog):
    return open_dialog(["a-run-00", "a-run-01", "b-run-00"])


def test_one_tab_per_registered_section_each_built_when_clicked(qtbot, dialog):
    tabs = dialog.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        translated(s.title) for s in SECTIONS
    ]
    bar = tabs.tabBar()
    for index, spec in enumerate(SECTIONS):
        qtbot.mouseClick(
            bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center()
        )
        section = getattr(dialog, spec.name)
        assert tabs.currentIndex() == index
        assert section.isVisible()
        assert dialog.show_section(spec.name) is section


def test_an_unknown_section_is_a_clear_error_not_the_importance_tab(dialog):
    shown = dialog.tabs.currentIndex()
    with pytest.raises(UnknownSection) as error:
        dialog.show_section("importnace")
    message = str(error.value)
    assert "'importnace'" in message
    assert all(s.name in message for s in SECTIONS)
    assert dialog.tabs.currentIndex() == shown
    assert "importance" not in dialog._sections  # nothing was built for it
    with pytest.raises(UnknownSection):
        section_spec("charts")
