"""Small dialogs: import problems, column chooser, the selected-runs list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.columns import Column
from desktop.core.records import Problem
from desktop.ui.i18n import translated
from desktop.ui.runs_model import column_title, column_tooltip


class ProblemsDialog(QDialog):
    """What an import could not read: file and reason, copyable."""

    def __init__(
        self,
        root: str,
        problems: list[Problem],
        parent: QWidget | None = None,
        *,
        stopped_at: tuple[int, int] | None = None,
    ):
        """``stopped_at``: ``(runs read, runs in all)`` when the import stopped."""
        super().__init__(parent)
        self.setObjectName("problemsDialog")
        self.setWindowTitle(self.tr("Import problems"))
        self.resize(820, 420)
        if stopped_at is None:
            text = self.tr(
                "{0} problem(s) while reading {1}. Everything else was imported."
            ).format(len(problems), root)
        else:
            text = self.tr(
                "The import of {1} stopped ({0} problem(s)) after reading {2} of "
                "{3} runs. Runs written to the store before it stopped are kept; "
                "the rest was not imported."
            ).format(len(problems), root, *stopped_at)
        label = QLabel(text, self)
        label.setWordWrap(True)
        self.table = QTableWidget(len(problems), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Problem")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, problem in enumerate(problems):
            self.table.setItem(row, 0, QTableWidgetItem(problem.path))
            self.table.setItem(row, 1, QTableWidgetItem(translated(problem.message)))
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)


class ColumnChooserDialog(QDialog):
    """Tick the columns to show and drag them into order."""

    def __init__(
        self,
        available: list[Column],
        shown: list[Column],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("columnChooser")
        self.setWindowTitle(self.tr("Columns"))
        self.resize(380, 520)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search columns"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.list = QListWidget(self)
        self.list.setObjectName("columnList")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        shown_ids = [c.id for c in shown]
        ordered = list(shown) + [c for c in available if c.id not in shown_ids]
        for column in ordered:
            group = translated(column.spec.group)
            text = column_title(column)
            item = QListWidgetItem(f"{text}    {group}".rstrip())
            item.setToolTip(column_tooltip(column))
            item.setData(Qt.ItemDataRole.UserRole, column.id)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if not column.spec.hideable(column):
                flags &= ~Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(
                Qt.CheckState.Checked
                if column.id in shown_ids
                else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        hint = QLabel(
            self.tr(
                "Tick to show, drag to reorder. Metrics can show their "
                "latest, min or max value."
            ),
            self,
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def chosen(self) -> list[Column]:
        """The ticked columns in list order."""
        columns = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                column = Column.from_id(item.data(Qt.ItemDataRole.UserRole))
                if column is not None:
                    columns.append(column)
        return columns

    def _on_search(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().lower())
