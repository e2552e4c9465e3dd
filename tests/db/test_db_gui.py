"""Dropping an ``mlflow.db`` on the main window imports it like a folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent

from tests.db.db_writer import WrittenDb
from tests.gui.conftest import private_settings, wait_for_runs, window  # noqa: F401
from tests.gui.test_main_window import import_by_drop, tree_items


def test_dropped_database_shows_its_experiments_and_runs(
    qtbot,
    window,  # noqa: F811 (the fixture imported above)
    db_copy: WrittenDb,
) -> None:
    report = import_by_drop(qtbot, window, db_copy.path)
    assert report.problems == []
    items = tree_items(window)
    assert list(items) == ["project/mlflow.db"]
    names = items["project/mlflow.db"]
    assert any(name.startswith("database-only  (3)") for name in names)
    proxy = window.experiments.proxy
    source = proxy.index(0, 0)
    for row in range(proxy.rowCount(source)):
        index = proxy.index(row, 0, source)
        if str(index.data()).startswith("database-only"):
            window.experiments.tree.setCurrentIndex(index)
            break
    wait_for_runs(qtbot, window, count=3)
    shown = {
        window.runs.model.index(r, 0).data(Qt.ItemDataRole.DisplayRole)
        for r in range(window.runs.model.rowCount())
    }
    assert {"long-history", "tag-edited", "from-the-tag"} <= {str(s) for s in shown}


def test_dropped_non_database_file_is_refused(qtbot, window, tmp_path) -> None:  # noqa: F811
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(text))])
    enter = QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()
