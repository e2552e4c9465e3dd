"""The runs table model: an ordered list of run ids with rows fetched in pages.

Following Anki's browser table, the model holds only the ids that a store query
returned, in order, plus a cache of rendered rows. Sorting and filtering happen in
the database (asked through :class:`desktop.services.catalog.Catalog`), on a worker
thread: the model just receives a new id list, usually with the rows on screen
already fetched.

A page of rows costs the database 30-80 ms, too long for the GUI thread, so
``data()`` never queries: a row that is not cached asks for its page on the thread
pool and shows its last known content meanwhile (blank if it has none), and the
cells repaint when the page arrives. After the store changed, :meth:`refresh_rows`
keeps the old rows on screen until their fresh pages replace them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core.columns import Align, Column
from desktop.core.formatting import format_number
from desktop.core.metric_direction import Direction
from desktop.core.row_pages import PAGE, RowPage, page_bounds, page_runs
from desktop.core.run_groups import MetricStats, RunGroup
from desktop.core.run_tree import Folding, RunTree
from desktop.core.views import RunRow
from desktop.ui.i18n import translated
from desktop.ui.icons import status_icon
from desktop.ui.theme import readable
from desktop.ui.workers import TaggedJobs

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog

# Rows kept in memory; beyond this the cache shrinks to the newest page.
CACHE_ROWS = 20 * PAGE
RUN_PK_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
FOLD_ROLE = Qt.ItemDataRole.UserRole + 3
"""Of the first column: ``(depth, state)``, state ``None`` for a run without
children, else whether it is unfolded; ``None`` while runs are shown flat."""

_Role = Qt.ItemDataRole
_DISPLAY = int(_Role.DisplayRole)
_CHECK = int(_Role.CheckStateRole)
_ALIGN = int(_Role.TextAlignmentRole)
_DECORATION = int(_Role.DecorationRole)
_FONT = int(_Role.FontRole)
_FOREGROUND = int(_Role.ForegroundRole)
# The roles data() answers; the view asks for others too (background, size hint).
_ROLES = frozenset(
    {
        _DISPLAY,
        _CHECK,
        _ALIGN,
        _DECORATION,
        _FONT,
        _FOREGROUND,
        int(_Role.ToolTipRole),
        int(RUN_PK_ROLE),
        int(SORT_ROLE),
        int(FOLD_ROLE),
    }
)
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_ALIGNMENTS = {Align.END: _RIGHT, Align.CENTER: _CENTER}
_ASCENDING, _DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
_DELETED_BRUSH = QBrush(QColor("#8a8f98"))
_NESTED_PREFIX = "↳ "  # the flat table's mark of a child run, not needed indented
_HIDDEN_BRUSH = _DELETED_BRUSH  # shown only with "Hidden runs": dimmed
_STAR_BRUSH = QBrush(QColor("#e0a800"))
_STAR = Column("local", "starred")
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FIRST_CELL_FLAGS = _CELL_FLAGS | Qt.ItemFlag.ItemIsUserCheckable

Index = QModelIndex | QPersistentModelIndex


@cache
def _struck_font() -> QFont:
    """The font of deleted runs (made once a QGuiApplication exists)."""
    font = QFont()
    font.setStrikeOut(True)
    return font


@cache
def _bold_font() -> QFont:
    """The font of group rows."""
    font = QFont()
    font.setBold(True)
    return font


@cache
def _italic_font() -> QFont:
    """The font of values that are not the row's own (a folded parent's best)."""
    font = QFont()
    font.setItalic(True)
    return font


def display_text(column: Column, row: RunRow, parents: Mapping[str, str]) -> str:
    """A cell's text in the table (``parents``: run names by run id)."""
    return column.spec.text(column, row, parents)


