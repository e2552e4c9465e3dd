"""Starring, hiding and annotating runs through the runs table and the detail
dock: the star cell, the S key, the context menu, the note dialog, Show hidden
runs and a ``local.`` filter typed in the filter box."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from desktop.ui.help import shortcut_entries
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.gui.conftest import wait_for_runs
from tests.gui.test_main_window import (
    click_experiment,
    column_of,
    import_by_drop,
    shown_names,
)

pytestmark = pytest.mark.usefixtures("in_process_imports")


def _open(qtbot, window, search_mlruns):
    import_by_drop(qtbot, window, search_mlruns)
    click_experiment(qtbot, window, "search")
    wait_for_runs(qtbot, window, 39)


def _row_of(window, name: str) -> int:
    return shown_names(window).index(name)


def _cell(window, row: int, title: str):
    return window.runs.model.index(row, column_of(window, title))


def _click_cell(qtbot, window, index) -> None:
    table = window.runs.table
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(index).center(),
    )


def _select(qtbot, window, *names: str) -> None:
    rows = {window.runs.model.pk_at(_row_of(window, n)) for n in names}
    window.runs.select_runs(rows)
    qtbot.waitUntil(lambda: window.runs.selected_pks() == rows)


def _menu_action(qtbot, window, row: int, object_name: str) -> None:
    """Right-click the run name of ``row`` and trigger an action of the menu."""
    table = window.runs.table
    index = window.runs.model.index(row, 0)
    table.scrollTo(index)
    pos = table.visualRect(index).center()
    chosen: list[str] = []

    def choose():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.objectName() == object_name)
        chosen.append(action.text())
        menu.close()
        action.trigger()

    QTimer.singleShot(200, choose)
    table.customContextMenuRequested.emit(pos)
    qtbot.waitUntil(lambda: bool(chosen))


def _tree_digest(root) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_clicking_the_star_cell_stars_and_unstars(qtbot, window, search_mlruns):
    before = _tree_digest(search_mlruns)
    _open(qtbot, window, search_mlruns)
    assert column_of(window, "★") == 1  # right after the run name
    row = _row_of(window, "rf_max_depth_4")
    assert _cell(window, row, "★").data() == ""
    _click_cell(qtbot, window, _cell(window, row, "★"))
    qtbot.waitUntil(
        lambda: _cell(window, _row_of(window, "rf_max_depth_4"), "★").data() == "★"
    )
    wait_for_runs(qtbot, window, 39)
    index = _cell(window, _row_of(window, "rf_max_depth_4"), "★")
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignCenter
    )
    # The filter box finds it.
    window.runs.filter_edit.clear()
    qtbot.keyClicks(window.runs.filter_edit, "local.starred = true")
    wait_for_runs(qtbot, window, 1)
    assert shown_names(window) == ["rf_max_depth_4"]
    # One more click unstars it: the filter now finds nothing.
    _click_cell(qtbot, window, _cell(window, 0, "★"))
    wait_for_runs(qtbot, window, 0)
    assert _tree_digest(search_mlruns) == before  # the source is never written


def test_the_s_key_stars_the_selected_runs(qtbot, window, search_mlruns):
    _open(qtbot, window, search_mlruns)
    listed = [(s.where, s.what, s.keys) for s in shortcut_entries(window)]
    assert ("Runs table", "Star / unstar", "S") in listed
    _select(qtbot, window, "rf_max_depth_1", "rf_max_depth_2")
    window.runs.table.setFocus()
    qtbot.keyClick(window.runs.table, Qt.Key.Key_S)
    wait_for_runs(qtbot, window, 39)
    qtbot.waitUntil(
        lambda: all(
            _cell(window, _row_of(window, n), "★").data() == "★"
            for n in ("rf_max_depth_1", "rf_max_depth_2")
        )
    )
    starred = [
        n for r, n in enumerate(shown_names(window)) if _cell(window, r, "★").data()
    ]
    assert sorted(starred) == ["rf_max_depth_1", "rf_max_depth_2"]
    # Again: both were starred, so both are unstarred.
    qtbot.keyClick(window.runs.table, Qt.Key.Key_S)
    qtbot.waitUntil(
        lambda: (
            not any(
                _cell(window, r, "★").data()
                for r in range(window.runs.model.rowCount())
            )
        )
    )


def test_context_menu_stars_hides_and_notes_and_show_hidden_dims(
    qtbot, window, search_mlruns
):
    _open(qtbot, window, search_mlruns)
    _select(qtbot, window, "LGBM_lr_3", "LGBM_lr_6")
    _menu_action(qtbot, window, _row_of(window, "LGBM_lr_3"), "starRunsAction")
    wait_for_runs(qtbot, window, 39)
    qtbot.waitUntil(
        lambda: _cell(window, _row_of(window, "LGBM_lr_6"), "★").data() == "★"
    )

    # Edit note… on one run: the dialog writes it, the Note column shows it.
    _select(qtbot, window, "rf_max_depth_2")
    _menu_action(qtbot, window, _row_of(window, "rf_max_depth_2"), "editNoteAction")
    qtbot.waitUntil(lambda: window.runs.note_dialog is not None)
    dialog = window.runs.note_dialog
    assert dialog.edit.toPlainText() == ""
    qtbot.keyClicks(dialog.edit, "the baseline run")
    dialog.accept()
    wait_for_runs(qtbot, window, 39)
    window.runs.set_columns([*window.runs.model.columns(), _note_column()])
    wait_for_runs(qtbot, window, 39)
    note = _cell(window, _row_of(window, "rf_max_depth_2"), "Note")
    qtbot.waitUntil(lambda: note.data() == "the baseline run")
    assert note.data(Qt.ItemDataRole.ToolTipRole) == "the baseline run"

    # Hide: the run leaves the table; the status bar says so.
    _menu_action(qtbot, window, _row_of(window, "rf_max_depth_2"), "hideRunsAction")
    wait_for_runs(qtbot, window, 38)
    assert "rf_max_depth_2" not in shown_names(window)
    qtbot.waitUntil(lambda: "1 hidden" in window.counts_label.text())
    assert window.counts_label.text().startswith("38 of 38 runs")

    # View ▸ Show hidden runs: back, dimmed, and Unhide puts it back for good.
    window.show_hidden_action.trigger()
    wait_for_runs(qtbot, window, 39)
    row = _row_of(window, "rf_max_depth_2")
    brush = window.runs.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert brush is not None
    assert brush.color().name() == "#8a8f98"
    other = window.runs.model.index(_row_of(window, "rf_max_depth_1"), 0)
    assert other.data(Qt.ItemDataRole.ForegroundRole) is None
    assert "1 hidden" in window.counts_label.text()
    _select(qtbot, window, "rf_max_depth_2")
    _menu_action(qtbot, window, row, "unhideRunsAction")
    wait_for_runs(qtbot, window, 39)
    window.show_hidden_action.trigger()
    wait_for_runs(qtbot, window, 39)
    assert "hidden" not in window.counts_label.text()

    # The note filter, typed in the filter box.
    window.runs.filter_edit.clear()
    qtbot.keyClicks(window.runs.filter_edit, "local.note LIKE '%baseline%'")
    wait_for_runs(qtbot, window, 1)
    assert shown_names(window) == ["rf_max_depth_2"]


def _note_column():
    from desktop.core.columns import Column

    return Column("local", "note")


def test_show_hidden_is_remembered(qtbot, store, search_mlruns):
    first = MainWindow(store, Settings())
    qtbot.addWidget(first)
    first.show()
    assert not first.show_hidden_action.isChecked()
    first.show_hidden_action.trigger()
    assert first.runs.show_hidden.isChecked()
    first.close()
    second = MainWindow(store, Settings())
    qtbot.addWidget(second)
    assert second.show_hidden_action.isChecked()
    assert second.runs.show_hidden.isChecked()
    second.close()


def test_the_detail_dock_stars_and_edits_the_note(qtbot, window, search_mlruns):
    _open(qtbot, window, search_mlruns)
    row = _row_of(window, "rf_max_depth_5")
    _click_cell(qtbot, window, window.runs.model.index(row, 0))
    page = window.detail.overview_page
    qtbot.waitUntil(
        lambda: (
            page.field_text("name").startswith("rf_max_depth_5")
            and window.detail.overview is not None
        )
    )
    assert page.star_button.text() == "☆"
    assert page.field_text("note") == "—"
    qtbot.mouseClick(page.star_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.star_button.text() == "★")
    wait_for_runs(qtbot, window, 39)
    assert _cell(window, _row_of(window, "rf_max_depth_5"), "★").data() == "★"

    qtbot.mouseClick(page.note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.runs.note_dialog is not None)
    dialog = window.runs.note_dialog
    qtbot.keyClicks(dialog.edit, "seed 3 diverged")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.field_text("note") == "seed 3 diverged")
    # Emptying the note removes it.
    qtbot.mouseClick(page.note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.runs.note_dialog is not None)
    dialog = window.runs.note_dialog
    assert dialog.edit.toPlainText() == "seed 3 diverged"
    dialog.edit.clear()
    dialog.accept()
    qtbot.waitUntil(lambda: page.field_text("note") == "—")


def test_a_group_rows_menu_stars_its_runs(qtbot, window, search_mlruns):
    from desktop.core.columns import Column

    _open(qtbot, window, search_mlruns)
    window.runs.set_group_by((Column("param", "model"),))
    wait_for_runs(qtbot, window)
    model = window.runs.model
    group_row = next(r for r in range(model.rowCount()) if model.pk_at(r) < 0)
    members = set(model.runs_of_rows([group_row]))
    assert members
    _click_cell(qtbot, window, _cell(window, group_row, "★"))  # nothing to star
    _menu_action(qtbot, window, group_row, "starRunsAction")
    wait_for_runs(qtbot, window)
    window.runs.set_group_by(())
    window.runs.filter_edit.setText("local.starred = true")
    window.runs.requery()
    wait_for_runs(qtbot, window, len(members))
    assert set(model.run_pks()) == members
