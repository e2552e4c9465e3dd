"""The runs table view, tuned for 100,000 rows, with a frozen Run Name column."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QTableView,
    QWidget,
)

from desktop.core.columns import Column
from desktop.ui.run_name_delegate import RunNameDelegate
from desktop.ui.runs_model import RunsTableModel

ROW_HEIGHT = 24
FROZEN = 0
"""The logical column kept in view while scrolling right (the run name)."""
ICON_AND_PADDING = 16 + 4 + 12
SORT_ARROW_AND_PADDING = 28


def _tune(view: QTableView) -> None:
    """Fixed row height, no word wrap, per-pixel scrolling, row selection."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(ROW_HEIGHT)
    vertical.hide()
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
    header.setTextElideMode(Qt.TextElideMode.ElideMiddle)


class RunsTable(QTableView):
    """A table view tuned for 100,000 rows: fixed row height, no word wrap.

    The run name column stays in view while scrolling right: an overlay view
    (Qt's "Frozen Column" example) shares the model and the selection model and
    shows only that column over the left edge of the viewport.
    """

    _frozen: QTableView | None = None  # None while Qt builds the view
    _revealed = -1  # the column show_column keeps in view, until the user scrolls

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runsTable")
        _tune(self)
        self.setSortingEnabled(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setDefaultSectionSize(110)
        # The user scrolling sideways or sorting by a column ends show_column.
        self.horizontalScrollBar().actionTriggered.connect(self._stop_revealing)
        header.sectionClicked.connect(self._stop_revealing)

        self.frozen = QTableView(self)
        self.frozen.setObjectName("runsTableFrozen")
        _tune(self.frozen)
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        self.frozen.setFocusProxy(self)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.frozen.customContextMenuRequested.connect(self._on_frozen_context_menu)
        self.frozen.horizontalHeader().sectionClicked.connect(self._on_frozen_clicked)
        self.frozen.horizontalHeader().sectionResized.connect(self._on_frozen_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(
            self.verticalScrollBar().setValue
        )
        self.verticalScrollBar().valueChanged.connect(
            self.frozen.verticalScrollBar().setValue
        )
        header.sectionResized.connect(self._on_section_resized)
        header.sectionMoved.connect(lambda *_a: self._update_frozen())
        header.sortIndicatorChanged.connect(
            lambda section, order: self.frozen.horizontalHeader().setSortIndicator(
                section, order
            )
        )
        self.frozen.hide()
        self._frozen = self.frozen
        # Nested runs: indented names with fold arrows, in both views.
        self.name_delegate = RunNameDelegate(self)
        self.setItemDelegateForColumn(FROZEN, self.name_delegate)
        self.frozen.setItemDelegateForColumn(FROZEN, self.name_delegate)

    # -- model and selection -------------------------------------------------------
    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Show ``model`` here and its first column in the frozen overlay."""
        super().setModel(model)
        self.frozen.setModel(model)
        if model is None:
            return
        self.frozen.setSelectionModel(self.selectionModel())
        _own_header_selection(self.frozen, model)
        for signal in (model.modelReset, model.layoutChanged):
            signal.connect(self._update_frozen)
        model.columnsInserted.connect(lambda *_a: self._update_frozen())
        model.columnsRemoved.connect(lambda *_a: self._update_frozen())
        self._update_frozen()

    def setSelectionModel(self, selection_model: QItemSelectionModel) -> None:
        """Use ``selection_model`` for the rows; the column header gets its own.

        The header paints each section asking whether its whole column is selected,
        which walks every row: seconds per paint once thousands of rows are
        selected. Rows are selected whole, so no column ever is: the header's own
        selection model stays empty and answers at once.
        """
        super().setSelectionModel(selection_model)
        _own_header_selection(self, selection_model.model())
        if self._frozen is not None and self.frozen.model() is selection_model.model():
            self.frozen.setSelectionModel(selection_model)
            _own_header_selection(self.frozen, selection_model.model())

    def frozen_shown(self) -> bool:
        """Whether the run name column is pinned over the left edge."""
        return self._frozen is not None and self._frozen.isVisible()

    # -- keeping the overlay in place ----------------------------------------------
    def _update_frozen(self) -> None:
        model = self.model()
        header = self.horizontalHeader()
        pinned = (
            model is not None
            and model.columnCount() > FROZEN
            and header.visualIndex(FROZEN) == 0
            and not header.isSectionHidden(FROZEN)
        )
        if not pinned:
            self.frozen.hide()
            return
        for column in range(model.columnCount()):
            self.frozen.setColumnHidden(column, column != FROZEN)
            if least := self.minimum_width(column):
                self.setColumnWidth(column, max(least, self.columnWidth(column)))
        self.frozen.setColumnWidth(FROZEN, self.columnWidth(FROZEN))
        self.frozen.horizontalHeader().setSortIndicator(
            header.sortIndicatorSection(), header.sortIndicatorOrder()
        )
        self._place_frozen()
        self.frozen.show()

    def _place_frozen(self) -> None:
        viewport = self.viewport().geometry()
        top = self.horizontalHeader().geometry().top()
        self.frozen.setGeometry(
            viewport.left(),
            top,
            min(self.columnWidth(FROZEN), viewport.width()),
            viewport.bottom() - top + 1,
        )
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())

    def minimum_width(self, logical: int) -> int:
        """The narrowest a column may be; 0 for columns that may clip."""
        model = self.model()
        columns = getattr(model, "columns", None)
        if columns is None or not 0 <= logical < len(columns()):
            return 0
        column = columns()[logical]
        values = column.spec.widest_texts(column)
        if not values:
            return 0
        title = str(model.headerData(logical, Qt.Orientation.Horizontal) or "")
        header = self.horizontalHeader().fontMetrics().horizontalAdvance(title)
        cells = fitting_width(self.fontMetrics(), list(values), ICON_AND_PADDING)
        return max(cells, header + SORT_ARROW_AND_PADDING)

    def _on_section_resized(self, logical: int, _old: int, size: int) -> None:
        if size and size < (least := self.minimum_width(logical)):
            self.setColumnWidth(logical, least)
            return
        if logical == FROZEN:
            self.frozen.setColumnWidth(FROZEN, size)
            self._place_frozen()

    def _on_frozen_resized(self, logical: int, _old: int, size: int) -> None:
        if logical == FROZEN and self.columnWidth(FROZEN) != size:
            self.setColumnWidth(FROZEN, size)

    def _on_frozen_clicked(self, logical: int) -> None:
        """Sort by the run name as a click on the main header would."""
        header = self.horizontalHeader()
        if header.sortIndicatorSection() == logical:
            flipped = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            order = Qt.SortOrder(0 if flipped else 1)  # Ascending is 0
        else:
            initial = self.model().headerData(
                logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.InitialSortOrderRole
            )
            order = (
                Qt.SortOrder(initial)
                if isinstance(initial, int | Qt.SortOrder)
                else Qt.SortOrder.AscendingOrder
            )
        header.setSortIndicator(logical, order)
        header.sectionClicked.emit(logical)

    def show_column(self, logical: int) -> None:
        """Scroll sideways, not down, until column ``logical`` is in view, and keep
        it there while the view settles (rows arriving bring a vertical scroll bar
        that narrows it) until the user scrolls sideways; ``-1``: stop that."""
        self._revealed = logical
        self._reveal()

    def _reveal(self) -> None:
        logical, model = self._revealed, self.model()
        if logical < 0 or model is None or not model.rowCount():
            return
        if self.isColumnHidden(logical) or logical >= model.columnCount():
            return
        top = max(0, self.rowAt(0))
        self.scrollTo(model.index(top, logical), self.ScrollHint.EnsureVisible)

    def _stop_revealing(self, *_args) -> None:
        self._revealed = -1

    def viewportEvent(self, event: QEvent) -> bool:
        """Keep a revealed column in view when the viewport is resized."""
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize and self._revealed >= 0:
            QTimer.singleShot(0, self, self._reveal)  # dropped if the view goes
        return handled

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Fold and unfold nested runs as a tree view does: + and - anywhere,
        Right and Left on the run name (Left on a child goes to its parent)."""
        model, current = self.model(), self.currentIndex()
        key = event.key()
        on_name = current.isValid() and current.column() == FROZEN
        folding = {Qt.Key.Key_Plus, Qt.Key.Key_Minus}
        if on_name:
            folding |= {Qt.Key.Key_Right, Qt.Key.Key_Left}
        if (
            key not in folding
            or not current.isValid()
            or not isinstance(model, RunsTableModel)
            or model.tree() is None
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            super().keyPressEvent(event)
            return
        row = current.row()
        unfold = key in (Qt.Key.Key_Plus, Qt.Key.Key_Right)
        if model.can_fold(row) and model.is_expanded(row) != unfold:
            model.set_expanded(row, unfold)
        elif key == Qt.Key.Key_Left and (parent := model.parent_row(row)) >= 0:
            self.setCurrentIndex(model.index(parent, FROZEN))
        event.accept()

    def _on_frozen_context_menu(self, pos: QPoint) -> None:
        point = self.viewport().mapFromGlobal(self.frozen.viewport().mapToGlobal(pos))
        self.customContextMenuRequested.emit(point)

    def indexAt(self, pos: QPoint) -> QModelIndex:
        """The cell at ``pos`` in the viewport; the run name under the overlay."""
        if self.frozen_shown() and 0 <= pos.x() < self.frozen.width():
            row = self.rowAt(pos.y())
            model = self.model()
            return model.index(row, FROZEN) if row >= 0 else QModelIndex()
        return super().indexAt(pos)

    def updateGeometries(self) -> None:
        """Lay out headers and scroll bars, then the overlay over them."""
        super().updateGeometries()
        if self.frozen_shown():
            self._place_frozen()

    def resizeEvent(self, event) -> None:
        """Keep the overlay the viewport's height."""
        super().resizeEvent(event)
        if self.frozen_shown():
            self._place_frozen()

    def scrollTo(
        self,
        index: QModelIndex | QPersistentModelIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """Scroll to ``index``; never scroll sideways for the pinned column."""
        if index.isValid() and index.column() == FROZEN and self.frozen_shown():
            scrolled = self.horizontalScrollBar().value()
            super().scrollTo(index, hint)
            self.horizontalScrollBar().setValue(scrolled)
            return
        super().scrollTo(index, hint)
        if index.isValid() and self.frozen_shown():
            # A cell scrolled in from the right must not end up under the overlay.
            left = self.visualRect(index).left()
            if left < self.frozen.width():
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() - (self.frozen.width() - left))


def _own_header_selection(view: QTableView, model: QAbstractItemModel) -> None:
    view.horizontalHeader().setSelectionModel(QItemSelectionModel(model, view))


def default_width(column: Column) -> int:
    """A column's initial width in pixels."""
    return column.spec.width(column)


def fitting_width(metrics: QFontMetrics, texts: list[str], extra: int) -> int:
    """The width that shows the widest of ``texts`` plus ``extra`` pixels."""
    return max((metrics.horizontalAdvance(t) for t in texts), default=0) + extra
