"""The built-in column kinds: params, metrics and tags, and the registry's list.

A new kind is a :class:`~desktop.core.columns.ColumnKind` subclass (here or in its
own module) plus one line in :data:`BUILT_IN`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from desktop.core.attribute_columns import AttributeKind
from desktop.core.columns import (
    Align,
    Column,
    ColumnKind,
    KeyCounts,
    RowLoad,
    SortKey,
    quote,
    quote_key,
    register,
)
from desktop.core.dataset_column import DatasetKind
from desktop.core.formatting import format_number
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.local_column import LocalKind
from desktop.core.metric_direction import Direction, metric_direction
from desktop.core.views import RunRow

METRIC_FIELDS = ("latest", "min", "max")
FIELD_INDEX = {"latest": 0, "min": 1, "max": 2}
METRIC_FIELD_NAMES = {
    "latest": QT_TRANSLATE_NOOP("Columns", "latest"),
    "min": QT_TRANSLATE_NOOP("Columns", "min"),
    "max": QT_TRANSLATE_NOOP("Columns", "max"),
}


class _KeyedKind(ColumnKind):
    """Columns of one key of the run's params or tags."""

    prefix = ""
    """The search grammar's name of the kind (``params``, ``tags``)."""

    def tooltip(self, column: Column) -> str:
        return f"{self.prefix}.{column.key}"

    def values(self, row: RunRow) -> Mapping[str, str]:
        """The row's values of this kind, by key."""
        raise NotImplementedError

    def value(self, column: Column, row: RunRow) -> object:
        return self.values(row).get(column.key)

    def filter_clause(self, column: Column, row: RunRow) -> str | None:
        value = self.value(column, row)
        if value is None:
            return None
        return f"{self.prefix}.{quote_key(column.key)} = {quote(str(value))}"

    def sort_key(self, column: Column, descending: bool) -> SortKey:
        return SortKey(self.name, column.key, descending)


class ParamKind(_KeyedKind):
    """One param per column; params show by default."""

    name = "param"
    prefix = "params"
    group = QT_TRANSLATE_NOOP("Columns", "param")
    header_color = "#6a4fb3"
    default_rank = 30

    def defaults(self, keys: KeyCounts, experiments: int) -> list[Column]:
        return self.available(keys)

    def values(self, row: RunRow) -> Mapping[str, str]:
        return row.params

    def load(self, column: Column, load: RowLoad) -> None:
        load.add(load.params, column.key)


class TagKind(_KeyedKind):
    """One tag per column; hidden until chosen."""

    name = "tag"
    prefix = "tags"
    group = QT_TRANSLATE_NOOP("Columns", "tag")
    header_color = "#8a6d1f"
    default_rank = 40

    def values(self, row: RunRow) -> Mapping[str, str]:
        return row.tags

    def load(self, column: Column, load: RowLoad) -> None:
        load.add(load.tags, column.key)


class MetricKind(ColumnKind):
    """One metric's latest, min or max value per column."""

    name = "metric"
    group = QT_TRANSLATE_NOOP("Columns", "metric")
    header_color = "#1f7a6d"
    default_rank = 20
    has_direction = True

    def column_id(self, column: Column) -> str:
        return f"metric:{column.field}:{column.key}"

    def parse(self, rest: str) -> Column | None:
        field, _, key = rest.partition(":")
        return Column(self.name, key, field) if field in METRIC_FIELDS and key else None

    def available(self, keys: KeyCounts) -> list[Column]:
        return [
            Column(self.name, key, field)
            for key, _ in keys.get(self.name, ())
            for field in METRIC_FIELDS
        ]

    def defaults(self, keys: KeyCounts, experiments: int) -> list[Column]:
        return [Column(self.name, key) for key, _ in keys.get(self.name, ())]

    def title(self, column: Column) -> str:
        if column.field == "latest":
            return column.key
        return QT_TRANSLATE_NOOP("Columns", "{0} ({1})").format(
            column.key, METRIC_FIELD_NAMES[column.field]
        )

    def tooltip(self, column: Column) -> str:
        return QT_TRANSLATE_NOOP("Columns", "{0} ({1} value)").format(
            f"metrics.{column.key}", METRIC_FIELD_NAMES[column.field]
        )

    def align(self, column: Column) -> Align:
        return Align.END

    def load(self, column: Column, load: RowLoad) -> None:
        load.add(load.metrics, column.key)

    def value(self, column: Column, row: RunRow) -> object:
        values = row.metrics.get(column.key)
        return None if values is None else values[FIELD_INDEX[column.field]]

    def text(self, column: Column, row: RunRow, parents: Mapping[str, str]) -> str:
        return format_number(self.value(column, row))  # type: ignore[arg-type]

    def cell_tooltip(
        self, column: Column, row: RunRow, parents: Mapping[str, str]
    ) -> list[str]:
        values = row.metrics.get(column.key)
        if values is None:
            return [QT_TRANSLATE_NOOP("Columns", "{0}: not logged").format(column.key)]
        latest, vmin, vmax = values
        return [
            QT_TRANSLATE_NOOP("Columns", "{0}\nlatest: {1}\nmin: {2}\nmax: {3}").format(
                column.key, _full(latest), _full(vmin), _full(vmax)
            )
        ]

    def filter_clause(self, column: Column, row: RunRow) -> str | None:
        value = self.value(column, row)
        if (
            column.field != "latest"
            or not isinstance(value, float)
            or not math.isfinite(value)
        ):
            return None
        return f"metrics.{quote_key(column.key)} = {value!r}"

    def best_first_descending(
        self, column: Column, directions: Mapping[str, Direction] | None
    ) -> bool:
        return metric_direction(column.key, directions).descending


def _full(value: float | None) -> str:
    if value is None:
        return "—"
    return "NaN" if math.isnan(value) else repr(value)


BUILT_IN = (
    AttributeKind(),
    LocalKind(),
    ParamKind(),
    MetricKind(),
    TagKind(),
    DatasetKind(),
)
"""The kinds every runs table knows, in the column chooser's order."""
for _kind in BUILT_IN:
    register(_kind)
