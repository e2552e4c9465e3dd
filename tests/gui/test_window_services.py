"""The main window gets the app's services from the composition root, hands them
to the views that need them, and stops what it owns when it closes."""

from __future__ import annotations

import multiprocessing
import os

from desktop.services.analysis_process import AnalysisProcess
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.gui.test_main_window import import_by_drop


def test_closing_the_window_stops_its_analysis_process(qtbot, store) -> None:
    analysis = AnalysisProcess()
    win = MainWindow(store, Settings(), analysis=analysis)
    qtbot.addWidget(win)
    win.show()
    assert analysis.run(os.getpid) != os.getpid()  # started, as importance does
    assert multiprocessing.active_children()
    win.close()
    assert not analysis.is_running()
    qtbot.waitUntil(lambda: multiprocessing.active_children() == [], timeout=10_000)


def test_compare_dialogs_compute_in_the_windows_analysis_process(
    qtbot, store, sample_mlruns
) -> None:
    analysis = AnalysisProcess()
    win = MainWindow(store, Settings(), analysis=analysis)
    qtbot.addWidget(win)
    win.show()
    import_by_drop(qtbot, win, sample_mlruns)
    with store.engine.connect() as conn:
        pks = [row[0] for row in conn.exec_driver_sql("SELECT id FROM runs LIMIT 2")]
    win.open_compare(pks)
    dialogs = win.findChildren(CompareDialog)
    assert [d.analysis for d in dialogs] == [analysis]
    win.close()
