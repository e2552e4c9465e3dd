"""A searchable, sortable, copyable table with optional groups and a value pane."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
FULL_ROLE = Qt.ItemDataRole.UserRole + 3
CELL_LIMIT = 1000
"""Characters a cell shows (a 10 MB value would take seconds to lay out)."""
VALUE_LIMIT = 16 * 1024
"""Characters the value pane shows; copying always gives the whole value."""


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: the shown texts, their sort values and its key."""

    key: str
    texts: tuple[str, ...]
    sort_values: tuple[object, ...] = ()


class _Tree(QTreeView):
    copy_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SearchableTable(QWidget):
    """A filter box over a tree of rows (flat, or in titled groups).

    The filter matches any column, case-insensitively. With ``value_pane`` the full
    value of the current row is shown below the table, selectable and copyable.
    """

    selection_changed = Signal(list)
    """Keys of the selected rows, in table order."""

    def __init__(
        self,
        name: str,
        headers: list[str],
        placeholder: str,
        value_pane: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Page")
        self.search = QLineEdit(self)
        self.search.setObjectName(f"{name}Search")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, len(headers), self)
        self.model.setHorizontalHeaderLabels(headers)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setSortRole(SORT_ROLE)
        self.tree = _Tree(self)
        self.tree.setObjectName(f"{name}Table")
        self.tree.setModel(self.proxy)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.copy_requested.connect(self.copy_selection)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        self.value_view: QPlainTextEdit | None = None
        if value_pane:
            splitter = QSplitter(Qt.Orientation.Vertical, self)
            splitter.addWidget(self.tree)
            self.value_view = QPlainTextEdit(self)
            self.value_view.setObjectName(f"{name}Value")
            self.value_view.setReadOnly(True)
            self.value_view.setPlaceholderText(self.tr("Select a row to see its value"))
            splitter.addWidget(self.value_view)
            splitter.setSizes([400, 110])
            layout.addWidget(splitter, 1)
        else:
            layout.addWidget(self.tree, 1)

        self.search.textChanged.connect(self._on_search)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current)

    # -- content --------------------------------------------------------------------
    def set_rows(self, groups: list[tuple[str | None, list[Row]]]) -> None:
        """Show rows, each group under its title (``None``: at the top level)."""
        selected = set(self.selected_keys())
        self.model.removeRows(0, self.model.rowCount())
        grouped = any(title is not None for title, _ in groups)
        self.tree.setRootIsDecorated(grouped)
        for title, rows in groups:
            parent = self.model.invisibleRootItem()
            if title is not None:
                head = QStandardItem(f"{title} ({len(rows)})")
                head.setData(title, SORT_ROLE)
                head.setEditable(False)
                font = head.font()
                font.setBold(True)
                head.setFont(font)
                blanks = [QStandardItem() for _ in range(self.model.columnCount() - 1)]
                for blank in blanks:
                    blank.setEditable(False)
                parent.appendRow([head, *blanks])
                parent = head
            for row in rows:
                parent.appendRow(self._items(row))
        if grouped:
            self.tree.expandAll()
        for column in range(self.model.columnCount() - 1):
            self.tree.resizeColumnToContents(column)
            width = self.tree.columnWidth(column)
            self.tree.setColumnWidth(column, min(max(width, 80), 320))
        if selected:
            self.select_keys(selected)
        elif self.value_view is not None:
            self.value_view.clear()

    def _items(self, row: Row) -> list[QStandardItem]:
        items = []
        for column, text in enumerate(row.texts):
            cut = len(text) > CELL_LIMIT
            item = QStandardItem(text[:CELL_LIMIT] + "…" if cut else text)
            item.setEditable(False)
            if cut:
                item.setData(text, FULL_ROLE)
            sort = row.sort_values[column] if column < len(row.sort_values) else None
            item.setData(text.casefold() if sort is None else sort, SORT_ROLE)
            item.setData(row.key, KEY_ROLE)
            if len(text) > 80 or "\n" in text:
                item.setToolTip(text[:2000])
            items.append(item)
        return items

    def visible_rows(self) -> list[tuple[str, ...]]:
        """The texts of the rows the filter lets through, in display order."""
        out: list[tuple[str, ...]] = []

        def walk(parent) -> None:
            for r in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(r, 0, parent)
                if self.proxy.data(index, KEY_ROLE) is not None:
                    out.append(
                        tuple(
                            _full(self.proxy.index(r, c, parent))
                            for c in range(self.proxy.columnCount())
                        )
                    )
                walk(index)

        walk(self.tree.rootIndex())
        return out

    def group_titles(self) -> list[str]:
        """Titles of the groups shown (empty for a flat table)."""
        return [
            str(self.proxy.index(r, 0).data(SORT_ROLE))
            for r in range(self.proxy.rowCount())
            if self.proxy.index(r, 0).data(KEY_ROLE) is None
        ]

    # -- selection ------------------------------------------------------------------
    def selected_keys(self) -> list[str]:
        """Keys of the selected rows, in display order."""
        rows = sorted(
            self.tree.selectionModel().selectedRows(),
            key=lambda i: (i.parent().row(), i.row()),
        )
        return [k for i in rows if (k := i.data(KEY_ROLE)) is not None]

    def select_keys(self, keys: set[str] | list[str]) -> None:
        """Select the rows with these keys (those the filter shows)."""
        wanted = set(keys)
        selection = self.tree.selectionModel()
        selection.clearSelection()
        first = None
        for index in self._all_indexes():
            if index.data(KEY_ROLE) in wanted:
                selection.select(
                    index,
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
                first = first or index
        if first is not None:
            selection.setCurrentIndex(first, selection.SelectionFlag.NoUpdate)
            self._on_current(first)

    def _all_indexes(self):
        def walk(parent):
            for r in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(r, 0, parent)
                yield index
                yield from walk(index)

        return walk(self.tree.rootIndex())

    def copy_selection(self) -> None:
        """Copy the selected rows as tab-separated text."""
        rows = self.tree.selectionModel().selectedRows()
        lines = []
        for index in sorted(rows, key=lambda i: (i.parent().row(), i.row())):
            if index.data(KEY_ROLE) is None:
                continue
            cells = [
                _full(index.siblingAtColumn(c)) for c in range(self.proxy.columnCount())
            ]
            lines.append("\t".join(cells))
        if lines:
            QGuiApplication.clipboard().setText("\n".join(lines))

    def _on_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if self.model.invisibleRootItem().rowCount():
            self.tree.expandAll()

    def _on_selection(self, *_args) -> None:
        self.selection_changed.emit(self.selected_keys())

    def _on_current(self, current, _previous=None) -> None:
        if self.value_view is None:
            return
        value = _full(current.siblingAtColumn(self.proxy.columnCount() - 1))
        if current.data(KEY_ROLE) is None:
            value = ""
        if len(value) > VALUE_LIMIT:
            note = self.tr(
                "[…cut here: the value has {0} characters; “Copy value” copies "
                "all of it]"
            ).format(f"{len(value):,}")
            value = value[:VALUE_LIMIT] + "\n" + note
        self.value_view.setPlainText(value)

    def _on_context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        if not index.isValid() or index.data(KEY_ROLE) is None:
            return
        menu = QMenu(self)
        key = index.data(KEY_ROLE)
        value = _full(index.siblingAtColumn(self.proxy.columnCount() - 1))
        clipboard = QGuiApplication.clipboard()
        menu.addAction(self.tr("Copy"), self.copy_selection)
        menu.addAction(self.tr("Copy name"), lambda: clipboard.setText(key))
        if self.value_view is not None:
            menu.addAction(self.tr("Copy value"), lambda: clipboard.setText(value))
        menu.exec(self.tree.viewport().mapToGlobal(pos))


def _full(index) -> str:
    """A cell's whole text (cells show at most :data:`CELL_LIMIT` characters)."""
    full = index.data(FULL_ROLE)
    return full if isinstance(full, str) else index.data() or ""
