"""The curves section's legend: a row per run with its colour, a visibility tick
and its value at the crosshair."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from desktop.core.formatting import format_number
from desktop.ui.run_colors import swatch


class RunLegend(QTreeWidget):
    """Run names with colour swatches; untick a run to hide its lines."""

    visibility_changed = Signal()
    """A run was ticked or unticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("curveLegend")
        self.setHeaderLabels([self.tr("Run"), self.tr("Value")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.itemChanged.connect(self._on_item_changed)

    def set_runs(
        self, names: Sequence[str], run_ids: Sequence[str], colors: Sequence[QColor]
    ) -> None:
        """One ticked row per run."""
        self.blockSignals(True)
        self.clear()
        for name, run_id, color in zip(names, run_ids, colors, strict=True):
            item = QTreeWidgetItem(self, [name, ""])
            item.setIcon(0, swatch(color))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(0, run_id)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        self.resizeColumnToContents(0)
        self.blockSignals(False)

    def names(self) -> list[str]:
        """The names listed, in order."""
        return [self.topLevelItem(i).text(0) for i in range(self.topLevelItemCount())]

    def visible_runs(self) -> list[bool]:
        """Which runs are ticked."""
        return [
            self.topLevelItem(i).checkState(0) == Qt.CheckState.Checked
            for i in range(self.topLevelItemCount())
        ]

    def show_values(self, values: Sequence[float | None]) -> None:
        """Each run's value at the crosshair (blank where it has none)."""
        self.blockSignals(True)
        for i, value in enumerate(values):
            text = "" if value is None else format_number(value)
            self.topLevelItem(i).setText(1, text)
        self.blockSignals(False)

    def _on_item_changed(self, _item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self.visibility_changed.emit()
