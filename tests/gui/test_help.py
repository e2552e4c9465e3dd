"""Help ▸ Keyboard shortcuts and About, and the shortcuts pressed on the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from desktop import __version__
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.help import AboutDialog, ShortcutsDialog
from tests.gui.conftest import wait_for_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

CTRL = Qt.KeyboardModifier.ControlModifier


def native(text: str) -> str:
    return QKeySequence(text).toString(QKeySequence.SequenceFormat.NativeText)


@pytest.fixture
def loaded(qtbot, window, search_mlruns):
    """The main window with the 40-run experiment shown and active."""
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.import_paths([str(search_mlruns)])
    qtbot.waitUntil(lambda: bool(window.runs.experiment_pks), timeout=15_000)
    wait_for_runs(qtbot, window, 39)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def shortcuts_dialog(qtbot, window) -> ShortcutsDialog:
    window.shortcuts_action.trigger()
    dialogs = [d for d in window._dialogs if isinstance(d, ShortcutsDialog)]
    assert dialogs
    return dialogs[-1]


def test_the_shortcuts_dialog_lists_every_menu_shortcut(qtbot, window):
    dialog = shortcuts_dialog(qtbot, window)
    assert dialog.isVisible()
    rows = dialog.rows()
    by_keys = {keys: what for _where, what, keys in rows}
    for keys, what in (
        ("Ctrl+O", "Open folder…"),
        ("Ctrl+Shift+O", "Open database…"),
        ("Ctrl+F", "Filter runs"),
        ("Ctrl+D", "Compare selected runs"),
        ("F5", "Refresh"),
        ("Ctrl+I", "Run details"),
        ("Ctrl+C", "Copy"),
        ("Ctrl+/", "Keyboard shortcuts"),
    ):
        assert by_keys.get(native(keys)) == what, keys
    assert any("↑ ↓" in keys and "details follow" in what for _w, what, keys in rows)
    # Generated from the real actions: every action with a shortcut that is in
    # a menu or on a view of the main window is listed.
    listed = {(what, keys) for _w, what, keys in rows}
    for action in window.findChildren(QAction):
        places = [
            o
            for o in action.associatedObjects()
            if isinstance(o, QMenu) or (o.window() is window and o is not window)
        ]
        if action.shortcuts() and places:
            text = action.text().replace("&", "")
            keys = ", ".join(
                s.toString(QKeySequence.SequenceFormat.NativeText)
                for s in action.shortcuts()
            )
            assert (text, keys) in listed, text


def test_shortcuts_dialog_opens_with_its_own_shortcut(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Slash, CTRL)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, ShortcutsDialog) and w.isVisible()
            for w in QApplication.topLevelWidgets()
        )
    )


def test_about_shows_versions_and_copies_them(qtbot, window):
    window.about_action.trigger()
    dialog = next(d for d in window._dialogs if isinstance(d, AboutDialog))
    text = dialog.details.toPlainText()
    assert __version__ in text
    assert str(window.store.path) in text
    import numpy
    import pyqtgraph
    import sqlalchemy
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    for name, version in (
        ("Qt", qVersion()),
        ("PySide6", pyside_version),
        ("pyqtgraph", pyqtgraph.__version__),
        ("SQLAlchemy", sqlalchemy.__version__),
        ("numpy", numpy.__version__),
    ):
        assert any(
            line.split()[0] == name and line.split()[-1] == version
            for line in text.splitlines()
        ), name
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == text


def test_ctrl_f_focuses_the_filter(qtbot, loaded):
    window = loaded
    window.runs.table.setFocus()
    window.runs.filter_edit.setText("rf")
    qtbot.keyClick(window.runs.table, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.runs.filter_edit.hasFocus)
    assert window.runs.filter_edit.selectedText() == "rf"


def test_f5_refreshes_every_source(qtbot, loaded):
    window = loaded
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as blocker:
        qtbot.keyClick(window.runs.table, Qt.Key.Key_F5)
    assert blocker.args[0].runs_total == 40
    assert blocker.args[0].runs_read == 0  # nothing changed on disk


def test_ctrl_o_asks_for_a_folder(qtbot, loaded, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        staticmethod(lambda *a, **k: asked.append(a) or ""),
    )
    qtbot.keyClick(loaded.runs.table, Qt.Key.Key_O, CTRL)
    qtbot.waitUntil(lambda: len(asked) == 1)


def test_ctrl_d_compares_the_selected_runs(qtbot, loaded):
    window = loaded
    pks = window.runs.model.run_pks()[:3]
    window.runs.select_runs(set(pks))
    qtbot.keyClick(window.runs.table, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(lambda: any(isinstance(d, CompareDialog) for d in window._dialogs))
    dialog = next(d for d in window._dialogs if isinstance(d, CompareDialog))
    assert sorted(dialog.run_pks) == sorted(pks)


def test_arrows_move_through_runs_and_the_details_follow(qtbot, loaded):
    window = loaded
    table = window.runs.table
    model = window.runs.model
    window.runs.show_run(model.run_pks()[0])
    table.setFocus()
    qtbot.waitUntil(lambda: not window.detail.is_loading(), timeout=15_000)
    for row in (1, 2):
        qtbot.keyClick(table, Qt.Key.Key_Down)
        assert table.currentIndex().row() == row
        expected = model.row_data(row).run_name
        qtbot.waitUntil(
            lambda name=expected: (
                window.detail.overview is not None
                and window.detail.overview.detail.run_name == name
            ),
            timeout=15_000,
        )
    qtbot.keyClick(table, Qt.Key.Key_Up)
    assert table.currentIndex().row() == 1
    qtbot.waitUntil(
        lambda: window.detail.overview.detail.run_name == model.row_data(1).run_name,
        timeout=15_000,
    )


def test_ctrl_i_toggles_the_details(qtbot, loaded):
    window = loaded
    assert not window.detail.isVisible()  # no run picked yet: it takes no room
    qtbot.keyClick(window.runs.table, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(window.detail.isVisible)
    qtbot.keyClick(window.runs.table, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: not window.detail.isVisible())


def test_ctrl_c_copies_the_selected_cells(qtbot, loaded):
    window = loaded
    table = window.runs.table
    model = window.runs.model
    window.runs.select_runs(set(model.run_pks()[:2]))
    table.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(table, Qt.Key.Key_C, CTRL)
    qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()))
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == 3  # the header and two rows
    column = lines[0].split("\t").index("Run Name")
    names = {model.row_data(r).run_name for r in (0, 1)}
    assert {line.split("\t")[column] for line in lines[1:]} == names
