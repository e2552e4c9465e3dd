"""The compare table section: toolbar, the table view, copy and CSV export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.compare_table import CompareRow, Direction, table_csv_rows
from desktop.analysis.group_set import GroupSet
from desktop.analysis.run_set import RunSet
from desktop.analysis.tabular import tsv_text, write_csv
from desktop.ui.compare.group_mode import mode_combo
from desktop.ui.compare.group_table_model import GroupTableModel
from desktop.ui.compare.table_model import BEST, DIFFER, CompareTableModel
from desktop.ui.direction_menu import add_direction_actions
from desktop.ui.settings import Settings

TRANSPOSE_ABOVE = 12  # more runs than this start as rows
ROW_HEIGHT = 24
COLUMN_WIDTH = 150  # the narrowest a run's column gets stretched from


class CompareTableSection(QWidget):
    """Runs side by side: facts, params, metrics and tags, differences marked.

    Given ``groups`` (run row ids by group name), it compares the groups (one
    column per group, their runs summed up) until switched to each run.
    """

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        groups: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareTable")
        self.settings = settings
        self.groups = dict(groups) if groups else None
        self.run_model = CompareTableModel(self)
        self.group_model = GroupTableModel(self)
        self.model: CompareTableModel = (
            self.group_model if self.groups else self.run_model
        )
        self.view = QTableView(self)
        self.view.setObjectName("compareTableView")
        self.view.setModel(self.model)
        self.view.setWordWrap(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setDefaultSectionSize(COLUMN_WIDTH)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.verticalHeader().setHighlightSections(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_cell_menu)
        for header in (self.view.horizontalHeader(), self.view.verticalHeader()):
            header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            header.customContextMenuRequested.connect(
                lambda pos, h=header: self._on_header_menu(h, pos)
            )
        for model in (self.run_model, self.group_model):
            model.modelReset.connect(
                lambda m=model: self._on_model_reset() if m is self.model else None
            )
        self.view.viewport().installEventFilter(self)  # resized: fit the columns
        copy = QAction(self.tr("Copy"), self.view)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.copy)
        self.view.addAction(copy)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("compareFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter fields"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(
            lambda text: self._configure(text_filter=text)
        )
        self.diff_only = QCheckBox(self.tr("Show differences only"), self)
        self.diff_only.setObjectName("differencesOnly")
        self.diff_only.setChecked(settings.flag("compare_differences_only"))
        self.diff_only.toggled.connect(self._on_diff_only)
        self.min_max = QCheckBox(self.tr("Min and max"), self)
        self.min_max.setObjectName("minMax")
        self.min_max.toggled.connect(lambda on: self._configure(min_max=on))
        self.mode = mode_combo(self, "compareTableMode", bands=False)
        self.mode.setVisible(self.groups is not None)
        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        self.transpose = QCheckBox(self.tr("Runs as rows"), self)
        self.transpose.setObjectName("transpose")
        self.transpose.toggled.connect(self._on_transpose)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("copyTable")
        self.copy_button.setToolTip(self.tr("Copy the selected cells (or all)"))
        self.copy_button.clicked.connect(self.copy)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("exportTable")
        self.export_button.clicked.connect(self._on_export)
        legend = QLabel(self)
        legend.setText(
            self.tr(
                "<span style='background:{0}'>&nbsp;&nbsp;&nbsp;&nbsp;</span> differs"
                "&nbsp;&nbsp;&nbsp;<span style='background:{1}'>&nbsp;&nbsp;&nbsp;"
                "&nbsp;</span> <b>best</b> (right-click a metric: higher or lower "
                "is better)"
            ).format(_css(DIFFER), _css(BEST))
        )

        bar = QHBoxLayout()
        bar.addWidget(self.mode)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.diff_only)
        bar.addWidget(self.min_max)
        bar.addWidget(self.transpose)
        bar.addWidget(self.copy_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)
        self._configure(
            differences_only=self.diff_only.isChecked(),
            directions=settings.metric_directions(),
        )
        self._set_transpose_text()

    def set_runs(self, runs: RunSet) -> None:
        """Compare these runs, or their groups (many start transposed)."""
        self.run_model.set_runs(runs)
        if self.groups is not None:
            self.group_model.set_groups(GroupSet(runs, self.groups))
        self.transpose.setChecked(self._items() > TRANSPOSE_ABOVE)
        self._on_model_reset()

    def by_group(self) -> bool:
        """Whether the table shows groups (else each run)."""
        return self.model is self.group_model

    def _items(self) -> int:
        if self.by_group():
            return len(self.group_model.groups)
        return len(self.run_model.runs)

    def _configure(self, **options) -> None:
        """Set options on both tables (runs and groups) alike."""
        self.run_model.configure(**options)
        if self.groups is not None:
            self.group_model.configure(**options)

    def _on_mode_changed(self, _index: int) -> None:
        model = self.group_model if self.mode.currentData() else self.run_model
        if model is self.model:
            return
        self.model = model
        self.view.setModel(model)
        self._set_transpose_text()
        self._on_transpose(self.transpose.isChecked())
        self._on_model_reset()

    def _set_transpose_text(self) -> None:
        """Name what the rows and the min and max are of: groups or runs."""
        by_group = self.by_group()
        self.transpose.setText(
            self.tr("Groups as rows") if by_group else self.tr("Runs as rows")
        )
        self.min_max.setToolTip(
            self.tr("Show the lowest and highest of each group's runs as well")
            if by_group
            else self.tr("Show each metric's min and max as well")
        )

    # -- actions -----------------------------------------------------------------------
    def set_direction(self, key: str, direction: Direction) -> None:
        """Mark a metric's best value as its highest or its lowest (remembered)."""
        self.settings.set_metric_direction(key, direction)
        self._configure(directions={key: direction})

    def copy(self) -> None:
        """Copy the selected cells (or the whole table) as tab-separated text."""
        QGuiApplication.clipboard().setText(tsv_text(self.selected_table()))

    def selected_table(self) -> list[list[str]]:
        """The selected cells with their headers, or everything when none are."""
        model = self.model
        indexes = self.view.selectionModel().selectedIndexes()
        rows = sorted({i.row() for i in indexes}) or list(range(model.rowCount()))
        cols = sorted({i.column() for i in indexes}) or list(range(model.columnCount()))
        horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        out = [["", *(str(model.headerData(c, horizontal) or "") for c in cols)]]
        for r in rows:
            header = str(model.headerData(r, vertical) or "").replace("\n", " ")
            line = header if header else model.index(r, 0).data()
            out.append(
                [line or "", *(str(model.index(r, c).data() or "") for c in cols)]
            )
        out[0] = [cell.replace("\n", " ") for cell in out[0]]
        return out

    def export_csv(self, path: str) -> None:
        """Write the shown rows as CSV, in full precision (groups: each metric's
        mean and std, with min and max when shown)."""
        if self.by_group():
            write_csv(path, self.group_model.csv_rows())
            return
        write_csv(
            path,
            table_csv_rows(
                self.model.rows(), self.model.runs, transposed=self.model.transposed
            ),
        )

    # -- slots -------------------------------------------------------------------------
    def _on_diff_only(self, on: bool) -> None:
        self.settings.set_flag("compare_differences_only", on)
        self._configure(differences_only=on)

    def _on_transpose(self, on: bool) -> None:
        self._configure(transposed=on)
        self.view.setSortingEnabled(on)
        header = self.view.horizontalHeader()
        header.setSortIndicatorShown(on)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def _on_model_reset(self) -> None:
        self.view.clearSpans()
        columns = self.model.columnCount()
        if columns > 1:
            for row in self.model.heading_rows():
                self.view.setSpan(row, 0, 1, columns)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the whole width among the columns while they fit, else scroll."""
        header = self.view.horizontalHeader()
        columns = self.model.columnCount()
        fits = columns * COLUMN_WIDTH <= self.view.viewport().width()
        stretch = QHeaderView.ResizeMode.Stretch
        if columns == 0 or (header.sectionResizeMode(0) == stretch) == fits:
            return
        if fits:
            header.setSectionResizeMode(stretch)
            return
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(columns):
            header.resizeSection(column, COLUMN_WIDTH)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _on_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export table"), "compare.csv", self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        try:
            self.export_csv(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))

    def _metric_menu(self, row: CompareRow, menu: QMenu) -> None:
        add_direction_actions(
            menu,
            self.model.direction(row.key),
            lambda direction: self.set_direction(row.key, direction),
        )

    def _on_header_menu(self, header: QHeaderView, pos: QPoint) -> None:
        fields = (
            Qt.Orientation.Horizontal
            if self.model.transposed
            else Qt.Orientation.Vertical
        )
        section = header.logicalIndexAt(pos)
        if header.orientation() != fields or section < 0:
            return
        index = (
            self.model.index(0, section)
            if self.model.transposed
            else self.model.index(section, 0)
        )
        if not index.isValid():
            return
        line, _ = self.model.line_at(index)
        if isinstance(line, CompareRow) and line.kind == "metric":
            menu = QMenu(self)
            self._metric_menu(line, menu)
            menu.exec(header.mapToGlobal(pos))

    def _on_cell_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        menu = QMenu(self)
        if index.isValid():
            line, _ = self.model.line_at(index)
            if isinstance(line, CompareRow) and line.kind == "metric":
                self._metric_menu(line, menu)
                menu.addSeparator()
        menu.addAction(self.tr("Copy"), self.copy)
        menu.exec(self.view.viewport().mapToGlobal(pos))


def _css(color: QColor) -> str:
    return f"rgba({color.red()},{color.green()},{color.blue()},{color.alphaF():.2f})"
