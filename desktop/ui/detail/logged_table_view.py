"""A logged MLflow table shown as a table: sortable columns, numbers right-aligned,
a toggle to the raw JSON. The view is virtual (only visible rows are painted), so
tables of hundreds of thousands of rows scroll smoothly; the model keeps its rows
as read and shows them through a permutation, which a worker thread computes
(see :mod:`desktop.ui.detail.table_sorting`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.logged_tables import Cell, cell_text, is_number
from desktop.services.table_order import ColumnRanks, SortResult, sort_rows
from desktop.ui.detail.preview_widgets import info_label, monospace_font
from desktop.ui.detail.table_sorting import TableSorter

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
    value: numbers numerically, then text, empty cells last (gaps after them).

    ``rows`` stay in the order given; a sort only changes the permutation that
    maps a shown row to one of them (see :meth:`apply_order`).
    """

    sort_requested = Signal(int, object)
    """A view asked for ``(column, Qt.SortOrder)`` while :attr:`sorts_on_worker`
    is set: a :class:`TableSorter` computes the order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: list[str] = []
        self.rows: tuple[Sequence[Cell] | None, ...] = ()
        self.labels: list[str] | None = None
        self._order: np.ndarray | None = None
        self._ranks: dict[int, ColumnRanks] = {}
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None
        """The column and direction the rows are shown sorted by (``None``: as
        given)."""
        self.sorts_on_worker = False
        """Whether :meth:`sort` leaves the work to a :class:`TableSorter`."""

    def reset(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[Cell] | None],
        labels: Sequence[str] | None = None,
    ) -> None:
        """Show ``rows`` under ``columns``; ``labels`` name the rows (else 1, 2…)."""
        self.beginResetModel()
        self.columns = list(columns)
        self.rows = tuple(rows)  # untracked by the collector (see LoggedTable)
        self.labels = list(labels) if labels is not None else None
        self._order = None
        self._ranks = {}
        self.sorted_by = None
        self.endResetModel()

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def source_row(self, row: int) -> int:
        """The position in :attr:`rows` of the row shown at ``row``."""
        return row if self._order is None else int(self._order[row])

    def row_at(self, row: int) -> Sequence[Cell] | None:
        """The cells shown at ``row`` (``None``: a gap)."""
        return self.rows[self.source_row(row)]

    def value(self, row: int, column: int) -> Cell:
        """The cell's value (``None`` for a gap)."""
        cells = self.row_at(row)
        if cells is None or column >= len(cells):
            return None
        return cells[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cells = self.row_at(index.row())
        column = index.column()
        value = None if cells is None or column >= len(cells) else cells[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMBER if is_number(value) else _TEXT
        if role == Qt.ItemDataRole.BackgroundRole and cells is None:
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
            return self.labels[self.source_row(section)]
        return str(section + 1)

    def ranks(self, column: int) -> ColumnRanks | None:
        """``column``'s ranks from an earlier sort of these rows, if any."""
        return self._ranks.get(column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder):
        """Sort the rows by ``column`` (gaps stay last): now, on this thread,
        unless :attr:`sorts_on_worker` (then :attr:`sort_requested` is emitted)."""
        if self.sorts_on_worker:
            self.sort_requested.emit(column, order)
            return
        if not 0 <= column < len(self.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.apply_order(
            sort_rows(self.rows, column, descending, ranks=self.ranks(column))
        )

    def apply_order(self, result: SortResult) -> None:
        """Show the rows in ``result``'s order; selections and the current cell
        follow their rows."""
        if len(result.permutation) != len(self.rows):
            return  # computed for other rows
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        sources = [self.source_row(i.row()) for i in before]
        self._order = result.permutation
        self._ranks[result.column] = result.ranks
        order = Qt.SortOrder.DescendingOrder
        if not result.descending:
            order = Qt.SortOrder.AscendingOrder
        self.sorted_by = (result.column, order)
        if before:
            shown_at = np.empty_like(result.permutation)
            shown_at[result.permutation] = np.arange(len(result.permutation))
            after = [
                self.index(int(shown_at[source]), i.column())
                for i, source in zip(before, sources, strict=True)
            ]
            self.changePersistentIndexList(before, after)
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
        self.sorting = QLabel(self.tr("Sorting…"), self)
        self.sorting.setObjectName("loggedTableSorting")
        self.sorting.hide()
        self.model = CellsModel(self)
        self.table = make_table_view(self.model, self, "loggedTable")
        self.sorter = TableSorter(self.table, self.model)
        self.sorter.busy_changed.connect(self.sorting.setVisible)
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
        bar.addWidget(self.sorting)
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
        self.model.reset(columns, rows)  # (drops a sort of the previous table)
        fit_columns(self.table, self.model)
        self.table.scrollToTop()
        self.info.setText(info)
        self.raw.setPlainText(raw_text)
        self.raw_button.setChecked(False)
        self.stack.setCurrentWidget(self.table)

    def is_sorting(self) -> bool:
        """Whether a new order is being computed (the old one still shown)."""
        return self.sorter.is_busy()

    def showing_raw(self) -> bool:
        """Whether the raw JSON is shown instead of the table."""
        return self.stack.currentWidget() is self.raw

    def _on_raw_toggled(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.raw if on else self.table)
