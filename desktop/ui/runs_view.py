"""The runs panel: filter box, toolbar and the lazy runs table."""

from __future__ import annotations

import threading
from collections.abc import Callable
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.columns import (
    Column,
    SortKey,
    available_columns,
    default_columns,
)
from desktop.core.marks import MarkChange
from desktop.core.metric_direction import Direction, metric_direction
from desktop.core.row_pages import COPY_CHUNK, RunSearch
from desktop.core.saved_view import SavedView
from desktop.core.search import SearchError, parse_filter
from desktop.core.views import RunScope
from desktop.ui.charts.switch import RunsViewSwitch
from desktop.ui.direction_menu import add_direction_actions
from desktop.ui.i18n import describe, translated
from desktop.ui.run_marks import NoteDialog, RunMarker
from desktop.ui.runs_layout import RunsColumnLayout
from desktop.ui.runs_model import RunsTableModel, column_title
from desktop.ui.runs_table import RunsTable, default_width, fitting_width
from desktop.ui.saved_views import SavedViewsMenu
from desktop.ui.settings import Settings
from desktop.ui.workers import LatestOnly

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog

FILTER_EXAMPLE = "metrics.val_auc > 0.9 and params.max_depth = '10'"
"""A clause the filter box always has room for."""
STAR_COLUMN = Column("local", "starred")
SHOW_HIDDEN = "show_hidden_runs"
"""The settings flag of View ▸ Show hidden runs."""


def filter_width(edit: QLineEdit) -> int:
    """The filter box's least width: the example, the clear button and margins."""
    return edit.fontMetrics().horizontalAdvance(FILTER_EXAMPLE) + 48


