"""Local columns: the user's own marks on a run (star, note, hidden).

They come from our store, never from the source, and are filtered with
``local.starred = true``, ``local.hidden = true`` and ``local.note LIKE '%x%'``.
The star column shows by default, right after the run name. Every row page
carries its runs' marks (hidden runs are dimmed whatever the columns), so the
kind asks for nothing more.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.core.columns import Align, Column, ColumnKind, KeyCounts, quote
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.metric_direction import Direction
from desktop.core.views import RunRow

STARRED, NOTE, HIDDEN = "starred", "note", "hidden"
KEYS = (STARRED, NOTE, HIDDEN)
STAR = "★"
"""A starred run's cell."""


class LocalKind(ColumnKind):
    """The star, the note and the hidden flag the user set on a run."""

    name = "local"
    group = QT_TRANSLATE_NOOP("Columns", "local")
    header_color = "#b7791f"
    default_rank = 5
    joins_after_run_name = True

    def parse(self, rest: str) -> Column | None:
        return Column(self.name, rest) if rest in KEYS else None

    def available(self, keys: KeyCounts) -> list[Column]:
        return [Column(self.name, key) for key in KEYS]

    def defaults(self, keys: KeyCounts, experiments: int) -> list[Column]:
        return [Column(self.name, STARRED)]

    def title(self, column: Column) -> str:
        if column.key == STARRED:
            return STAR
        if column.key == NOTE:
            return QT_TRANSLATE_NOOP("Columns", "Note")
        return QT_TRANSLATE_NOOP("Columns", "Hidden")

    def tooltip(self, column: Column) -> str:
        if column.key == STARRED:
            return QT_TRANSLATE_NOOP(
                "Columns", "local.starred: click a cell to star or unstar the run"
            )
        return f"local.{column.key}"

    def align(self, column: Column) -> Align:
        return Align.START if column.key == NOTE else Align.CENTER

    def width(self, column: Column) -> int:
        return {STARRED: 34, NOTE: 180, HIDDEN: 60}[column.key]

    def widest_texts(self, column: Column) -> tuple[str, ...]:
        return (STAR,) if column.key == STARRED else ()

    def value(self, column: Column, row: RunRow) -> object:
        if column.key == STARRED:
            return 1 if row.starred else 0
        if column.key == HIDDEN:
            return 1 if row.hidden else 0
        return row.note

    def text(self, column: Column, row: RunRow, parents: Mapping[str, str]) -> str:
        if column.key == STARRED:
            return STAR if row.starred else ""
        if column.key == HIDDEN:
            return "✓" if row.hidden else ""
        return " ".join((row.note or "").split())

    def cell_tooltip(
        self, column: Column, row: RunRow, parents: Mapping[str, str]
    ) -> list[str]:
        if column.key == STARRED:
            return [
                QT_TRANSLATE_NOOP("Columns", "Starred: click to unstar")
                if row.starred
                else QT_TRANSLATE_NOOP("Columns", "Click to star")
            ]
        if column.key == HIDDEN:
            return [QT_TRANSLATE_NOOP("Columns", "Hidden")] if row.hidden else []
        return [row.note] if row.note else []

    def best_first_descending(
        self, column: Column, directions: Mapping[str, Direction] | None
    ) -> bool:
        return column.key != NOTE  # starred (or hidden) runs first

    def filter_clause(self, column: Column, row: RunRow) -> str | None:
        if column.key == NOTE:
            return f"local.note = {quote(row.note)}" if row.note else None
        flag = row.starred if column.key == STARRED else row.hidden
        return f"local.{column.key} = {'true' if flag else 'false'}"
