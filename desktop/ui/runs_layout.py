"""Keeps the runs table's column layout per experiment scope in the settings."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.column_layout import layout_entries, restore_columns
from desktop.core.columns import Column
from desktop.ui.runs_model import RunsTableModel
from desktop.ui.runs_table import RunsTable, default_width
from desktop.ui.settings import Settings


class RunsColumnLayout:
    """Restores and saves which columns a runs table shows, their order and widths."""

    def __init__(
        self, settings: Settings, table: RunsTable, model: RunsTableModel
    ) -> None:
        self.settings = settings
        self.table = table
        self.model = model

    def restore(
        self, scope: str, available: Sequence[Column], defaults: Sequence[Column]
    ) -> None:
        """Show the columns saved for ``scope`` (else ``defaults``) as saved."""
        columns, widths = restore_columns(
            self.settings.column_layout(scope), {c.id: c for c in available}, defaults
        )
        if columns != self.model.columns():  # a reset refetches every row
            self.model.set_columns(columns)
        header = self.table.horizontalHeader()
        for index, column in enumerate(columns):
            header.moveSection(header.visualIndex(index), index)
            self.table.setColumnWidth(
                index, widths.get(column.id) or default_width(column)
            )

    def save(self, scope: str, available: Sequence[Column]) -> None:
        """Remember the shown columns (screen order, widths) and the hidden ones."""
        header = self.table.horizontalHeader()
        columns = self.model.columns()
        shown = []
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if 0 <= logical < len(columns):
                shown.append((columns[logical].id, self.table.columnWidth(logical)))
        self.settings.save_column_layout(scope, layout_entries(shown, available))
