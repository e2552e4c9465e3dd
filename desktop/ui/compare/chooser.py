"""A searchable, checkable list of params and metrics (axes, charted metrics)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class VariableChooser(QWidget):
    """Tick params and metrics; optionally a second "Log" tick per variable."""

    changed = Signal()
    """The ticked variables or their log flags changed."""

    def __init__(self, with_log: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_log = with_log
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2 if with_log else 1)
        labels = [self.tr("Name"), self.tr("Log")] if with_log else [self.tr("Name")]
        self.tree.setHeaderLabels(labels)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if with_log:
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemChanged.connect(self._on_item_changed)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._quiet = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)

    def set_variables(
        self,
        groups: Iterable[tuple[str, list[tuple[str, str]]]],
        checked: Iterable[str],
        loggable: Iterable[str] = (),
        logged: Iterable[str] = (),
    ) -> None:
        """Fill the list: ``groups`` is ``[(kind, [(id, label), ...]), ...]``."""
        checked, loggable, logged = set(checked), set(loggable), set(logged)
        self._quiet = True
        self.tree.clear()
        self._items.clear()
        for kind, variables in groups:
            if not variables:
                continue
            title = self.tr("Parameters") if kind == "param" else self.tr("Metrics")
            group = QTreeWidgetItem(self.tree, [title])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for ident, label in variables:
                item = QTreeWidgetItem(group, [label])
                item.setData(0, ID_ROLE, ident)
                item.setToolTip(0, label)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                item.setCheckState(0, _state(ident in checked))
                if self.with_log and ident in loggable:
                    item.setCheckState(1, _state(ident in logged))
                self._items[ident] = item
        self.tree.expandAll()
        self._quiet = False
        self._on_search(self.search.text())

    def checked_ids(self) -> list[str]:
        """Ticked variables in list order."""
        return [
            i
            for i, item in self._items.items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def logged_ids(self) -> set[str]:
        """Variables with their log tick set."""
        if not self.with_log:
            return set()
        return {
            i
            for i, item in self._items.items()
            if _has_log_tick(item) and item.checkState(1) == Qt.CheckState.Checked
        }

    def set_checked(self, ident: str, on: bool) -> None:
        """Tick or untick a variable (emits ``changed``)."""
        if ident in self._items:
            self._items[ident].setCheckState(0, _state(on))

    def set_logged(self, ident: str, on: bool) -> None:
        """Set or clear a variable's log tick (emits ``changed``)."""
        item = self._items.get(ident)
        if (
            item is not None
            and item.data(1, Qt.ItemDataRole.CheckStateRole) is not None
        ):
            item.setCheckState(1, _state(on))

    def _on_item_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        if not self._quiet:
            self.changed.emit()

    def _on_search(self, text: str) -> None:
        needle = text.strip().lower()
        for item in self._items.values():
            item.setHidden(bool(needle) and needle not in item.text(0).lower())


def _state(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked


def _has_log_tick(item: QTreeWidgetItem) -> bool:
    return item.data(1, Qt.ItemDataRole.CheckStateRole) is not None
