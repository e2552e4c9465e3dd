"""Round trips: from the compare dialog back to the runs table, and between tabs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.compare.dialog import CompareDialog
from tests.gui.conftest import wait_for_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def loaded(qtbot, window, search_mlruns):
    """The main window with the 40-run experiment shown, 600 px tall."""
    window.resize(1100, 600)
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.import_paths([str(search_mlruns)])
    qtbot.waitUntil(lambda: bool(window.runs.experiment_pks), timeout=15_000)
    wait_for_runs(qtbot, window, 39)
    return window


def test_select_in_runs_table_scrolls_to_the_runs_and_raises_the_window(qtbot, loaded):
    window = loaded
    table = window.runs.table
    pks = window.runs.model.run_pks()[-3:]  # the bottom of the table
    window.open_compare(pks)
    dialog = next(w for w in window._dialogs if isinstance(w, CompareDialog))
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15_000)
    dialog.activateWindow()
    section = dialog.show_section("parallel")
    section.item.set_brush(0, 0.0, 1.0)  # the runs with a value on the first axis
    brushed = section.kept_pks()
    assert brushed
    table.scrollToTop()
    first_row = min(window.runs.model.run_pks().index(pk) for pk in brushed)
    assert table.rowAt(table.viewport().height() - 1) < first_row  # out of view

    qtbot.mouseClick(section.select_button, Qt.MouseButton.LeftButton)

    assert window.runs.selected_pks() == set(brushed)
    rect = table.visualRect(window.runs.model.index(first_row, 1))
    assert table.viewport().rect().contains(rect.center())
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


@pytest.fixture
def dialog(open_dialog):
    return open_dialog(["a-run-00", "a-run-01", "b-run-00"])


def _focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_ctrl_tab_switches_tabs_from_the_table(qtbot, dialog):
    view = dialog.table.view
    rect = view.visualRect(dialog.table.model.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    current = view.currentIndex()
    assert dialog.tabs.currentIndex() == 0
    qtbot.keyClick(view, Qt.Key.Key_Tab, CTRL)
    assert dialog.tabs.currentIndex() == 1
    assert view.currentIndex() == current  # the cell stayed put


@pytest.mark.parametrize("where", ["table", "filter", "plot"])
def test_tab_keys_switch_tabs_wherever_focus_is(qtbot, dialog, where):
    widget = {
        "table": lambda: dialog.table.view,
        "filter": lambda: dialog.table.filter_edit,
        "plot": lambda: dialog.show_section("scatter").graphics,
    }[where]()
    start = dialog.tabs.currentIndex()
    _focus(qtbot, widget)
    count = dialog.tabs.count()

    qtbot.keyClick(widget, Qt.Key.Key_Tab, CTRL)
    assert dialog.tabs.currentIndex() == (start + 1) % count
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    assert dialog.tabs.currentIndex() == (start + 2) % count
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert dialog.tabs.currentIndex() == (start + 1) % count
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, CTRL)
    assert dialog.tabs.currentIndex() == start
    for n in (5, 1, 3):
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{n}"), CTRL)
        assert dialog.tabs.currentIndex() == n - 1