class _QueryResult(NamedTuple):
    search: RunSearch
    generation: int
    sorted_at: int
    """The column sorted by (-1: none)."""
    group_by: tuple[Column, ...]


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
    marks_changed = Signal(list)
    """The user starred, hid or annotated these runs (row ids); the store is
    written."""

    def __init__(self, catalog: Catalog, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.settings = settings
        self.experiment_pks: tuple[int, ...] = ()
        self._experiments_key = ""  # stable across re-imports, unlike row ids
        self.sort_key: SortKey | None = None
        self.total = 0
        self.hidden_count = 0
        """Runs of the experiments the user hid (shown or not)."""
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
        self.filter_edit.setToolTip(
            self.tr(
                "MLflow's search syntax, with AND, OR and parentheses:\n"
                "  metrics.val_auc > 0.9 and params.max_depth = '10'\n"
                "  tags.`mlflow.source.name` LIKE '%train%'\n"
                "  attributes.status != 'FAILED'    datasets.name = 'holdout'\n"
                "Your own marks (kept here, never in the source):\n"
                "  local.starred = true    local.hidden = true\n"
                "  local.note LIKE '%baseline%'    local.note IS NOT NULL"
            )
        )
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
        # In the Group by menu and View menu (the bar has no room for a box).
        self.nested = QAction(self.tr("Child runs under parents"), self)
        self.nested.setObjectName("nestedRuns")
        self.nested.setCheckable(True)
        self.nested.setToolTip(
            self.tr(
                "Show child runs (a search's candidates, folds) folded under their"
                " parent run"
            )
        )
        self.nested.setChecked(settings.flag("nested_runs", True))
        self.nested.toggled.connect(self._on_nested_toggled)
        self.group_by: tuple[Column, ...] = ()
        self.group_button = QToolButton(self)
        self.group_button.setObjectName("groupByButton")
        self.group_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.group_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # The text ends in its own arrow: the style's indicator overlaps the text.
        self.group_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.group_button.setToolTip(
            self.tr("Group the runs by a param, tag, status or dataset")
        )
        self.group_menu = QMenu(self.group_button)
        self.group_menu.aboutToShow.connect(self._fill_group_menu)
        self.group_button.setMenu(self.group_menu)
        self._show_group_by()
        # Other panes' parts of a saved view (the charts' layout), by name: a
        # function giving the part for a view and one applying it.
        self.view_parts: dict[str, tuple[Callable[[], object], Callable]] = {}
        self.views_menu = SavedViewsMenu(self)
        self.views_button = QToolButton(self)
        self.views_button.setObjectName("savedViewsButton")
        self.views_button.setText(self.tr("Views") + " ▾")
        self.views_button.setToolTip(
            self.tr("Save the filter, sort, columns and grouping under a name")
        )
        self.views_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.views_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.views_button.setMenu(self.views_menu)
        # In the View menu (the bar has no room for a box).
        self.show_hidden = QAction(self.tr("Show hidden runs"), self)
        self.show_hidden.setObjectName("showHiddenRunsAction")
        self.show_hidden.setCheckable(True)
        self.show_hidden.setToolTip(
            self.tr("Show the runs you hid (dimmed), so that you can unhide them")
        )
        self.show_hidden.setChecked(settings.flag(SHOW_HIDDEN, False))
        self.show_hidden.toggled.connect(self._on_show_hidden)
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
        self.star_action = QAction(self.tr("Star / unstar"), self.table)
        self.star_action.setObjectName("starAction")
        self.star_action.setShortcut(QKeySequence("S"))
        self.star_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.star_action.triggered.connect(
            lambda: self.toggle_star(self.selected_pks())
        )
        self.table.addAction(self.star_action)
        self.table.clicked.connect(self._on_cell_clicked)
        self.marker = RunMarker(catalog, self)
        self.marker.changed.connect(self._on_marks_written)
        self.marker.failed.connect(
            lambda why: self.message.emit(
                self.tr("Could not mark the runs: {0}").format(why)
            )
        )
        self._note_dialog: NoteDialog | None = None

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
        bar.addWidget(self.group_button)
        bar.addWidget(self.views_button)
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
            self._restore_group_by()
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
            self.show_hidden.isChecked(),
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

    def layout_scope(self) -> str:
        """What the settings keep this experiment selection's layout under."""
        return f"exp-{self._experiments_key}"

    def _restore_sort(self) -> None:
        """Sort as the user last sorted these experiments (or not at all)."""
        saved = self.settings.sort(self.layout_scope())
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
            self.layout_scope(), available, [c for c in defaults if c.id in ids]
        )

    def save_layout(self) -> None:
        """Remember the current columns (visual order and widths) for this scope."""
        if self.experiment_pks:
            self.column_layout.save(self.layout_scope(), self.available_columns())

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
        group_by = self.group_by
        header = self.table.horizontalHeader()
        sorted_at = header.sortIndicatorSection() if sort is not None else -1

        def work() -> _QueryResult:
            found = catalog.search(
                scope, expr, sort, columns, first, known, nested, folding, group_by
            )
            return _QueryResult(found, generation, sorted_at, group_by)

        self._restore_selection = self.selected_pks()
        self._query.submit(work)

    def is_busy(self) -> bool:
        """Whether a query is still running or rows are still loading."""
        return (
            self._query.is_busy()
            or self._keys_query.is_busy()
            or self.model.is_loading()
            or self.marker.is_busy()
        )

    def _on_query_finished(self, result: _QueryResult) -> None:
        found = result.search
        self.total = found.total
        self.hidden_count = found.hidden
        keep = self._restore_selection
        current = self.table.currentIndex()
        current_pk = self.model.pk_at(current.row()) if current.isValid() else None
        self._syncing = True
        if result.generation == self.model.generation:
            self.model.set_runs(
                found.pks,
                found.page.rows,
                found.page.parents,
                found.tree,
                found.groups,
                result.group_by,
            )
        else:  # the store or the columns changed meanwhile: rows load anew
            self.model.set_runs(
                found.pks,
                tree=found.tree,
                groups=found.groups,
                group_by=result.group_by,
            )
        self.model.set_sorted_column(result.sorted_at)
        if found.groups:
            self._fit_group_cells()
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
            self.settings.save_sort(self.layout_scope(), saved)
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
        """Row ids of the selected runs (a selected group row stands for its
        runs)."""
        return set(self.model.runs_of_rows(self.selected_rows()))

    def select_runs(self, pks: set[int]) -> None:
        """Select these runs (unfolding their parents, when not too many); the
        first becomes current, in view."""
        hidden = pks - set(self.model.run_pks())  # folded away
        if len(hidden) <= REVEAL_AT_MOST:
            for pk in hidden:
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
        pk = self.model.pk_at(current.row()) if current.isValid() else -1
        self.run_selected.emit(max(pk, -1))  # a group row: no run

    def compare_groups(self) -> dict[str, list[int]] | None:
        """The selected group rows as groups to compare (their runs, by group
        name; a run selected on its own is a group of one), or ``None`` when no
        group row is selected."""
        model = self.model
        rows = self.selected_rows()
        if not any(model.pk_at(row) < 0 for row in rows):
            return None
        groups: dict[str, list[int]] = {}
        for row in rows:
            pk = model.pk_at(row)
            label = model.group_label(pk)
            if label is None:
                data = model.row_data(row)
                label = data.run_name or data.run_id if data is not None else str(pk)
            groups.setdefault(label, []).extend(model.runs_of_rows([row]))
        return groups

    def _on_compare_clicked(self) -> None:
        pks = self.model.runs_of_rows(self.selected_rows())  # in table order
        if len(pks) >= 2:
            self.compare_requested.emit(pks)

    def request_compare(self) -> None:
        """Compare the selected runs (the Ctrl+D action)."""
        self._on_compare_clicked()

    # -- marks -----------------------------------------------------------------------
    def _on_show_hidden(self, shown: bool) -> None:
        self.settings.set_flag(SHOW_HIDDEN, shown)
        self.requery()

    def _marked_rows(self, pks: set[int]) -> list:
        """The rows of ``pks`` the model has (current or last known)."""
        rows = (self.model.known_run(pk) for pk in pks)
        return [row for row in rows if row is not None]

    def toggle_star(self, pks: set[int]) -> None:
        """Star these runs, or unstar them when every one is starred."""
        if not pks:
            return
        rows = self._marked_rows(pks)
        starred = bool(rows) and all(row.starred for row in rows)
        self.marker.mark(sorted(pks), MarkChange(starred=not starred))

    def set_hidden(self, pks: set[int], hidden: bool) -> None:
        """Hide these runs (or show them again)."""
        self.marker.mark(sorted(pks), MarkChange(hidden=hidden))

    def edit_note(self, pks: set[int], current: str | None = None) -> None:
        """Open the note dialog for these runs (showing ``current``, else their
        note when they share one); OK writes the note (empty: none)."""
        if not pks:
            return
        if current is None:
            notes = {row.note or "" for row in self._marked_rows(pks)}
            current = notes.pop() if len(notes) == 1 else ""
        dialog = NoteDialog(current, len(pks), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        targets = sorted(pks)
        dialog.accepted.connect(
            lambda: self.marker.mark(targets, MarkChange(note=dialog.note()))
        )
        self._note_dialog = dialog
        dialog.destroyed.connect(lambda _o=None: setattr(self, "_note_dialog", None))
        dialog.open()

    @property
    def note_dialog(self) -> NoteDialog | None:
        """The note dialog while it is open."""
        return self._note_dialog

    def _on_marks_written(self, pks: list[int]) -> None:
        self.reload()  # filters and hidden runs may depend on the marks
        self.marks_changed.emit(pks)

    def _on_cell_clicked(self, index) -> None:
        columns = self.model.columns()
        if not index.isValid() or columns[index.column()] != STAR_COLUMN:
            return
        pk = self.model.pk_at(index.row())
        if pk >= 0:  # not a group row
            self.toggle_star({pk})

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
        self._add_mark_actions(menu, index.row())
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

    # -- saved views -----------------------------------------------------------------
    def view_state(self, name: str) -> SavedView:
        """What is shown now, as a view named ``name``."""
        sort = self.settings.sort(self.layout_scope()) if self.sort_key else None
        return SavedView(
            name=name,
            filter=self.filter_edit.text(),
            sort=sort,
            columns=self.settings.column_layout(self.layout_scope()) or [],
            group_by=tuple(c.id for c in self.group_by),
            nested=self.nested.isChecked(),
            parts={key: get() for key, (get, _set) in self.view_parts.items()},
        )

    def apply_view(self, view: SavedView) -> None:
        """Show the runs as ``view`` says (what it names that these experiments
        lack is left out)."""
        scope = self.layout_scope()
        if view.columns:
            self.settings.save_column_layout(scope, view.columns)
            self._apply_keys(self._keys)
        self.settings.save_sort(scope, view.sort)
        self._restore_sort()
        self.settings.save_group_by(scope, list(view.group_by))
        self._restore_group_by()
        blocked = self.nested.blockSignals(True)  # one query below, not two
        self.nested.setChecked(view.nested)
        self.nested.blockSignals(blocked)
        self.settings.set_flag("nested_runs", view.nested)
        for key, (_get, apply) in self.view_parts.items():
            if key in view.parts:
                apply(view.parts[key])
        blocked = self.filter_edit.blockSignals(True)
        self.filter_edit.setText(view.filter)
        self.filter_edit.blockSignals(blocked)
        self.requery()

    # -- grouping --------------------------------------------------------------------
    def group_choices(self) -> list[Column]:
        """What the runs can be grouped by: status, the dataset, params, tags."""
        choices = [Column("attribute", "status")]
        if self._keys.get("dataset"):
            choices.append(Column("dataset", "name"))
        for kind in ("param", "tag"):
            keys = sorted(k for k, _count in self._keys.get(kind, []))
            keys.sort(key=lambda k: k.startswith("mlflow."))  # MLflow's own last
            choices.extend(Column(kind, k) for k in keys)
        return choices

    def set_group_by(self, columns: tuple[Column, ...]) -> None:
        """Group the runs by these columns (at most two; none: not grouped)."""
        columns = tuple(dict.fromkeys(columns))[:2]
        if columns == self.group_by:
            return
        self.group_by = columns
        if self.experiment_pks:
            self.settings.save_group_by(self.layout_scope(), [c.id for c in columns])
        self._show_group_by()
        self.requery()

    def _fit_group_cells(self) -> None:
        """Widen the metric columns that cut the group rows' mean [min, max]."""
        model, metrics = self.model, self.table.fontMetrics()
        rows = [r for r in range(min(model.rowCount(), 500)) if model.pk_at(r) < 0]
        for column, spec in enumerate(model.columns()):
            if spec.kind != "metric":
                continue
            texts = [str(model.index(r, column).data() or "") for r in rows]
            needed = fitting_width(metrics, texts, 16)
            if self.table.columnWidth(column) < needed:
                self.table.setColumnWidth(column, needed)

    def _restore_group_by(self) -> None:
        ids = self.settings.group_by(self.layout_scope())
        saved = [Column.from_id(i) for i in ids]
        choices = set(self.group_choices())
        self.group_by = tuple(c for c in saved if c is not None and c in choices)
        self._show_group_by()

    def _show_group_by(self) -> None:
        if not self.group_by:
            self.group_button.setText(self.tr("Group by") + " ▾")
            return
        names = ", ".join(column_title(c) for c in self.group_by)
        self.group_button.setText(self.tr("Grouped by {0}").format(names) + " ▾")

    def _fill_group_menu(self) -> None:
        menu = self.group_menu
        menu.clear()
        none = menu.addAction(self.tr("No grouping"))
        none.setCheckable(True)
        none.setChecked(not self.group_by)
        none.triggered.connect(lambda: self.set_group_by(()))
        menu.addAction(self.nested)  # how runs show when not grouped
        menu.addSeparator()
        self._add_group_choices(menu, 0)
        if self.group_by:
            then = menu.addMenu(self.tr("Then by"))
            self._add_group_choices(then, 1)

    def _add_group_choices(self, menu: QMenu, level: int) -> None:
        submenus: dict[str, QMenu] = {}
        titles = {"param": self.tr("Param"), "tag": self.tr("Tag")}
        for column in self.group_choices():
            if level == 1 and column == self.group_by[0]:
                continue
            target = menu
            if column.kind in titles:
                if column.kind not in submenus:
                    submenus[column.kind] = menu.addMenu(titles[column.kind])
                target = submenus[column.kind]
            action = target.addAction(column_title(column))
            action.setCheckable(True)
            action.setChecked(
                len(self.group_by) > level and self.group_by[level] == column
            )
            chosen = (*self.group_by[:level], column)
            action.triggered.connect(lambda _c=False, g=chosen: self.set_group_by(g))

    def _on_nested_toggled(self, nested: bool) -> None:
        self.settings.set_flag("nested_runs", nested)
        self.requery()

    def _add_mark_actions(self, menu: QMenu, row: int) -> None:
        """Star, Hide and Edit note for the selected runs (or the clicked one)."""
        selected = self.selected_pks()
        clicked = set(self.model.runs_of_rows([row]))  # a group row: its runs
        pks = selected if clicked and clicked <= selected else clicked
        if not pks:
            return
        rows = self._marked_rows(pks)
        menu.addSeparator()
        starred = bool(rows) and all(r.starred for r in rows)
        keys = self.star_action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText
        )  # shown, not bound: the table's action has the key
        star = menu.addAction(
            (self.tr("Unstar") if starred else self.tr("Star")) + f"\t{keys}"
        )
        star.setObjectName("unstarRunsAction" if starred else "starRunsAction")
        star.triggered.connect(lambda: self.toggle_star(pks))
        hidden = bool(rows) and all(r.hidden for r in rows)
        hide = menu.addAction(self.tr("Unhide") if hidden else self.tr("Hide"))
        hide.setObjectName("unhideRunsAction" if hidden else "hideRunsAction")
        hide.triggered.connect(lambda: self.set_hidden(pks, not hidden))
        note = menu.addAction(self.tr("Edit note…"))
        note.setObjectName("editNoteAction")
        note.triggered.connect(lambda: self.edit_note(pks))


def _blocks(rows: list[int]) -> list[tuple[int, int]]:
    """``(first, last)`` of each run of consecutive numbers in sorted ``rows``."""
    blocks: list[tuple[int, int]] = []
    for row in rows:
        if blocks and blocks[-1][1] == row - 1:
            blocks[-1] = (blocks[-1][0], row)
        else:
            blocks.append((row, row))
    return blocks
