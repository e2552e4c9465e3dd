"""Export runs as CSV: ask where, write the file in the background, report the outcome.

Its messages keep the main window's translation context (they were its own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from desktop.ui.i18n import describe

if TYPE_CHECKING:
    from desktop.services.store_handle import OpenStore

translate = QCoreApplication.translate


class CsvExport(QObject):
    """Writes runs of the open store to a CSV file the user picks."""

    written = Signal(int, str)
    """The file is written: how many runs, and where (the window says so)."""

    def __init__(self, store: OpenStore, window: QMainWindow) -> None:
        super().__init__(window)
        self._store = store
        self._window = window

    def export(self, pks: list[int]) -> None:
        """Export the runs ``pks`` (every run that matches the filter)."""
        window = self._window
        if not pks:
            QMessageBox.information(
                window,
                translate("MainWindow", "Export"),
                translate("MainWindow", "No runs match the filter."),
            )
            return
        path, _ = QFileDialog.getSaveFileName(
            window,
            translate("MainWindow", "Export runs as CSV"),
            "runs.csv",
            "CSV (*.csv)",
        )
        if not path:
            return
        from desktop.services.exporting import export_csv
        from desktop.ui.workers import LatestOnly

        store = self._store
        exporter = LatestOnly(self)

        def work() -> int:
            with open(path, "w", encoding="utf-8", newline="") as out:
                return export_csv(store, out, run_pks=pks)

        exporter.finished.connect(lambda n: self.written.emit(n, path))
        exporter.failed.connect(
            lambda exc: QMessageBox.warning(
                window, translate("MainWindow", "Export failed"), describe(exc)
            )
        )
        exporter.submit(work)
