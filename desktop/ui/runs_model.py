"""The runs table model: an ordered list of run ids with rows fetched in pages.

Following Anki's browser table, the model holds only the ids that a store query
returned, in order, plus a cache of rendered rows; ``data()`` fetches a page of rows
on a cache miss. Sorting and filtering happen in the database (see
:mod:`desktop.store.run_query`), on a worker thread: the model just receives a new
id list.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core.views import RunRow
from desktop.store import queries
from desktop.store.database import Store
from desktop.ui.columns import (
    ATTRIBUTE_TITLES,
    METRIC_FIELD_NAMES,
    Column,
    cell_text,
    cell_value,
    format_time,
)
from desktop.ui.i18n import translated
from desktop.ui.icons import status_icon
from desktop.ui.theme import readable

PAGE = 200
GROUP_COLORS = {
    "param": QColor("#6a4fb3"),
    "metric": QColor("#1f7a6d"),
    "tag": QColor("#8a6d1f"),
}
RUN_PK_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class RunsTableModel(QAbstractTableModel):
    """Runs as rows, chosen columns (attributes, params, metrics, tags) as columns."""

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self._pks: list[int] = []
        self._columns: list[Column] = [Column("attribute", "run_name")]
        self._rows: dict[int, RunRow] = {}
        self._checked: set[int] = set()
        self._parents: dict[str, str] = {}

    # -- content -----------------------------------------------------------------
    def set_runs(self, pks: Sequence[int]) -> None:
        """Show these runs, in this order."""
        self.beginResetModel()
        self._pks = list(pks)
        self._rows.clear()
        self._checked &= set(self._pks)
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show these columns (the first, a checkbox plus the run name, stays)."""
        self.beginResetModel()
        self._columns = list(columns)
        self._rows.clear()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Drop cached rows (their data changed) and repaint."""
        self._rows.clear()
        if self._pks:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._pks) - 1, len(self._columns) - 1)
            )

    def columns(self) -> list[Column]:
        """The columns shown, in model order."""
        return list(self._columns)

    def run_pks(self) -> list[int]:
        """Every run id in the model, in row order."""
        return list(self._pks)

    def pk_at(self, row: int) -> int:
        """The run row id at ``row``."""
        return self._pks[row]

    def row_of(self, pk: int) -> int:
        """The row of a run id, or -1."""
        try:
            return self._pks.index(pk)
        except ValueError:
            return -1

    def row_data(self, row: int) -> RunRow | None:
        """The loaded row at ``row`` (fetching its page if needed)."""
        if not 0 <= row < len(self._pks):
            return None
        pk = self._pks[row]
        if pk not in self._rows:
            self._fetch_page(row)
        return self._rows.get(pk)

    def _fetch_page(self, row: int) -> None:
        start = max(0, row - PAGE // 4)
        page = [pk for pk in self._pks[start : start + PAGE] if pk not in self._rows]
        cols = self._columns
        params = [c.key for c in cols if c.kind == "param"]
        metrics = list({c.key for c in cols if c.kind == "metric"})
        tags = [c.key for c in cols if c.kind == "tag"] + ["mlflow.source.name"]
        with self.store.engine.connect() as conn:
            self._rows.update(queries.run_rows(conn, page, params, metrics, tags))
            parents = {
                r.parent_run_id
                for r in self._rows.values()
                if r.parent_run_id and r.parent_run_id not in self._parents
            }
            if parents:
                self._parents.update(queries.run_names(conn, parents))
        if len(self._rows) > 20 * PAGE:  # keep memory flat while scrolling far
            keep = set(self._pks[start : start + PAGE])
            self._rows = {pk: r for pk, r in self._rows.items() if pk in keep}

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
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

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
        if role == Qt.ItemDataRole.ForegroundRole and column.kind in GROUP_COLORS:
            return QBrush(readable(GROUP_COLORS[column.kind]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._pks):
            return None
        if role == RUN_PK_ROLE:
            return self._pks[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            if index.column() != 0:
                return None
            pk = self._pks[index.row()]
            return (
                Qt.CheckState.Checked
                if pk in self._checked
                else Qt.CheckState.Unchecked
            )
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
            SORT_ROLE,
        ):
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = cell_text(column, row)
            if column.kind == "attribute" and column.key == "run_name":
                text = text or row.run_id[:8]
                if row.parent_run_id:
                    text = "↳ " + text
            if column.kind == "attribute" and column.key == "parent_run_id":
                return self._parents.get(row.parent_run_id or "", text)
            return text
        if role == SORT_ROLE:
            return cell_value(column, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, row)
        if role == Qt.ItemDataRole.DecorationRole:
            if column.kind == "attribute" and column.key == "status":
                return status_icon(row.status)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind == "metric" or column.key == "duration":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.FontRole and row.lifecycle_stage == "deleted":
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.lifecycle_stage == "deleted":
            return QBrush(QColor("#8a8f98"))
        return None

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

    def _tooltip(self, column: Column, row: RunRow) -> str:
        if column.kind == "attribute" and column.key == "run_name":
            lines = [
                row.run_name or row.run_id,
                self.tr("Run ID: {0}").format(row.run_id),
                self.tr("Experiment: {0}").format(row.experiment_name),
            ]
            if row.parent_run_id:
                parent = self._parents.get(row.parent_run_id, row.parent_run_id)
                lines.append(self.tr("Parent run: {0}").format(parent))
            if row.lifecycle_stage == "deleted":
                lines.append(self.tr("Deleted"))
            return "\n".join(lines)
        if column.kind == "attribute" and column.key == "start_time":
            return format_time(row.start_time)
        if column.kind == "metric":
            values = row.metrics.get(column.key)
            if values is None:
                return self.tr("{0}: not logged").format(column.key)
            latest, vmin, vmax = values
            return self.tr("{0}\nlatest: {1}\nmin: {2}\nmax: {3}").format(
                column.key, _full(latest), _full(vmin), _full(vmax)
            )
        value = cell_value(column, row)
        return None if value is None else str(value)


def _full(value: float | None) -> str:
    if value is None:
        return "—"
    return "NaN" if math.isnan(value) else repr(value)


def column_title(column: Column) -> str:
    """A column's header text."""
    if column.kind == "attribute":
        return translated(ATTRIBUTE_TITLES[column.key])
    if column.kind == "metric" and column.field != "latest":
        field = translated(METRIC_FIELD_NAMES[column.field])
        return QCoreApplication.translate("Columns", "{0} ({1})").format(
            column.key, field
        )
    return column.key


def column_tooltip(column: Column) -> str:
    """A column's header tooltip: the filter name of what it shows."""
    if column.kind == "attribute":
        return translated(ATTRIBUTE_TITLES[column.key])
    group = {"param": "params", "metric": "metrics", "tag": "tags"}[column.kind]
    name = f"{group}.{column.key}"
    if column.kind != "metric":
        return name
    field = translated(METRIC_FIELD_NAMES[column.field])
    return QCoreApplication.translate("Columns", "{0} ({1} value)").format(name, field)
