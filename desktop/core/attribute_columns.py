"""The attribute columns of the runs table: the run's own fields, listed once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from desktop.core.columns import (
    Align,
    Column,
    ColumnKind,
    KeyCounts,
    RowLoad,
    SortKey,
    first_line,
    quote,
)
from desktop.core.durations import run_duration_ms
from desktop.core.formatting import format_duration, format_time
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.metric_direction import Direction
from desktop.core.views import RunRow

SOURCE_TAG = "mlflow.source.name"


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute column.

    ``filter_name`` is the search-grammar name a cell's value is filtered by
    (``None``: no "filter to this value"); ``sort`` overrides the store's sort key;
    ``shown`` says whether the column is among the default columns.
    """

    key: str
    title: str
    value: Callable[[RunRow], object]
    width: int = 110
    text: Callable[[RunRow], str] | None = None
    filter_name: str | None = None
    sort: SortKey | None = None
    newest_first: bool = False
    align: Align = Align.START
    shown: bool = False
    hideable: bool = True
    widest_texts: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    """Tags the cells read (loaded with the row)."""


def _duration(row: RunRow) -> int | None:
    return run_duration_ms(row.start_time, row.end_time, row.status)


def _duration_text(row: RunRow) -> str:
    elapsed = _duration(row)
    return "" if elapsed is None else format_duration(0, elapsed)


def _source_text(row: RunRow) -> str:
    source = row.tags.get(SOURCE_TAG) or ""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


ATTRIBUTES = (
    Attribute(
        "run_name",
        QT_TRANSLATE_NOOP("Columns", "Run Name"),
        lambda r: r.run_name,
        width=220,
        filter_name="attributes.run_name",
        shown=True,
        hideable=False,
    ),
    Attribute(
        "experiment_name",
        QT_TRANSLATE_NOOP("Columns", "Experiment"),
        lambda r: r.experiment_name,
        width=150,
    ),
    Attribute(
        "start_time",
        QT_TRANSLATE_NOOP("Columns", "Started"),
        lambda r: r.start_time,
        width=150,
        text=lambda r: format_time(r.start_time),
        filter_name="attributes.start_time",
        newest_first=True,
        shown=True,
    ),
    Attribute(
        "duration",
        QT_TRANSLATE_NOOP("Columns", "Duration"),
        _duration,
        width=80,
        text=_duration_text,
        align=Align.END,
        shown=True,
        widest_texts=("59m 59s", "47h 59m", "99d 23h", "59.9s"),
    ),
    Attribute(
        "status",
        QT_TRANSLATE_NOOP("Columns", "Status"),
        lambda r: r.status,
        width=90,
        filter_name="attributes.status",
        shown=True,
        widest_texts=("FINISHED", "SCHEDULED", "RUNNING", "FAILED", "KILLED"),
    ),
    Attribute(
        "user_id",
        QT_TRANSLATE_NOOP("Columns", "User"),
        lambda r: r.user_id,
        width=90,
        filter_name="attributes.user_id",
        shown=True,
    ),
    Attribute(
        "source",
        QT_TRANSLATE_NOOP("Columns", "Source"),
        lambda r: r.tags.get(SOURCE_TAG),
        width=140,
        text=_source_text,
        filter_name=f"tags.`{SOURCE_TAG}`",
        sort=SortKey("tag", SOURCE_TAG),
        shown=True,
        tags=(SOURCE_TAG,),
    ),
    Attribute(
        "parent_run_id",
        QT_TRANSLATE_NOOP("Columns", "Parent Run"),
        lambda r: r.parent_run_id,
        width=150,
    ),
    Attribute(
        "run_id",
        QT_TRANSLATE_NOOP("Columns", "Run ID"),
        lambda r: r.run_id,
        width=250,
        filter_name="attributes.run_id",
    ),
)
"""Every attribute column, in the column chooser's order."""
BY_KEY = {a.key: a for a in ATTRIBUTES}


class AttributeKind(ColumnKind):
    """Columns of the run's own fields (name, start, duration, status, ...)."""

    name = "attribute"
    default_rank = 0

    def parse(self, rest: str) -> Column | None:
        return Column(self.name, rest) if rest in BY_KEY else None

    def available(self, keys: KeyCounts) -> list[Column]:
        return [Column(self.name, a.key) for a in ATTRIBUTES]

    def defaults(self, keys: KeyCounts, experiments: int) -> list[Column]:
        shown = [a.key for a in ATTRIBUTES if a.shown]
        if experiments > 1:
            shown.insert(1, "experiment_name")
        return [Column(self.name, key) for key in shown]

    def title(self, column: Column) -> str:
        return BY_KEY[column.key].title

    def tooltip(self, column: Column) -> str:
        return BY_KEY[column.key].title

    def hideable(self, column: Column) -> bool:
        return BY_KEY[column.key].hideable

    def align(self, column: Column) -> Align:
        return BY_KEY[column.key].align

    def width(self, column: Column) -> int:
        return BY_KEY[column.key].width

    def widest_texts(self, column: Column) -> tuple[str, ...]:
        return BY_KEY[column.key].widest_texts

    def load(self, column: Column, load: RowLoad) -> None:
        for tag in BY_KEY[column.key].tags:
            load.add(load.tags, tag)

    def value(self, column: Column, row: RunRow) -> object:
        return BY_KEY[column.key].value(row)

    def text(self, column: Column, row: RunRow, parents: Mapping[str, str]) -> str:
        attribute = BY_KEY[column.key]
        text = (
            attribute.text(row) if attribute.text else first_line(attribute.value(row))
        )
        if column.key == "run_name":
            text = text or row.run_id[:8]
            return "↳ " + text if row.parent_run_id else text
        if column.key == "parent_run_id":
            return parents.get(row.parent_run_id or "", text)
        return text

    def cell_tooltip(
        self, column: Column, row: RunRow, parents: Mapping[str, str]
    ) -> list[str]:
        if column.key == "start_time":
            return [format_time(row.start_time)]
        if column.key != "run_name":
            return super().cell_tooltip(column, row, parents)
        lines = [
            row.run_name or row.run_id,
            QT_TRANSLATE_NOOP("Columns", "Run ID: {0}").format(row.run_id),
            QT_TRANSLATE_NOOP("Columns", "Experiment: {0}").format(row.experiment_name),
        ]
        if row.parent_run_id:
            parent = parents.get(row.parent_run_id, row.parent_run_id)
            lines.append(QT_TRANSLATE_NOOP("Columns", "Parent run: {0}").format(parent))
        if row.lifecycle_stage == "deleted":
            lines.append(QT_TRANSLATE_NOOP("Columns", "Deleted"))
        return lines

    def filter_clause(self, column: Column, row: RunRow) -> str | None:
        name = BY_KEY[column.key].filter_name
        value = self.value(column, row)
        if name is None or value is None:
            return None
        if isinstance(value, int):
            return f"{name} = {value}"
        return f"{name} = {quote(str(value))}"

    def sort_key(self, column: Column, descending: bool) -> SortKey:
        sort = BY_KEY[column.key].sort
        if sort is not None:
            return SortKey(sort.kind, sort.key, descending, sort.metric_field)
        return SortKey(self.name, column.key, descending)

    def best_first_descending(
        self, column: Column, directions: Mapping[str, Direction] | None
    ) -> bool:
        return BY_KEY[column.key].newest_first
