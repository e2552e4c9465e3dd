"""The runs panel: filter box, toolbar and the lazy runs table."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.columns import (
    Column,
    SortKey,
    available_columns,
    default_columns,
)
from desktop.core.metric_direction import Direction, metric_direction
from desktop.core.row_pages import COPY_CHUNK, RunSearch
from desktop.core.search import SearchError, parse_filter
from desktop.core.views import RunScope
from desktop.ui.charts.switch import RunsViewSwitch
from desktop.ui.direction_menu import add_direction_actions
from desktop.ui.i18n import describe, translated
from desktop.ui.runs_layout import RunsColumnLayout
from desktop.ui.runs_model import RunsTableModel
from desktop.ui.runs_table import RunsTable, default_width
from desktop.ui.settings import Settings
from desktop.ui.workers import LatestOnly

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog

FILTER_EXAMPLE = "metrics.val_auc > 0.9 and params.max_depth = '10'"
"""A clause the filter box always has room for."""


def filter_width(edit: QLineEdit) -> int:
    """The filter box's least width: the example, the clear button and margins."""
    return edit.fontMetrics().horizontalAdvance(FILTER_EXAMPLE) + 48


class _QueryResult(NamedTuple):
    search: RunSearch
    generation: int
    sorted_at: int
    """The column sorted by (-1: none)."""

# Selecting more runs than this does not unfold their parents.
REVEAL_AT_MOST = 1000


