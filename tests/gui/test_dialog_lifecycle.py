"""Non-modal dialogs open, close and reopen any number of times (issue 17:
Compare, close, Compare again raised "Internal C++ object already deleted")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget

from desktop.core.records import Problem
from desktop.services.import_pipeline import ImportReport
from desktop.services.importing import run_import

ROUNDS = 4


def _openers(window, pks: list[int]) -> dict[str, Callable[[], None]]:
    report = ImportReport(None, "/somewhere/mlruns")
    report.problems.append(Problem("/somewhere/mlruns/1/meta.yaml", "empty file"))
    return {
        "compare": lambda: window.open_compare(pks),
        "shortcuts": window.show_shortcuts,
        "about": window._about,
        "problems": lambda: window._on_import_finished(report),
    }


def _close_and_wait(qtbot, dialog: QWidget) -> None:
    """Close a dialog and wait until Qt has deleted it (WA_DeleteOnClose)."""
    gone: list[bool] = []
    dialog.destroyed.connect(lambda *_: gone.append(True))
    dialog.close()
    qtbot.waitUntil(lambda: bool(gone), timeout=10_000)


@pytest.mark.parametrize("kind", ["compare", "shortcuts", "about", "problems"])
def test_open_close_reopen(qtbot, window, store, sample_mlruns, kind: str) -> None:
    run_import(store, sample_mlruns, workers=1)
    with store.engine.connect() as conn:
        pks = conn.exec_driver_sql("SELECT id FROM runs LIMIT 2").scalars().all()
    open_dialog = _openers(window, list(pks))[kind]
    for _round in range(ROUNDS):
        before = set(map(id, window.findChildren(QWidget)))
        open_dialog()
        dialog = next(
            w
            for w in window.findChildren(QWidget)
            if id(w) not in before and w.isWindow() and w.isVisible()
        )
        _close_and_wait(qtbot, dialog)
    # Two at once, closed in the other order, then one more.
    open_dialog()
    open_dialog()
    for dialog in [w for w in window.findChildren(QWidget) if w.isWindow()][::-1]:
        if dialog is not window and dialog.isVisible():
            _close_and_wait(qtbot, dialog)
    open_dialog()
    assert all(d.isVisible() for d in window._dialogs)
