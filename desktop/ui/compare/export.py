"""The Export menu of each compare section: the plot as PNG or SVG, data as CSV."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton, QWidget

from desktop.analysis.tabular import write_csv
from desktop.ui.i18n import describe
from desktop.ui.plot_export import export_plot
from desktop.ui.workers import LatestOnly

ExportTarget = Callable[[], "pg.GraphicsItem | None"]
CsvRows = Callable[[], "Iterable[Sequence[object]] | None"]
IMAGE_SCALE = 2  # PNGs at twice the on-screen size


class ExportButton(QToolButton):
    """A tool button with a menu exporting a plot (PNG, SVG) and its data (CSV)."""

    exported = Signal(str)
    """A file was written; payload: its path."""

    def __init__(
        self, name: str, target: ExportTarget, csv_rows: CsvRows, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._target = target
        self._csv_rows = csv_rows
        self.setText(self.tr("Export"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        menu.addAction(self.tr("Image (PNG)…"), self._on_png)
        menu.addAction(self.tr("Vector image (SVG)…"), self._on_svg)
        menu.addAction(self.tr("Data (CSV)…"), self._on_csv)
        self.setMenu(menu)
        self._writer = LatestOnly(self)
        self._writer.finished.connect(lambda path: self.exported.emit(str(path)))
        self._writer.failed.connect(lambda exc: self._on_failed(describe(exc)))

    # -- the work, callable from tests ---------------------------------------------
    def export_png(self, path: str | Path) -> None:
        """Render the plot to a PNG at twice its on-screen size."""
        item = self._target()
        if item is None:
            return
        exporter = pg_exporters.ImageExporter(item)
        width = int(exporter.parameters()["width"])
        exporter.parameters()["width"] = max(1, width * IMAGE_SCALE)
        exporter.export(str(path))
        self.exported.emit(str(path))

    def export_svg(self, path: str | Path) -> None:
        """Write the plot as SVG (drawn by Qt's SVG generator)."""
        item = self._target()
        if item is None:
            return
        export_plot(item, str(path))
        self.exported.emit(str(path))

    def export_csv(self, path: str | Path) -> None:
        """Write the plot's data as CSV on a worker thread (``exported`` follows)."""
        rows = self._csv_rows()
        if rows is None:
            return
        target = str(path)

        def write() -> str:
            write_csv(target, rows)
            return target

        self._writer.submit(write)

    # -- menu ------------------------------------------------------------------------
    def _ask(self, title: str, suffix: str, pattern: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self, title, f"{self.name}.{suffix}", pattern
        )
        if not path:
            return None
        return path if path.lower().endswith(f".{suffix}") else f"{path}.{suffix}"

    def _on_png(self) -> None:
        path = self._ask(self.tr("Export image"), "png", self.tr("PNG images (*.png)"))
        if path:
            self._guard(self.export_png, path)

    def _on_svg(self) -> None:
        path = self._ask(self.tr("Export SVG"), "svg", self.tr("SVG images (*.svg)"))
        if path:
            self._guard(self.export_svg, path)

    def _on_csv(self) -> None:
        path = self._ask(self.tr("Export data"), "csv", self.tr("CSV files (*.csv)"))
        if path:
            self._guard(self.export_csv, path)

    def _guard(self, action: Callable[[str], None], path: str) -> None:
        try:
            action(path)
        except OSError as exc:
            self._on_failed(str(exc))

    def _on_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Export failed"), message)
