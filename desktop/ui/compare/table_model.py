"""The compare table model: runs as columns (or rows), compared fields as rows.

Non-transposed, group headings (Run, Parameters, Metrics, Tags) separate the
fields; transposed, each run is a row and the table sorts by any field.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from desktop.analysis.compare_table import (
    CompareRow,
    Direction,
    build_rows,
    visible_rows,
)
from desktop.analysis.run_set import RunSet
from desktop.core.formatting import format_duration, format_number, format_time
from desktop.core.metric_direction import metric_direction
from desktop.ui.icons import status_icon
from desktop.ui.run_colors import run_colors, swatch

Index = QModelIndex | QPersistentModelIndex
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RAW_ROLE = Qt.ItemDataRole.UserRole + 2
DIFFER = QColor(255, 196, 0, 48)
BEST = QColor(46, 157, 79, 70)
HEADING = QColor(128, 128, 128, 40)
KINDS = ("fact", "param", "metric", "tag")


class CompareTableModel(QAbstractTableModel):
    """Compared fields against runs, with differences and best values marked."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.runs = RunSet([], {}, {})
        self._names: list[str] = []
        self._swatches: list[QIcon] = []
        self._all: list[CompareRow] = []
        self._lines: list[CompareRow | str] = []  # a str is a group heading
        self._order: list[int] = []  # run indices in display order
        self.directions: dict[str, Direction] = {}
        self.differences_only = False
        self.transposed = False
        self.min_max = False
        self.text_filter = ""
        self._fact_titles = {
            "run_id": self.tr("Run ID"),
            "experiment": self.tr("Experiment"),
            "source": self.tr("Imported from"),
            "status": self.tr("Status"),
            "start_time": self.tr("Started"),
            "duration": self.tr("Duration"),
            "user": self.tr("User"),
        }
        self._headings = {
            "fact": self.tr("Run"),
            "param": self.tr("Parameters"),
            "metric": self.tr("Metrics"),
            "tag": self.tr("Tags"),
        }

    # -- state -------------------------------------------------------------------------
    def set_runs(self, runs: RunSet) -> None:
        """Compare these runs."""
        self.runs = runs
        self._names = runs.names
        colors = run_colors().distinct([r.run_id for r in runs.runs])
        self._swatches = [swatch(c) for c in colors]  # as the curves draw them
        self._order = list(range(len(runs)))
        self._rebuild()

    def configure(
        self,
        *,
        differences_only: bool | None = None,
        transposed: bool | None = None,
        min_max: bool | None = None,
        text_filter: str | None = None,
        directions: Mapping[str, Direction] | None = None,
    ) -> None:
        """Change what is shown and how; unspecified options stay."""
        if differences_only is not None:
            self.differences_only = differences_only
        if transposed is not None:
            self.transposed = transposed
        if min_max is not None:
            self.min_max = min_max
        if text_filter is not None:
            self.text_filter = text_filter.strip().lower()
        if directions is not None:
            self.directions.update(directions)
        self._rebuild()

    def direction(self, key: str) -> Direction:
        """Whether higher or lower values of a metric are better."""
        return metric_direction(key, self.directions)

    def _build_all(self) -> list[CompareRow]:
        """Every compared row, before filters."""
        fields = ("latest", "min", "max") if self.min_max else ("latest",)
        return build_rows(self.runs, metric_fields=fields, directions=self.directions)

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._all = self._build_all()
        rows = visible_rows(self._all, self.differences_only)
        if self.text_filter:
            rows = [r for r in rows if self.text_filter in self._title(r).lower()]
        self._lines = []
        for kind in KINDS:
            group = [r for r in rows if r.kind == kind]
            if group and not self.transposed:
                self._lines.append(kind)
            self._lines.extend(group)
        self.endResetModel()

    def rows(self) -> list[CompareRow]:
        """The compared rows shown, in order (group headings left out)."""
        return [line for line in self._lines if isinstance(line, CompareRow)]

    def run_order(self) -> list[int]:
        """Run indices in display order."""
        return list(self._order)

    def section_of(self, row_id: str) -> int:
        """The table row (column when transposed) showing a field, or -1."""
        return next(
            (
                i
                for i, line in enumerate(self._lines)
                if isinstance(line, CompareRow) and line.id == row_id
            ),
            -1,
        )

    def heading_rows(self) -> list[int]:
        """Rows holding group headings (none when transposed)."""
        if self.transposed:
            return []
        return [i for i, line in enumerate(self._lines) if isinstance(line, str)]

    def line_at(self, index: Index) -> tuple[CompareRow | str, int]:
        """The field (or heading) and the run index under a cell."""
        if self.transposed:
            return self._lines[index.column()], self._order[index.row()]
        return self._lines[index.row()], self._order[index.column()]

    # -- Qt model ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._order) if self.transposed else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._lines) if self.transposed else len(self._order)

    def flags(self, index: Index) -> Qt.ItemFlag:
        line, _ = self.line_at(index)
        if isinstance(line, str):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line, run = self.line_at(index)
        if isinstance(line, str):
            return self._heading_data(line, index, role)
        value = line.values[run]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, run, value)
        if role == Qt.ItemDataRole.BackgroundRole:
            if run in line.best:
                return BEST
            return DIFFER if line.differs else None
        if role == Qt.ItemDataRole.FontRole and run in line.best:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole:
            if line.kind == "fact" and line.key == "status" and value:
                return status_icon(str(value))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RAW_ROLE:
            return value
        if role == ROW_ID_ROLE:
            return line.id
        return None

    def _heading_data(self, kind: str, index: Index, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            group = [r for r in self.rows() if r.kind == kind]
            total = sum(1 for r in self._all if r.kind == kind)
            differing = sum(1 for r in self._all if r.kind == kind and r.differs)
            return (
                self.tr("{0}  ·  {1} of {2} differ").format(
                    self._headings[kind], differing, total
                )
                if group
                else self._headings[kind]
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            return HEADING
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        runs_axis = (
            Qt.Orientation.Vertical if self.transposed else Qt.Orientation.Horizontal
        )
        if orientation == runs_axis:
            if section >= len(self._order):
                return None
            run = self._order[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return self._names[run]
            if role == Qt.ItemDataRole.ToolTipRole:
                detail = self.runs.runs[run]
                return self.tr(
                    "{0}\nRun ID: {1}\nExperiment: {2}\nImported from: {3}"
                ).format(
                    self._names[run],
                    detail.run_id,
                    self.runs.experiment_name(run),
                    self.runs.source_name(run),
                )
            if role == Qt.ItemDataRole.DecorationRole and run < len(self._swatches):
                return self._swatches[run]
            return None
        if section >= len(self._lines):
            return None
        line = self._lines[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(line, str):
                return ""
            title = self._title(line)
            if self.transposed and line.kind != "fact":
                return f"{title}\n{self._headings[line.kind].lower()}"
            return title
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(line, CompareRow):
            if line.kind == "metric":
                better = (
                    self.tr("higher is better")
                    if self.direction(line.key) is Direction.HIGHER
                    else self.tr("lower is better")
                )
                return self.tr("{0}: {1} (right-click to change)").format(
                    line.key, better
                )
            return line.key
        if role == ROW_ID_ROLE and isinstance(line, CompareRow):
            return line.id
        if role == Qt.ItemDataRole.InitialSortOrderRole and isinstance(
            line, CompareRow
        ):
            # As in the runs table: the best value, the newest run, else A to Z.
            descending = (
                self.direction(line.key).descending
                if line.kind == "metric"
                else line.kind == "fact" and line.key == "start_time"
            )
            order = (
                Qt.SortOrder.DescendingOrder
                if descending
                else Qt.SortOrder.AscendingOrder
            )
            return order.value
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder):
        """Transposed only: order the runs by one field (missing values last)."""
        if not self.transposed or not 0 <= column < len(self._lines):
            return
        line = self._lines[column]
        if isinstance(line, str):
            return
        values = line.values
        present = [i for i in range(len(self.runs)) if not _missing(values[i])]
        absent = [i for i in range(len(self.runs)) if _missing(values[i])]
        if all(isinstance(values[i], int | float) for i in present):
            present.sort(key=lambda i: values[i])  # type: ignore[arg-type,return-value]
        else:
            present.sort(key=lambda i: str(values[i]).lower())
        if order == Qt.SortOrder.DescendingOrder:
            present.reverse()
        self.layoutAboutToBeChanged.emit()
        self._order = present + absent
        self.layoutChanged.emit()

    # -- text --------------------------------------------------------------------------
    def _title(self, row: CompareRow) -> str:
        if row.kind == "fact":
            return self._fact_titles[row.key]
        if row.kind != "metric":
            return row.key
        arrow = "↑" if self.direction(row.key) is Direction.HIGHER else "↓"
        field = {"min": self.tr(" (min)"), "max": self.tr(" (max)")}.get(row.field, "")
        return f"{row.key}{field} {arrow}"

    def _text(self, row: CompareRow, value: object) -> str:
        if value is None:
            return ""
        if row.kind == "fact" and row.key == "start_time":
            return format_time(value)  # type: ignore[arg-type]
        if row.kind == "fact" and row.key == "duration":
            return format_duration(0, value)  # type: ignore[arg-type]
        if isinstance(value, float):
            return format_number(value)
        text = str(value)
        return text if "\n" not in text else text.split("\n", 1)[0] + " …"

    def _tooltip(self, row: CompareRow, run: int, value: object) -> str:
        name = self._names[run]
        if value is None:
            return self.tr("{0}: not logged").format(name)
        text = repr(value) if isinstance(value, float) else self._text(row, value)
        if row.kind in ("param", "tag"):
            text = str(value)
        if run in row.best:
            return self.tr("{0}: {1} — best").format(name, text)
        return f"{name}: {text}"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
