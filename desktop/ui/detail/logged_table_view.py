"""A logged MLflow table shown as a table: sortable columns, numbers right-aligned,
a toggle to the raw JSON. The view is virtual (only visible rows are painted), so
tables of hundreds of thousands of rows scroll smoothly."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.logged_tables import Cell, cell_text, is_number, sort_key
from desktop.ui.detail.preview_widgets import info_label, monospace_font

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
_NUMBER = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_TEXT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_GAP = QColor(128, 128, 128, 40)
"""The shade of a row a table lacks (in aligned tables), in light and dark themes."""
MAX_COLUMN_WIDTH = 320
FIT_SAMPLE_ROWS = 200


class CellsModel(QAbstractTableModel):
    """Rows of typed cells (``None`` rows are gaps, shown empty) that sort by
    value: numbers numerically, then text, empty cells last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: list[str] = []
        self.rows: list[Sequence[Cell] | None] = []
        self.labels: list[str] | None = None

    def reset(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[Cell] | None],
        labels: Sequence[str] | None = None,
    ) -> None:
        """Show ``rows`` under ``columns``; ``labels`` name the rows (else 1, 2…)."""
        self.beginResetModel()
        self.columns = list(columns)
        self.rows = list(rows)
        self.labels = list(labels) if labels is not None else None
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def value(self, row: int, column: int) -> Cell:
        """The cell's value (``None`` for a gap)."""
        cells = self.rows[row]
        if cells is None or column >= len(cells):
            return None
        return cells[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.value(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMBER if is_number(value) else _TEXT
        if role == Qt.ItemDataRole.BackgroundRole and self.rows[index.row()] is None:
            return _GAP
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if section < len(self.columns) else None
        if self.labels is not None and section < len(self.labels):
            return self.labels[section]
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder):
        """Sort the rows by ``column`` (gaps stay last)."""
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        labels = list(self.labels) if self.labels is not None else None
        filled = [i for i, row in enumerate(self.rows) if row is not None]
        gaps = [i for i, row in enumerate(self.rows) if row is None]
        keys = [sort_key(self.value(i, column)) for i in filled]
        order_of = sorted(
            range(len(filled)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        filled = [filled[i] for i in order_of]
        permutation = filled + gaps
        self.rows = [self.rows[i] for i in permutation]
        if labels is not None:
            self.labels = [labels[i] for i in permutation]
        self.layoutChanged.emit()


def make_table_view(model: CellsModel, parent: QWidget, name: str) -> QTableView:
    """A read-only, sortable, virtual table view on ``model``."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setWordWrap(False)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicatorShown(True)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = table.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 6)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def fit_columns(table: QTableView, model: CellsModel) -> None:
    """Widen each column to its title and first rows (capped)."""
    metrics = table.fontMetrics()
    sample = [r for r in model.rows[:FIT_SAMPLE_ROWS] if r is not None]
    for column, title in enumerate(model.columns):
        texts = [title] + [cell_text(r[column]) for r in sample if column < len(r)]
        width = max(metrics.horizontalAdvance(t[:80]) for t in texts) + 28
        table.setColumnWidth(column, min(width, MAX_COLUMN_WIDTH))


class LoggedTablePreview(QWidget):
    """A logged table, with a button switching to its raw JSON."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loggedTablePreview")
        self.info = info_label(self, "loggedTableInfo")
        self.raw_button = QPushButton(self.tr("Raw JSON"), self)
        self.raw_button.setObjectName("loggedTableRawButton")
        self.raw_button.setCheckable(True)
        self.raw_button.setToolTip(self.tr("Show the file as it is written"))
        self.raw_button.toggled.connect(self._on_raw_toggled)
        self.model = CellsModel(self)
        self.table = make_table_view(self.model, self, "loggedTable")
        self.raw = QPlainTextEdit(self)
        self.raw.setObjectName("loggedTableRaw")
        self.raw.setReadOnly(True)
        self.raw.setFont(monospace_font())
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.raw)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.info, 1)
        bar.addWidget(self.raw_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

    def set_table(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        info: str,
        raw_text: str,
    ) -> None:
        """Show a table, its info line and (behind the toggle) its raw text."""
        self.model.reset(columns, rows)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        fit_columns(self.table, self.model)
        self.table.scrollToTop()
        self.info.setText(info)
        self.raw.setPlainText(raw_text)
        self.raw_button.setChecked(False)
        self.stack.setCurrentWidget(self.table)

    def showing_raw(self) -> bool:
        """Whether the raw JSON is shown instead of the table."""
        return self.stack.currentWidget() is self.raw

    def _on_raw_toggled(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.raw if on else self.table)
