"""What belongs to a store stays with it; recent sources that are gone say so."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from desktop.store.database import Store
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.gui.conftest import wait_for_runs
from tests.gui.test_main_window import click_header, shown_names
from tests.gui.test_sorting import (
    RUNS,
    close,
    open_window,
    ranked,
    show_models,
    write_models_mlruns,
)

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def titles(win) -> list[str]:
    model = win.runs.model
    return [
        model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(model.columnCount())
    ]


def hide_column(qtbot, win, title: str) -> None:
    """Right-click a cell of the column and choose Hide column."""
    table = win.runs.table
    column = titles(win).index(title)
    table.scrollTo(win.runs.model.index(0, column))
    pos = table.visualRect(win.runs.model.index(0, column)).center()

    def choose():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        next(a for a in menu.actions() if a.text() == "Hide column").trigger()
        menu.close()

    QTimer.singleShot(200, choose)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, table.viewport().mapToGlobal(pos)
    )
    QApplication.sendEvent(table.viewport(), event)
    qtbot.waitUntil(lambda: title not in titles(win))


def sorted_section(win) -> int:
    return win.runs.table.horizontalHeader().sortIndicatorSection()


def test_two_stores_keep_their_own_columns_and_sort(qtbot, tmp_path):
    # The same folder in both stores: only the store tells the layouts apart.
    root = write_models_mlruns(tmp_path / "mlruns")
    first, second = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")

    win = open_window(qtbot, first)
    show_models(qtbot, win, root)
    hide_column(qtbot, win, "accuracy")
    click_header(qtbot, win, "val_loss")
    wait_for_runs(qtbot, win, len(RUNS))
    assert shown_names(win) == ranked(3, highest_first=False)
    close(win)

    other = open_window(qtbot, second)
    qtbot.waitUntil(other.welcome_shown)
    assert other.welcome.recent_locations() == []  # the first store's, not here
    show_models(qtbot, other, root)
    assert "accuracy" in titles(other)
    assert sorted_section(other) == -1
    assert shown_names(other) == ranked(0, highest_first=True)  # newest first
    close(other)

    again = open_window(qtbot, first)
    show_models(qtbot, again, root)
    assert "accuracy" not in titles(again)
    assert titles(again)[sorted_section(again)] == "val_loss"
    assert shown_names(again) == ranked(3, highest_first=False)
    again.recent_menu.aboutToShow.emit()  # File ▸ Recent sources
    assert [a.text() for a in again.recent_menu.actions()] == [str(root)]
    close(again)
    first.close()
    second.close()


def test_a_missing_recent_source_says_so_and_can_be_removed(
    qtbot, store, tmp_path, monkeypatch
):
    gone = write_models_mlruns(tmp_path / "gone" / "mlruns")
    kept = write_models_mlruns(tmp_path / "kept" / "mlruns")
    win = MainWindow(store, Settings())
    win.settings.add_recent_source(str(kept))
    win.settings.add_recent_source(str(gone))
    shutil.rmtree(gone.parent)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.welcome_shown)
    recent = win.welcome.recent
    assert recent.item(0).text() == f"{gone} (missing)"
    assert recent.item(1).text() == str(kept)

    # Choosing it says it is missing (and imports nothing); the user keeps it.
    asked: list[str] = []

    def keep(_parent, title, text, *args, **kwargs):
        asked.append(f"{title}: {text}")
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(keep))
    rect = recent.visualItemRect(recent.item(0))
    qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(asked) == 1
    assert "no longer exists" in asked[0]
    assert str(gone) in asked[0]
    assert not win.importer.is_running()
    assert win.welcome_shown()

    # The File menu marks it too; Delete on the welcome list removes it.
    win.recent_menu.aboutToShow.emit()  # what opening File ▸ Recent sources does
    texts = [a.text() for a in win.recent_menu.actions()]
    assert f"{gone} (missing)" in texts
    assert "Remove missing sources" in texts
    recent.setCurrentRow(0)
    recent.setFocus()
    qtbot.waitUntil(recent.hasFocus)
    qtbot.keyClick(recent, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: win.welcome.recent_locations() == [str(kept)])
    assert win.settings.recent_sources() == [str(kept)]
    close(win)


def test_choosing_a_missing_source_can_remove_it(qtbot, store, tmp_path, monkeypatch):
    gone = tmp_path / "gone" / "mlruns"
    settings = Settings()
    win = MainWindow(store, settings)
    win.settings.add_recent_source(str(gone))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.welcome_shown)
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes),
    )
    menu = win.recent_menu
    menu.aboutToShow.emit()  # what opening File ▸ Recent sources does
    action = next(a for a in menu.actions() if a.text() == f"{gone} (missing)")
    action.trigger()
    qtbot.waitUntil(lambda: win.welcome.recent_locations() == [])
    assert not win.welcome.recent.isVisible()
    assert not win.importer.is_running()
    close(win)


def test_right_click_removes_a_recent_source(qtbot, store, tmp_path):
    gone = tmp_path / "gone" / "mlruns"
    win = MainWindow(store, Settings())
    win.settings.add_recent_source(str(gone))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.welcome_shown)
    recent = win.welcome.recent
    pos = recent.visualItemRect(recent.item(0)).center()

    def choose():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        next(
            a for a in menu.actions() if a.text() == "Remove from recent sources"
        ).trigger()
        menu.close()

    QTimer.singleShot(200, choose)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, recent.viewport().mapToGlobal(pos)
    )
    QApplication.sendEvent(recent.viewport(), event)
    qtbot.waitUntil(lambda: win.welcome.recent_locations() == [])
    close(win)


def test_window_state_is_kept_per_store():
    settings = Settings()
    first, second = settings.for_store("store-a"), settings.for_store("store-b")
    first.save_window(QByteArray(b"geometry-a"), QByteArray(b"state-a"), QByteArray())
    # A store opened for the first time starts from the last window seen...
    assert second.geometry() == QByteArray(b"geometry-a")
    second.save_window(QByteArray(b"geometry-b"), QByteArray(b"state-b"), QByteArray())
    # ...and from then on each store has its own.
    assert first.geometry() == QByteArray(b"geometry-a")
    assert first.window_state() == QByteArray(b"state-a")
    assert second.window_state() == QByteArray(b"state-b")
