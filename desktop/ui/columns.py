"""Runs-table columns: what they show, how values are formatted and sorted."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from desktop.core.durations import run_duration_ms
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.metric_direction import Direction, metric_direction
from desktop.core.views import RunRow
from desktop.store.run_query import SortKey

METRIC_FIELDS = ("latest", "min", "max")
FIELD_INDEX = {"latest": 0, "min": 1, "max": 2}


@dataclass(frozen=True, slots=True)
class Column:
    """A runs-table column: ``kind`` is attribute, param, metric or tag."""

    kind: str
    key: str
    field: str = "latest"

    @property
    def id(self) -> str:
        """A stable identifier, used in saved layouts."""
        if self.kind == "metric":
            return f"metric:{self.field}:{self.key}"
        return f"{self.kind}:{self.key}"

    @classmethod
    def from_id(cls, ident: str) -> Column | None:
        """Parse :attr:`id`; ``None`` for something unknown."""
        kind, _, rest = ident.partition(":")
        if kind == "metric":
            field, _, key = rest.partition(":")
            return cls(kind, key, field) if field in METRIC_FIELDS and key else None
        if kind == "attribute":
            return cls(kind, rest) if rest in ATTRIBUTE_TITLES else None
        if kind in ("param", "tag") and rest:
            return cls(kind, rest)
        return None

    def sort_key(self, descending: bool) -> SortKey:
        """How the store sorts by this column."""
        if self.kind == "attribute":
            if self.key == "source":
                return SortKey("tag", "mlflow.source.name", descending)
            return SortKey("attribute", self.key, descending)
        return SortKey(self.kind, self.key, descending, self.field)

    def best_first_descending(
        self, directions: Mapping[str, Direction] | None = None
    ) -> bool:
        """The first click's order: best metric value, newest run, else A to Z."""
        if self.kind == "metric":
            return metric_direction(self.key, directions).descending
        return self.kind == "attribute" and self.key in NEWEST_FIRST


ATTRIBUTE_TITLES = {
    "run_name": QT_TRANSLATE_NOOP("Columns", "Run Name"),
    "experiment_name": QT_TRANSLATE_NOOP("Columns", "Experiment"),
    "start_time": QT_TRANSLATE_NOOP("Columns", "Started"),
    "duration": QT_TRANSLATE_NOOP("Columns", "Duration"),
    "status": QT_TRANSLATE_NOOP("Columns", "Status"),
    "user_id": QT_TRANSLATE_NOOP("Columns", "User"),
    "source": QT_TRANSLATE_NOOP("Columns", "Source"),
    "parent_run_id": QT_TRANSLATE_NOOP("Columns", "Parent Run"),
    "run_id": QT_TRANSLATE_NOOP("Columns", "Run ID"),
}
"""Attribute column titles in English; show them with ``ui.i18n.translated``."""
METRIC_FIELD_NAMES = {
    "latest": QT_TRANSLATE_NOOP("Columns", "latest"),
    "min": QT_TRANSLATE_NOOP("Columns", "min"),
    "max": QT_TRANSLATE_NOOP("Columns", "max"),
}
NEWEST_FIRST = frozenset({"start_time"})
DEFAULT_ATTRIBUTES = (
    "run_name",
    "start_time",
    "duration",
    "status",
    "user_id",
    "source",
)


def format_time(ms: int | None) -> str:
    """A local date and time, to the second."""
    if ms is None:
        return ""
    return datetime.fromtimestamp(ms / 1000).strftime("%Y-%m-%d %H:%M:%S")


def format_duration(start: int | None, end: int | None) -> str:
    """A short duration such as ``850ms``, ``12.3s``, ``4m 05s`` or ``2h 03m``."""
    if start is None or end is None:
        return ""
    ms = max(0, end - start)
    if ms < 1000:
        return f"{ms}ms"
    seconds = ms / 1000
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, sec = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes}m {sec:02d}s"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}h {minutes:02d}m"
    return f"{hours // 24}d {hours % 24:02d}h"


def format_number(value: float | None) -> str:
    """A metric value with up to 6 significant digits."""
    if value is None:
        return ""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return f"{value:.6g}"


def cell_value(column: Column, row: RunRow) -> object:
    """The raw value of a cell (number, text or ``None``)."""
    if column.kind == "param":
        return row.params.get(column.key)
    if column.kind == "tag":
        return row.tags.get(column.key)
    if column.kind == "metric":
        values = row.metrics.get(column.key)
        return None if values is None else values[FIELD_INDEX[column.field]]
    key = column.key
    if key == "duration":
        return run_duration_ms(row.start_time, row.end_time, row.status)
    if key == "source":
        return row.tags.get("mlflow.source.name")
    return getattr(row, key)


def cell_text(column: Column, row: RunRow) -> str:
    """What a cell displays."""
    if column.kind == "metric":
        return format_number(cell_value(column, row))  # type: ignore[arg-type]
    if column.kind == "attribute":
        if column.key == "start_time":
            return format_time(row.start_time)
        if column.key == "duration":
            elapsed = run_duration_ms(row.start_time, row.end_time, row.status)
            return "" if elapsed is None else format_duration(0, elapsed)
        if column.key == "source":
            source = row.tags.get("mlflow.source.name") or ""
            return source.replace("\\", "/").rsplit("/", 1)[-1]
    value = cell_value(column, row)
    if value is None:
        return ""
    text = str(value)
    return text if "\n" not in text else text.split("\n", 1)[0] + " …"


def filter_clause(column: Column, row: RunRow) -> str | None:
    """A filter clause selecting runs with the same value in this cell."""
    value = cell_value(column, row)
    if value is None:
        return None
    if column.kind == "metric":
        if (
            column.field != "latest"
            or not isinstance(value, float)
            or not math.isfinite(value)
        ):
            return None
        return f"metrics.{_quote_key(column.key)} = {value!r}"
    if column.kind in ("param", "tag"):
        return f"{column.kind}s.{_quote_key(column.key)} = {_quote(str(value))}"
    names = {
        "run_name": "attributes.run_name",
        "status": "attributes.status",
        "user_id": "attributes.user_id",
        "run_id": "attributes.run_id",
    }
    if column.key in names:
        return f"{names[column.key]} = {_quote(str(value))}"
    if column.key == "source":
        return f"tags.`mlflow.source.name` = {_quote(str(value))}"
    if column.key == "start_time":
        return f"attributes.start_time = {value}"
    return None


def _quote(text: str) -> str:
    return f'"{text}"' if "'" in text else f"'{text}'"


def _quote_key(key: str) -> str:
    return key if re.fullmatch(r"\w+", key) else f"`{key}`"
