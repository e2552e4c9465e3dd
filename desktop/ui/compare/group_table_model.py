"""The compare table by group: one column (or row) per group of runs.

Cells sum up each field over a group's runs (see
:mod:`desktop.analysis.group_table`): metrics as ``mean ± std`` (with
``[min, max]`` when asked), params and tags as their one value or
"varies (k values)", the values and their counts in the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from desktop.analysis.compare_table import CompareRow
from desktop.analysis.group_set import GroupSet
from desktop.analysis.group_table import (
    NUMERIC_FACTS,
    GroupCell,
    build_group_rows,
    group_table_csv_rows,
)
from desktop.analysis.run_set import RunSet
from desktop.core.formatting import format_duration, format_number
from desktop.ui.compare.group_mode import colors_of, group_label
from desktop.ui.compare.table_model import CompareTableModel
from desktop.ui.icons import status_icon
from desktop.ui.run_colors import swatch

Index = QModelIndex | QPersistentModelIndex
TOOLTIP_VALUES = 15
"""Distinct values listed in a cell's tooltip; the rest are counted."""


class GroupTableModel(CompareTableModel):
    """Compared fields against groups of runs, differences and best means marked."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.groups = GroupSet(RunSet([], {}, {}), {})
        self._swatches: list[QIcon] = []
        self._fact_titles["runs"] = self.tr("Runs")
        self._fact_titles["duration"] = self.tr("Duration")
        self._headings["fact"] = self.tr("Group")

    # -- state -------------------------------------------------------------------------
    def set_groups(self, groups: GroupSet) -> None:
        """Compare these groups."""
        self.groups = groups
        self.runs = groups.runs
        self._names = list(groups.names)
        self._order = list(range(len(groups)))
        self._swatches = [swatch(c) for c in colors_of(groups)]
        self._rebuild()

    def set_runs(self, runs: RunSet) -> None:
        """Not used: groups come with their runs (:meth:`set_groups`)."""
        raise NotImplementedError("GroupTableModel compares groups: set_groups")

    def _build_all(self) -> list[CompareRow]:
        return build_group_rows(self.groups, directions=self.directions)

    def csv_rows(self) -> list[list[str]]:
        """The shown rows as CSV, in the shown order (full precision)."""
        return group_table_csv_rows(
            self.rows(),
            self._names,
            transposed=self.transposed,
            min_max=self.min_max,
            order=self._order,
        )

    # -- Qt model ----------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line, group = self.line_at(index)
        if isinstance(line, CompareRow):
            cell = line.values[group]
            assert isinstance(cell, GroupCell)
            if role == Qt.ItemDataRole.DecorationRole:
                single = cell.single
                if line.id == "fact:status" and single:
                    return status_icon(str(single))
                return None
            if role == Qt.ItemDataRole.TextAlignmentRole:
                if cell.stats is not None or isinstance(cell.single, int):
                    return int(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                return None
        return super().data(index, role)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        groups_axis = (
            Qt.Orientation.Vertical if self.transposed else Qt.Orientation.Horizontal
        )
        if orientation != groups_axis:
            return super().headerData(section, orientation, role)
        if section >= len(self._order):
            return None
        group = self._order[section]
        name, count = self._names[group], self.groups.counts[group]
        if role == Qt.ItemDataRole.DisplayRole:
            if self.transposed:  # rows are one line high
                return group_label(name, count)
            return f"{name}\n" + self.tr("{0} runs", "", count).format(count)
        if role == Qt.ItemDataRole.ToolTipRole:
            runs = self.runs
            names = [runs.names[i] for i in self.groups.members[group].tolist()]
            shown = "\n".join(f"  {n}" for n in names[:TOOLTIP_VALUES])
            if len(names) > TOOLTIP_VALUES:
                more = len(names) - TOOLTIP_VALUES
                shown += "\n  " + self.tr("…and {0} more").format(more)
            return f"{group_label(name, count)}\n{shown}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._swatches[group] if group < len(self._swatches) else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder):
        """Transposed only: order the groups by one field (by their means)."""
        if not self.transposed or not 0 <= column < len(self._lines):
            return
        line = self._lines[column]
        if isinstance(line, str):
            return
        keys = [c.sort_key() if isinstance(c, GroupCell) else None for c in line.values]
        present = [g for g, k in enumerate(keys) if k is not None]
        absent = [g for g, k in enumerate(keys) if k is None]
        if all(isinstance(keys[g], int | float) for g in present):
            numbers = {g: float(keys[g]) for g in present}  # type: ignore[arg-type]
            present.sort(key=numbers.__getitem__)
        else:
            present.sort(key=lambda g: str(keys[g]))
        if order == Qt.SortOrder.DescendingOrder:
            present.reverse()
        self.layoutAboutToBeChanged.emit()
        self._order = present + absent
        self.layoutChanged.emit()

    # -- text --------------------------------------------------------------------------
    def _number(self, row: CompareRow, value: float) -> str:
        if row.kind == "fact" and row.key in NUMERIC_FACTS:
            return format_duration(0, round(value))
        return format_number(value)

    def _spread(self, row: CompareRow, value: float) -> str:
        """A standard deviation to three digits (the tooltip has them all)."""
        if row.kind == "fact" and row.key in NUMERIC_FACTS:
            return format_duration(0, round(value))
        return f"{value:.3g}"

    def _text(self, row: CompareRow, value: object) -> str:
        if not isinstance(value, GroupCell):
            return super()._text(row, value)
        stats = value.stats
        if stats is not None:
            text = self._number(row, stats.mean)
            if stats.runs > 1:
                text += f" ± {self._spread(row, stats.std)}"
                if self.min_max:
                    low, high = (
                        self._number(row, stats.min),
                        self._number(row, stats.max),
                    )
                    text += f"  [{low}, {high}]"
            if value.missing:
                text += "  " + self.tr("({0} of {1} runs)").format(
                    stats.runs, value.runs
                )
            return text
        single = value.single
        if single is not None:
            return super()._text(row, single)
        if not value.values:
            return ""
        distinct = value.distinct
        return self.tr("varies ({0} values)").format(distinct)  # two or more

    def _tooltip(self, row: CompareRow, run: int, value: object) -> str:
        name = self._names[run]
        if not isinstance(value, GroupCell):
            return name
        best = run in row.best
        stats = value.stats
        if stats is not None:
            lines = [
                name,
                self.tr("mean: {0}").format(self._number(row, stats.mean)),
                self.tr("std: {0}").format(self._number(row, stats.std)),
                self.tr("min: {0}").format(self._number(row, stats.min)),
                self.tr("max: {0}").format(self._number(row, stats.max)),
                self.tr("over {0} of {1} runs", "", value.runs).format(
                    stats.runs, value.runs
                ),
            ]
            if best:
                lines.append(self.tr("best mean"))
            return "\n".join(lines)
        if not value.values:
            return self.tr("{0}: not logged").format(name)
        lines = [name]
        shown = list(zip(value.values, value.counts, strict=True))
        for item, count in shown[:TOOLTIP_VALUES]:
            text = super()._text(row, item) if row.kind == "fact" else str(item)
            lines.append(self.tr("{0} — {1} runs", "", count).format(text, count))
        if len(shown) > TOOLTIP_VALUES:
            more = len(shown) - TOOLTIP_VALUES
            lines.append(self.tr("…and {0} more").format(more))
        if value.missing:
            lines.append(
                self.tr("not logged — {0} runs", "", value.missing).format(
                    value.missing
                )
            )
        return "\n".join(lines)