class RunsTableModel(QAbstractTableModel):
    """Runs as rows, chosen columns (attributes, params, metrics, tags) as columns.

    Nested runs (given a :class:`RunTree`) show under their parents, folded until
    the user unfolds them: the rows are the tree's visible runs.
    """

    folding_changed = Signal()
    """Rows appeared or went because a parent was unfolded or folded."""

    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._pks: list[int] = []
        self._matched: list[int] = []
        self._tree: RunTree | None = None
        self._unfolded: set[int] = set()
        self._folded: set[int] = set()  # context runs (see Folding)
        self._groups: dict[int, RunGroup] = {}
        self._group_by: tuple[Column, ...] = ()
        self._sorted_at = -1
        self._columns: list[Column] = [Column("attribute", "run_name")]
        # Rows as the store holds them now, and rows from before the last change,
        # shown until fresh ones replace them.
        self._rows: dict[int, RunRow] = {}
        self._stale: dict[int, RunRow] = {}
        self._checked: set[int] = set()
        self._parents: dict[str, str] = {}
        # Per row, its cells' texts; per column, its alignment; the status column.
        self._painted: dict[int, tuple[RunRow, list[str]]] = {}
        self._alignments: list[int | None] = [None]
        self._status_at = -1
        # Bumped whenever cached rows stop being current; pages fetched for an
        # older generation are dropped.
        self._generation = 0
        self._requested: set[int] = set()
        self._pages = TaggedJobs(self)
        self._pages.finished.connect(self._on_page)
        self._pages.failed.connect(self._on_page_failed)
        self.metric_directions: Mapping[str, Direction] = {}
        """The user's higher/lower-is-better choices: a first click shows the best."""

    # -- content -----------------------------------------------------------------
    def set_runs(
        self,
        pks: Sequence[int],
        rows: dict[int, RunRow] | None = None,
        parents: dict[str, str] | None = None,
        tree: RunTree | None = None,
        groups: dict[int, RunGroup] | None = None,
        group_by: tuple[Column, ...] = (),
    ) -> None:
        """Show these runs, in this order (nested as ``tree`` has them, if given,
        under ``groups`` by the columns ``group_by`` when grouped).

        ``rows`` (and their ``parents`` names) are current rows fetched with the
        model's columns, typically those on screen; the others load as needed.
        """
        self.beginResetModel()
        self._matched = list(pks)
        self._tree = tree
        self._groups = dict(groups or {})
        self._group_by = tuple(group_by) if groups else ()
        self._pks = self._matched if tree is None else tree.visible(self.folding())
        self._painted.clear()  # fold marks and counts may differ
        if rows:
            self._rows.update(rows)
            self._requested.difference_update(rows)
        self._add_parents(parents)
        self._checked &= set(self._pks)
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show these columns (the first, a checkbox plus the run name, stays)."""
        self.beginResetModel()
        self._columns = list(columns)
        self._alignments = [_ALIGNMENTS.get(c.spec.align(c)) for c in self._columns]
        status = Column("attribute", "status")
        self._status_at = next(
            (i for i, c in enumerate(self._columns) if c == status), -1
        )
        self._painted.clear()
        self._forget_rows()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """The store changed: fetch the rows again, showing the old ones meanwhile."""
        self._forget_rows()
        self._repaint()

    @property
    def generation(self) -> int:
        """Changes whenever the cached rows stop being current."""
        return self._generation

    def known_parents(self) -> frozenset[str]:
        """Parent run ids whose names the model has."""
        return frozenset(self._parents)

    def parent_names(self) -> dict[str, str]:
        """A copy of the parent run names the model has, by run id."""
        return dict(self._parents)

    def _repaint(self) -> None:
        if self._pks:  # the view repaints the part it shows
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._pks) - 1, len(self._columns) - 1)
            )

    def _add_parents(self, names: dict[str, str] | None) -> None:
        if names:
            self._parents.update(names)
            self._painted.clear()  # parent columns show these names

    def _forget_rows(self) -> None:
        self._generation += 1
        self._requested.clear()
        stale = self._stale | self._rows
        self._stale = stale if len(stale) <= CACHE_ROWS else self._rows
        self._rows = {}

    def columns(self) -> list[Column]:
        """The columns shown, in model order."""
        return list(self._columns)

    def set_sorted_column(self, column: int) -> None:
        """The column the rows are sorted by (-1: none): a folded parent shows its
        best descendant's value there."""
        if column != self._sorted_at:
            self._sorted_at = column
            self._repaint()

    def run_pks(self) -> list[int]:
        """Every run id shown, in row order (not those folded away)."""
        return list(self._pks)

    def matched_pks(self) -> list[int]:
        """Every run the search found, folded or not (parents before their
        children when nested; not the parents shown only for their children)."""
        return self._matched if self._tree is None else self._tree.matched()

    def match_count(self) -> int:
        """How many runs the search found."""
        return len(self._matched)

    # -- folding -------------------------------------------------------------------
    def tree(self) -> RunTree | None:
        """The nesting of the runs shown (``None``: shown flat)."""
        return self._tree

    def folding(self) -> Folding:
        """What the user unfolded and folded (kept across searches)."""
        return Folding(frozenset(self._unfolded), frozenset(self._folded))

    def can_fold(self, row: int) -> bool:
        """Whether the run at ``row`` has children to fold or unfold."""
        tree = self._tree
        return (
            tree is not None
            and 0 <= row < len(self._pks)
            and tree.has_children(self._pks[row])
        )

    def is_expanded(self, row: int) -> bool:
        """Whether the run at ``row`` shows its children."""
        return self.can_fold(row) and self._is_open(self._pks[row])

    def _is_open(self, pk: int) -> bool:
        tree = self._tree
        return tree is not None and tree.is_open(pk, self._unfolded, self._folded)

    def set_expanded(self, row: int, unfold: bool) -> None:
        """Unfold (show the children of) or fold the run at ``row``."""
        tree = self._tree
        if tree is None or not self.can_fold(row):
            return
        pk = self._pks[row]
        if self._is_open(pk) == unfold:
            return
        if unfold:
            self._unfolded.add(pk)
            self._folded.discard(pk)
            below = tree.unfolded_below(pk, self._unfolded, self._folded)
            self.beginInsertRows(QModelIndex(), row + 1, row + len(below))
            self._pks[row + 1 : row + 1] = below
            self.endInsertRows()
        else:
            below = tree.unfolded_below(pk, self._unfolded, self._folded)
            self._unfolded.discard(pk)
            if pk in tree.context:
                self._folded.add(pk)
            self.beginRemoveRows(QModelIndex(), row + 1, row + len(below))
            del self._pks[row + 1 : row + 1 + len(below)]
            self.endRemoveRows()
            self._checked.difference_update(below)
        self._painted.pop(pk, None)
        last = len(self._columns) - 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        self.folding_changed.emit()

    def toggle_expanded(self, row: int) -> None:
        """Fold an unfolded run, unfold a folded one."""
        self.set_expanded(row, not self.is_expanded(row))

    def set_all_expanded(self, unfold: bool) -> None:
        """Unfold or fold every parent (the rows are laid out anew)."""
        tree = self._tree
        if tree is None:
            return
        parents = {pk for pk, size in zip(tree.nodes, tree.sizes, strict=True) if size}
        self._unfolded = parents if unfold else set()
        self._folded = set() if unfold else parents & tree.context
        self.beginResetModel()
        self._pks = tree.visible(self.folding())
        self._checked &= set(self._pks)
        self._painted.clear()
        self.endResetModel()
        self.folding_changed.emit()

    def reveal(self, pk: int) -> int:
        """Unfold the ancestors of run ``pk``; its row (-1: not shown)."""
        if self._tree is not None:
            for ancestor in self._tree.ancestors(pk):
                row = self.row_of(ancestor)
                if row >= 0:
                    self.set_expanded(row, True)
        return self.row_of(pk)

    def parent_row(self, row: int) -> int:
        """The row of the parent of the run at ``row`` (-1: top level)."""
        tree = self._tree
        if tree is None or not 0 <= row < len(self._pks):
            return -1
        parent = tree.parents.get(self._pks[row])
        return -1 if parent is None else self.row_of(parent)

    def pk_at(self, row: int) -> int:
        """The run row id at ``row``."""
        return self._pks[row]

    def row_of(self, pk: int) -> int:
        """The row of a run id, or -1."""
        try:
            return self._pks.index(pk)
        except ValueError:
            return -1

    def is_loading(self) -> bool:
        """Whether pages of rows are still being fetched."""
        return bool(self._requested)

    def row_data(self, row: int) -> RunRow | None:
        """The current row at ``row``, fetched now if needed (for explicit actions)."""
        if not 0 <= row < len(self._pks):
            return None
        pk = self._pks[row]
        if pk not in self._rows:
            self.load_rows(range(*page_bounds(row, len(self._pks))))
        return self._rows.get(pk)

    def load_rows(self, rows: Sequence[int]) -> None:
        """Fetch the rows at these positions that are not current, now."""
        missing = [self._pks[r] for r in rows if self._pks[r] not in self._rows]
        for start in range(0, len(missing), 10 * PAGE):
            chunk = missing[start : start + 10 * PAGE]
            page = self.catalog.row_page(chunk, self._columns, self.known_parents())
            self._rows.update(page.rows)
            self._add_parents(page.parents)

    def known_run(self, pk: int) -> RunRow | None:
        """Run ``pk``'s row as last fetched (current or not), never fetched now."""
        return self._rows.get(pk) or self._stale.get(pk)

    def _cached(self, row: int) -> RunRow | None:
        """The row to paint: current, else last known (asking for its page)."""
        pk = self._pks[row]
        current = self._rows.get(pk)
        if current is not None:
            return current
        if pk not in self._requested:
            self._request_page(row)
        return self._stale.get(pk)

    def _request_page(self, row: int) -> None:
        start, end = page_bounds(row, len(self._pks))
        pks = [
            pk
            for pk in page_runs(self._pks[start:end], self._tree)
            if pk not in self._rows and pk not in self._requested
        ]
        if not pks:
            return
        self._requested.update(pks)
        catalog, columns = self.catalog, list(self._columns)
        known = self.known_parents()
        self._pages.submit(
            (self._generation, pks), lambda: catalog.row_page(pks, columns, known)
        )

    def _on_page(self, tag: tuple[int, list[int]], result: object) -> None:
        generation, pks = tag
        if generation != self._generation:
            return  # fetched before the store or the columns changed
        page = cast(RowPage, result)
        rows, parents = page.rows, page.parents
        self._requested.difference_update(pks)
        if len(self._rows) + len(rows) > CACHE_ROWS:  # keep memory flat
            # Still current: painted as they are until fetched again.
            self._stale, self._rows = self._rows, {}
        self._rows.update(rows)
        self._add_parents(parents)
        for pk in rows:
            self._stale.pop(pk, None)
        self._repaint()  # wherever the rows are now

    def _on_page_failed(self, tag: tuple[int, list[int]], _exc: Exception) -> None:
        # Asked again when the rows are next painted (a scroll, a refresh).
        self._requested.difference_update(tag[1])

    # -- checked runs ------------------------------------------------------------
    def checked(self) -> set[int]:
        """Run ids whose checkbox is ticked."""
        return set(self._checked)

    def set_checked(self, pks: set[int]) -> None:
        """Tick exactly these runs."""
        changed = pks ^ self._checked
        self._checked = set(pks) & set(self._pks) if self._pks else set(pks)
        if changed and self._pks:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._pks) - 1, 0),
                [Qt.ItemDataRole.CheckStateRole],
            )

    # -- Qt model API --------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() != 0 or self._pks[index.row()] < 0:  # groups: no box
            return _CELL_FLAGS
        return _FIRST_CELL_FLAGS

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not (
            0 <= section < len(self._columns)
        ):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column_tooltip(column)
        if role == Qt.ItemDataRole.ForegroundRole and column.spec.header_color:
            return QBrush(readable(QColor(column.spec.header_color)))
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            descending = column.best_first_descending(self.metric_directions)
            return (_DESCENDING if descending else _ASCENDING).value
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        # Called for every role of every painted cell: thousands of times per
        # repaint, so roles are plain ints and texts are rendered once per row.
        role = int(role)
        if role not in _ROLES:
            return None
        position = index.row()
        if not 0 <= position < len(self._pks):
            return None
        if self._pks[position] < 0 and role not in (RUN_PK_ROLE, FOLD_ROLE):
            return self._group_data(self._pks[position], index.column(), role)
        if role == _CHECK:
            if index.column() != 0:
                return None
            checked = self._pks[position] in self._checked
            return _CHECKED if checked else _UNCHECKED
        if role == RUN_PK_ROLE:
            return self._pks[position]
        if role == FOLD_ROLE:
            return self._fold(position) if index.column() == 0 else None
        column_index = index.column()
        if role == _ALIGN:
            return self._alignments[column_index]
        row = self._cached(position)
        if row is None:
            return None
        best = self._best_below(position, column_index)
        if role == _DISPLAY:
            if best is not None:
                return self._texts(best)[column_index]
            return self._texts(row)[column_index]
        if role == _DECORATION:
            return status_icon(row.status) if column_index == self._status_at else None
        if role == _FONT:
            if row.lifecycle_stage == "deleted":
                return _struck_font()
            return _italic_font() if best is not None else None
        if role == _FOREGROUND:
            if row.lifecycle_stage == "deleted" or row.hidden:
                return _HIDDEN_BRUSH
            if self._is_context(row.pk):
                return _DELETED_BRUSH
            return _STAR_BRUSH if self._columns[column_index] == _STAR else None
        column = self._columns[column_index]
        if role == SORT_ROLE:
            return column.spec.value(column, row)
        return self._tooltip(column, row, best)  # the only role left

    # -- groups --------------------------------------------------------------------
    def grouped_by(self) -> tuple[Column, ...]:
        """The columns the runs are grouped by (none: not grouped)."""
        return self._group_by

    def runs_of_rows(self, rows: Sequence[int]) -> list[int]:
        """The runs at these rows, a group row standing for its runs (each once,
        in table order)."""
        tree, found, seen = self._tree, [], set()
        for row in rows:
            pk = self._pks[row]
            if pk >= 0:
                members = [pk]
            elif tree is not None:
                at = tree.position[pk]
                below = tree.nodes[at + 1 : at + 1 + tree.sizes[at]]
                members = [p for p in below if p >= 0]
            else:
                members = []
            for member in members:
                if member not in seen:
                    seen.add(member)
                    found.append(member)
        return found

    def group_members(self) -> dict[str, list[int]] | None:
        """Each innermost group's runs by its name (``None``: not grouped)."""
        tree = self._tree
        if tree is None or not self._groups:
            return None
        deepest = len(self._group_by) - 1
        found: dict[str, list[int]] = {}
        for pk, group in self._groups.items():
            if len(group.values) - 1 != deepest:
                continue
            at = tree.position[pk]
            below = tree.nodes[at + 1 : at + 1 + tree.sizes[at]]
            found[self.group_label(pk) or str(pk)] = [p for p in below if p >= 0]
        return found

    def group_label(self, pk: int) -> str | None:
        """A group row's name: its values down to it (``None``: not a group)."""
        group = self._groups.get(pk)
        if group is None:
            return None
        none = self.tr("(none)")
        return " · ".join(
            f"{column_title(column)}={none if value is None else value}"
            for column, value in zip(self._group_by, group.values, strict=False)
        )

    def _group_data(self, pk: int, column_index: int, role: int) -> object:
        group = self._groups.get(pk)
        if group is None:
            return None
        level = len(group.values) - 1
        column = self._columns[column_index]
        if role == _DISPLAY:
            if column_index == 0:
                title = column_title(self._group_by[level])
                value = group.values[-1]
                shown = self.tr("(none)") if value is None else value
                return f"{title}: {shown}  ({group.runs:,})"
            if column in self._group_by:  # its value, from its level down
                at = self._group_by.index(column)
                value = group.values[at] if at <= level else None
                return "" if value is None else value
            stats = group.stats.get(column.id)
            if stats is None:
                return ""
            return group_cell_text(stats)
        if role == _FONT:
            return _bold_font() if column_index == 0 else None
        if role == _ALIGN:
            return self._alignments[column_index]
        if role == int(Qt.ItemDataRole.ToolTipRole):
            if column_index == 0:
                return self.tr("{0} runs", "", group.runs).format(f"{group.runs:,}")
            stats = group.stats.get(column.id)
            if stats is None:
                return None
            return "\n".join(
                [
                    self.tr("Mean of {0} runs: {1}", "", stats.runs).format(
                        f"{stats.runs:,}", format_number(stats.mean)
                    ),
                    self.tr("Min: {0}").format(format_number(stats.min)),
                    self.tr("Max: {0}").format(format_number(stats.max)),
                    self.tr("Standard deviation: {0}").format(format_number(stats.std)),
                ]
            )
        return None

    def _fold(self, position: int) -> tuple[int, bool | None] | None:
        tree = self._tree
        if tree is None:
            return None
        pk = self._pks[position]
        state = self._is_open(pk) if tree.has_children(pk) else None
        return tree.depth(pk), state

    def _is_context(self, pk: int) -> bool:
        return self._tree is not None and pk in self._tree.context

    def _best_below(self, position: int, column: int) -> RunRow | None:
        """In the sorted column of a folded parent, the row of its best
        descendant (what placed the family there), when that is not itself."""
        tree = self._tree
        if tree is None or column != self._sorted_at:
            return None
        pk = self._pks[position]
        best = tree.best.get(pk)
        if best is None or self._is_open(pk):
            return None
        return self._rows.get(best) or self._stale.get(best)

    def _texts(self, row: RunRow) -> list[str]:
        """Every cell's text of a row, rendered on its first paint."""
        painted = self._painted.get(row.pk)
        if painted is not None and painted[0] is row:
            return painted[1]
        if len(self._painted) > 2 * CACHE_ROWS:
            self._painted.clear()
        parents = self._parents
        texts = [display_text(column, row, parents) for column in self._columns]
        tree = self._tree
        if tree is not None and row.pk in tree.position:
            name = texts[0]
            if tree.depth(row.pk) and name.startswith(_NESTED_PREFIX):
                name = name[len(_NESTED_PREFIX) :]  # indented under its parent
            if count := tree.counts.get(row.pk):
                name = f"{name}  ({count:,})"
            texts[0] = name
        self._painted[row.pk] = (row, texts)
        return texts

    def setData(
        self,
        index: Index,
        value: object,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        pk = self._pks[index.row()]
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(pk)
        else:
            self._checked.discard(pk)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def _tooltip(
        self, column: Column, row: RunRow, best: RunRow | None = None
    ) -> str | None:
        lines = [
            translated(line)
            for line in column.spec.cell_tooltip(column, row, self._parents)
        ]
        tree = self._tree
        if best is not None and tree is not None:
            count = tree.counts.get(row.pk, 0)
            own = display_text(column, row, self._parents) or "—"
            lines[:0] = [
                self.tr("Best of the {0} runs below: {1}", "", count).format(
                    f"{count:,}", best.run_name or best.run_id
                ),
                self.tr("This run's own value: {0}").format(own),
            ]
        elif column.key == "run_name" and column.kind == "attribute" and tree:
            if row.pk in tree.context:
                lines.append(self.tr("Shown because runs below it match the filter"))
            if below := tree.counts.get(row.pk):
                lines.append(self.tr("{0} runs below", "", below).format(f"{below:,}"))
        return "\n".join(lines) if lines else None


def group_cell_text(stats: MetricStats) -> str:
    """A group row's metric cell: the mean, then the range, short."""
    return f"{stats.mean:.4g}  [{stats.min:.3g}, {stats.max:.3g}]"


def column_title(column: Column) -> str:
    """A column's header text."""
    return translated(column.spec.title(column))


def column_tooltip(column: Column) -> str:
    """A column's header tooltip: the filter name of what it shows."""
    return translated(column.spec.tooltip(column))