class RunsPanel(QWidget):
    """Everything right of the experiment tree."""

    compare_requested = Signal(list)
    """Run row ids to compare (two or more)."""
    export_requested = Signal()
    """The user wants the matching runs as CSV."""
    counts_changed = Signal(int, int, int)
    """Runs shown, runs in the selected experiments, runs selected."""
    columns_requested = Signal()
    """The user opened the column chooser."""
    run_selected = Signal(int)
    """A single run became current: its row id (-1 for none)."""
    message = Signal(str)
    """A status message for the window (copy progress)."""

    def __init__(self, catalog: Catalog, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.settings = settings
        self.experiment_pks: tuple[int, ...] = ()
        self._experiments_key = ""  # stable across re-imports, unlike row ids
        self.sort_key: SortKey | None = None
        self.total = 0
        self._keys: dict[str, list[tuple[str, int]]] = {}
        self._query = LatestOnly(self)
        self._query.finished.connect(self._on_query_finished)
        self._keys_query = LatestOnly(self)  # keys re-read during imports
        self._keys_query.finished.connect(self._on_keys_reloaded)
        self._keys_query.failed.connect(self._on_query_failed)
        self._query.failed.connect(self._on_query_failed)
        self._syncing = False
        self._restore_selection: set[int] = set()
        # The restored sort's column, shown with its rows (-1: none, stop showing).
        self._reveal_section: int | None = None
        self._copy = LatestOnly(self)
        self._copy.finished.connect(self._on_copy_finished)
        self._copy.failed.connect(self._on_copy_failed)
        self._copy_cancel = threading.Event()

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(
            self.tr(
                "Filter runs: metrics.accuracy > 0.9 and params.max_depth = '10'"
                " — or type part of a run name"
            )
        )
        self.filter_error = QLabel(self)
        self.filter_error.setObjectName("filterError")
        self.filter_error.setStyleSheet("color: #c0392b;")
        self.filter_error.setWordWrap(True)
        self.filter_error.hide()
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self.requery)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self.requery)

        self.show_deleted = QCheckBox(self.tr("Deleted runs"), self)
        self.show_deleted.setObjectName("showDeletedRuns")
        self.show_deleted.toggled.connect(self.requery)
        self.top_level = QCheckBox(self.tr("Top-level only"), self)
        self.top_level.setObjectName("topLevelOnly")
        self.top_level.setToolTip(self.tr("Hide nested (child) runs"))
        self.top_level.toggled.connect(self.requery)
        self.nested = QCheckBox(self.tr("Child runs under parents"), self)
        self.nested.setObjectName("nestedRuns")
        self.nested.setToolTip(
            self.tr(
                "Show child runs (a search's candidates, folds) folded under their"
                " parent run"
            )
        )
        self.nested.setChecked(settings.flag("nested_runs", True))
        self.nested.toggled.connect(self._on_nested_toggled)
        self.columns_button = QPushButton(self.tr("Columns…"), self)
        self.columns_button.setObjectName("columnsButton")
        self.columns_button.clicked.connect(self.columns_requested)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export_requested)
        self.compare_button = QPushButton(self.tr("Compare"), self)
        self.compare_button.setObjectName("compareButton")
        self.compare_button.setToolTip(self.tr("Compare the selected runs (Ctrl+D)"))
        self.compare_button.setEnabled(False)
        self.compare_button.clicked.connect(self._on_compare_clicked)

        self.model = RunsTableModel(catalog, self)
        self.table = RunsTable(self)
        self.table.setModel(self.model)
        self.model.sort = self._on_sort  # type: ignore[method-assign]
        self.model.metric_directions = settings.metric_directions()
        self.column_layout = RunsColumnLayout(settings, self.table, self.model)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        # Read before the click sorts: the compare table may have changed them.
        header.sectionPressed.connect(self._reload_metric_directions)
        self.model.dataChanged.connect(self._on_model_data_changed)
        self.model.folding_changed.connect(self._on_selection_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        copy = QAction(self.tr("Copy"), self.table)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        copy.triggered.connect(self.copy_selection)
        self.table.addAction(copy)

        # The filter gets a row of its own: room for a whole clause at 1280 px.
        self.filter_edit.setMinimumWidth(filter_width(self.filter_edit))
        # The table or the charts of its runs: a switch left of the filter.
        self.views = RunsViewSwitch(self)
        search = QHBoxLayout()
        search.addWidget(self.views.buttons)
        search.addWidget(self.filter_edit, 1)
        search.addWidget(self.compare_button)
        bar = QHBoxLayout()
        bar.addWidget(self.show_deleted)
        bar.addWidget(self.top_level)
        bar.addWidget(self.nested)
        bar.addStretch(1)
        bar.addWidget(self.columns_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search)
        layout.addLayout(bar)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.views.stack, 1)

    # -- what is shown ---------------------------------------------------------------
    def set_experiments(self, pks: list[int]) -> None:
        """Show the runs of these experiments: their keys (hence the columns and
        the layout saved for them) are read in the background, then the runs."""
        self.save_layout()
        self.experiment_pks = tuple(sorted(pks))
        self.model.set_runs([])
        self.run_selected.emit(-1)  # the details follow the table: none yet
        self.reload()

    def reload(self) -> None:
        """Re-read keys and runs (after an import changed the store), in the
        background: an import asks for this every 800 ms."""
        catalog, pks = self.catalog, self.experiment_pks
        self._keys_query.submit(lambda: (pks, *catalog.columns_of(pks)))

    def _on_keys_reloaded(self, result) -> None:
        pks, key, keys = result
        if pks != self.experiment_pks:  # others chosen meanwhile: read with them
            return
        if key != self._experiments_key:  # a new selection: its layout and sort
            self._experiments_key = key
            self._apply_keys(keys)
            self._restore_sort()
        else:
            self.save_layout()
            self._apply_keys(keys)
            self.model.refresh_rows()
        self.requery()

    def scope(self) -> RunScope:
        """The runs looked at before the filter."""
        return RunScope(
            self.experiment_pks,
            self.show_deleted.isChecked(),
            self.top_level.isChecked(),
        )

    def available_columns(self) -> list[Column]:
        """Every column the current experiments can show."""
        return available_columns(self._keys)

    def set_columns(self, columns: list[Column]) -> None:
        """Show these columns (the run name always stays first)."""
        name = Column("attribute", "run_name")
        columns = [name] + [c for c in columns if c != name]
        widths = {
            c.id: self.table.columnWidth(i) for i, c in enumerate(self.model.columns())
        }
        self.model.set_columns(columns)
        for index, column in enumerate(columns):
            self.table.setColumnWidth(
                index, widths.get(column.id, default_width(column))
            )
        self.save_layout()

    def _layout_scope(self) -> str:
        return f"exp-{self._experiments_key}"

    def layout_scope(self) -> str:
        """What the layouts of the current experiments are saved under."""
        return self._layout_scope()

    def _restore_sort(self) -> None:
        """Sort as the user last sorted these experiments (or not at all)."""
        saved = self.settings.sort(self._layout_scope())
        ids = [c.id for c in self.model.columns()]
        section, order = -1, Qt.SortOrder.DescendingOrder
        self.sort_key = None
        if saved and saved[0] in ids:
            section = ids.index(saved[0])
            self.sort_key = self.model.columns()[section].sort_key(saved[1])
            if not saved[1]:
                order = Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        self._reveal_section = section  # once its rows show: off screen, why sorted?
        blocked = header.blockSignals(True)  # no re-sort, no saving over it
        header.setSortIndicator(section, order)
        header.blockSignals(blocked)
        header.viewport().update()

    def _apply_keys(self, keys: dict[str, list[tuple[str, int]]]) -> None:
        """Show the columns for these keys (the saved layout, or the defaults)."""
        self._keys = keys
        available = self.available_columns()
        ids = {c.id for c in available}
        defaults = default_columns(self._keys, len(self.experiment_pks))
        self.column_layout.restore(
            self._layout_scope(), available, [c for c in defaults if c.id in ids]
        )

    def save_layout(self) -> None:
        """Remember the current columns (visual order and widths) for this scope."""
        if self.experiment_pks:
            self.column_layout.save(self._layout_scope(), self.available_columns())

    # -- querying ------------------------------------------------------------------
    def filter_text(self) -> str:
        """The filter as typed."""
        return self.filter_edit.text()

    def requery(self) -> None:
        """Run the current filter and sort in the background."""
        text = self.filter_edit.text()
        try:
            expr = parse_filter(text)
        except SearchError as exc:
            self.filter_error.setText(
                self.tr("Filter error at character {0}: {1}").format(
                    exc.position + 1, translated(exc.message)
                )
            )
            self.filter_error.show()
            self.filter_edit.setProperty("invalid", True)
            return
        self.filter_error.hide()
        scope, sort, catalog = self.scope(), self.sort_key, self.catalog
        # The rows on screen come along, fetched with the columns shown now.
        columns, generation = self.model.columns(), self.model.generation
        first, known = max(0, self.table.rowAt(0)), self.model.known_parents()
        nested, folding = self.nested.isChecked(), self.model.folding()
        header = self.table.horizontalHeader()
        sorted_at = header.sortIndicatorSection() if sort is not None else -1

        def work() -> _QueryResult:
            found = catalog.search(
                scope, expr, sort, columns, first, known, nested, folding
            )
            return _QueryResult(found, generation, sorted_at)

        self._restore_selection = self.selected_pks()
        self._query.submit(work)

    def is_busy(self) -> bool:
        """Whether a query is still running or rows are still loading."""
        return (
            self._query.is_busy()
            or self._keys_query.is_busy()
            or self.model.is_loading()
        )

    def _on_query_finished(self, result: _QueryResult) -> None:
        found = result.search
        self.total = found.total
        keep = self._restore_selection
        current = self.table.currentIndex()
        current_pk = self.model.pk_at(current.row()) if current.isValid() else None
        self._syncing = True
        if result.generation == self.model.generation:
            self.model.set_runs(
                found.pks, found.page.rows, found.page.parents, found.tree
            )
        else:  # the store or the columns changed meanwhile: rows load anew
            self.model.set_runs(found.pks, tree=found.tree)
        self.model.set_sorted_column(result.sorted_at)
        self._select_pks(keep, current_pk)
        self._syncing = False
        if self._reveal_section is not None:  # once the columns are laid out
            section, self._reveal_section = self._reveal_section, None
            table = self.table  # the timer is dropped if the table goes first
            QTimer.singleShot(0, table, lambda: table.show_column(section))
        self._on_selection_changed()
        if current_pk is not None and not self.table.currentIndex().isValid():
            self.run_selected.emit(-1)  # the current run was filtered out

    def _on_query_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self.filter_error.setText(self.tr("Query failed: {0}").format(message))
        self.filter_error.show()

    def _on_sort(
        self,
        column: int,
        order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
    ) -> None:
        columns = self.model.columns()
        if not 0 <= column < len(columns):
            self.sort_key = None
            saved = None
        else:
            descending = order == Qt.SortOrder.DescendingOrder
            self.sort_key = columns[column].sort_key(descending)
            saved = (columns[column].id, descending)
        if self.experiment_pks:
            self.settings.save_sort(self._layout_scope(), saved)
        self.requery()

    def _reload_metric_directions(self, *_args) -> None:
        self.model.metric_directions = self.settings.metric_directions()

    def _on_header_menu(self, pos) -> None:
        header = self.table.horizontalHeader()
        section = header.logicalIndexAt(pos)
        columns = self.model.columns()
        if not 0 <= section < len(columns) or not columns[section].spec.has_direction:
            return
        key = columns[section].key
        menu = QMenu(self)
        add_direction_actions(
            menu,
            metric_direction(key, self.model.metric_directions),
            lambda direction: self.set_metric_direction(section, direction),
        )
        menu.exec(header.mapToGlobal(pos))

    def set_metric_direction(self, section: int, direction: Direction) -> None:
        """Remember which way a metric column is better, and sort it best first."""
        column = self.model.columns()[section]
        self.settings.set_metric_direction(column.key, direction)
        self._reload_metric_directions()
        order = (
            Qt.SortOrder.DescendingOrder
            if direction.descending
            else Qt.SortOrder.AscendingOrder
        )
        self.table.horizontalHeader().setSortIndicator(section, order)

    # -- selection -----------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """The selected rows, in order.

        Read from the selection's ranges: ``selectedRows()`` looks at every cell,
        seconds for thousands of rows.
        """
        last = self.model.rowCount() - 1
        return sorted(
            {
                row
                for part in self.table.selectionModel().selection()
                for row in range(part.top(), min(part.bottom(), last) + 1)
            }
        )

    def selected_pks(self) -> set[int]:
        """Row ids of the selected runs."""
        pk_at = self.model.pk_at
        return {pk_at(row) for row in self.selected_rows()}

    def select_runs(self, pks: set[int]) -> None:
        """Select these runs (unfolding their parents, when not too many); the
        first becomes current, in view."""
        if len(pks) <= REVEAL_AT_MOST:
            for pk in pks:
                self.model.reveal(pk)
        shown = self.model.run_pks()
        first = next((pk for pk in shown if pk in pks), None)
        self._select_pks(pks, first)
        if first is not None:
            column = max(self.table.columnAt(0), 0)  # keep the horizontal scroll
            self.table.scrollTo(self.model.index(shown.index(first), column))

    def show_run(self, pk: int) -> bool:
        """Select one run (unfolding its parents), make it current and scroll to
        it; False if the search did not find it."""
        row = self.model.reveal(pk)
        if row < 0:
            return False
        self._select_pks({pk}, pk)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _select_pks(self, pks: set[int], current_pk: int | None) -> None:
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        position = {pk: row for row, pk in enumerate(self.model.run_pks())}
        rows = sorted(position[pk] for pk in pks if pk in position)
        # One range per block of adjacent rows: a range per row costs seconds for
        # 100,000 rows, here and in everything that reads the selection.
        for first, end in _blocks(rows):
            selection.select(self.model.index(first, 0), self.model.index(end, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.table.selectionModel().select(selection, flags)
        if current_pk is not None and current_pk in position:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(position[current_pk], 0),
                QItemSelectionModel.SelectionFlag.NoUpdate,
            )

    def _on_selection_changed(self, *_args) -> None:
        selected = self.selected_pks()
        if not self._syncing:
            self._syncing = True
            self.model.set_checked(selected)
            self._syncing = False
        self.compare_button.setEnabled(len(selected) >= 2)
        self.counts_changed.emit(self.model.match_count(), self.total, len(selected))

    def _on_model_data_changed(self, top_left, bottom_right, roles=()) -> None:
        if self._syncing or Qt.ItemDataRole.CheckStateRole not in roles:
            return
        if top_left != bottom_right:
            return
        row = top_left.row()
        checked = self.model.pk_at(row) in self.model.checked()
        flag = (
            QItemSelectionModel.SelectionFlag.Select
            if checked
            else QItemSelectionModel.SelectionFlag.Deselect
        )
        self._syncing = True
        self.table.selectionModel().select(
            self.model.index(row, 0), flag | QItemSelectionModel.SelectionFlag.Rows
        )
        self._syncing = False
        self._on_selection_changed()

    def _on_current_changed(self, current, _previous) -> None:
        self.run_selected.emit(
            self.model.pk_at(current.row()) if current.isValid() else -1
        )

    def _on_compare_clicked(self) -> None:
        pk_at = self.model.pk_at
        pks = [pk_at(row) for row in self.selected_rows()]  # in table order
        if len(pks) >= 2:
            self.compare_requested.emit(pks)

    def request_compare(self) -> None:
        """Compare the selected runs (the Ctrl+D action)."""
        self._on_compare_clicked()

    # -- cell actions ----------------------------------------------------------------
    def add_filter_clause(self, clause: str) -> None:
        """AND a clause to the filter (replacing a plain run-name search)."""
        text = self.filter_edit.text().strip()
        try:
            expr = parse_filter(text)
        except SearchError:
            expr = None
        if text and expr is not None and getattr(expr, "op", "") != "CONTAINS":
            text = f"{text} and {clause}"
        else:
            text = clause
        self.filter_edit.setText(text)
        self.requery()

    def copy_selection(self) -> None:
        """Copy the selected rows' visible cells as tab-separated text.

        The text is built on the thread pool (thousands of rows take seconds); the
        clipboard gets it when it is ready, and :attr:`message` tells the progress.
        """
        rows = self.selected_rows()
        if not rows:
            return
        header = self.table.horizontalHeader()
        order = [
            header.logicalIndex(v)
            for v in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(v))
        ]
        model = self.model
        columns = [model.columns()[c] for c in order]
        titles = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in order]
        pks = [model.pk_at(row) for row in rows]
        self._copy_cancel.set()
        cancel = self._copy_cancel = threading.Event()
        catalog, parents = self.catalog, model.parent_names()
        self._copy.submit(
            lambda: (
                len(pks),
                catalog.rows_as_text(pks, columns, titles, parents, cancel),
            )
        )
        if len(pks) > COPY_CHUNK:
            text = self.tr("Copying {0} runs…", "", len(pks))
            self.message.emit(text.format(f"{len(pks):,}"))

    def _on_copy_finished(self, result: tuple[int, str]) -> None:
        count, text = result
        QGuiApplication.clipboard().setText(text)
        self.message.emit(self.tr("Copied {0} runs", "", count).format(f"{count:,}"))

    def _on_copy_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self.message.emit(self.tr("Could not copy the runs: {0}").format(message))

    def _on_context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        column = self.model.columns()[index.column()]
        row = self.model.row_data(index.row())
        menu = QMenu(self)
        clause = column.spec.filter_clause(column, row) if row is not None else None
        action = menu.addAction(self.tr("Filter to this value"))
        action.setEnabled(clause is not None)
        if clause is not None:
            action.setToolTip(clause)
            action.triggered.connect(lambda: self.add_filter_clause(clause))
        copy = menu.addAction(self.tr("Copy"))
        copy.triggered.connect(self.copy_selection)
        if column.spec.hideable(column):
            hide = menu.addAction(self.tr("Hide column"))
            hide.triggered.connect(
                lambda: self.set_columns(
                    [c for c in self.model.columns() if c != column]
                )
            )
        compare = menu.addAction(self.tr("Compare selected runs"))
        compare.setEnabled(len(self.selected_pks()) >= 2)
        compare.triggered.connect(self._on_compare_clicked)
        if self.model.tree() is not None:
            self._add_fold_actions(menu, index.row())
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # -- nested runs ---------------------------------------------------------------
    def _add_fold_actions(self, menu: QMenu, row: int) -> None:
        menu.addSeparator()
        if self.model.can_fold(row):
            unfolded = self.model.is_expanded(row)
            one = menu.addAction(
                self.tr("Fold child runs") if unfolded else self.tr("Unfold child runs")
            )
            one.triggered.connect(lambda: self.model.set_expanded(row, not unfolded))
        unfold = menu.addAction(self.tr("Unfold all"))
        unfold.triggered.connect(lambda: self.set_all_unfolded(True))
        fold = menu.addAction(self.tr("Fold all"))
        fold.triggered.connect(lambda: self.set_all_unfolded(False))

    def set_all_unfolded(self, unfold: bool) -> None:
        """Unfold or fold every parent run, keeping the selection shown."""
        keep = self.selected_pks()
        current = self.table.currentIndex()
        current_pk = self.model.pk_at(current.row()) if current.isValid() else None
        self._syncing = True
        self.model.set_all_expanded(unfold)
        self._select_pks(keep, current_pk)
        self._syncing = False
        self._on_selection_changed()

    def _on_nested_toggled(self, nested: bool) -> None:
        self.settings.set_flag("nested_runs", nested)
        self.requery()


def _blocks(rows: list[int]) -> list[tuple[int, int]]:
    """``(first, last)`` of each run of consecutive numbers in sorted ``rows``."""
    blocks: list[tuple[int, int]] = []
    for row in rows:
        if blocks and blocks[-1][1] == row - 1:
            blocks[-1] = (blocks[-1][0], row)
        else:
            blocks.append((row, row))
    return blocks
