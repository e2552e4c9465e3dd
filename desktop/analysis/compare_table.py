"""Rows of the compare table: run facts, params, metrics and tags side by side.

Each row holds one raw value per run, whether the runs differ on it, and for
metrics which runs hold the best value given a higher- or lower-is-better choice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from desktop.analysis.run_set import RunSet
from desktop.core.durations import run_duration_ms
from desktop.core.metric_direction import Direction, guess_direction, metric_direction

# Direction and guess_direction are re-exported for the compare table's callers.
__all__ = ["CompareRow", "Direction", "build_rows", "guess_direction"]

FACTS = ("run_id", "experiment", "source", "status", "start_time", "duration", "user")
"""``source`` is the folder or server the run was imported from, not its script."""
IDENTITY = frozenset({"fact:run_id"})
"""Rows that always differ by nature: never marked, shown with differences only."""
HIDDEN_TAGS = frozenset({"mlflow.runName"})  # already the column title


@dataclass(frozen=True, slots=True)
class CompareRow:
    """One row: ``values[i]`` is run ``i``'s raw value (``None`` when missing).

    ``kind`` is fact, param, metric or tag; ``field`` is the metric field (latest,
    min, max). ``best`` holds the indices of runs with the best metric value.
    """

    kind: str
    key: str
    values: tuple[object, ...]
    differs: bool
    field: str = "latest"
    best: frozenset[int] = frozenset()

    @property
    def id(self) -> str:
        """A stable identifier, e.g. ``metric:min:loss`` or ``param:lr``."""
        if self.kind == "metric":
            return f"metric:{self.field}:{self.key}"
        return f"{self.kind}:{self.key}"


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return a == b and type(a) is type(b)


def values_differ(values: Sequence[object]) -> bool:
    """Whether not every value equals the first (NaN equals NaN, missing is a value)."""
    return any(not _same(values[0], v) for v in values[1:])


def best_indices(values: Sequence[object], direction: Direction) -> frozenset[int]:
    """Indices of the best finite value (all of them on a tie; none when unique)."""
    finite = [
        (float(v), i)
        for i, v in enumerate(values)
        if isinstance(v, float | int) and math.isfinite(v)
    ]
    if len(finite) < 2 or not values_differ([v for v, _ in finite]):
        return frozenset()
    best = (
        max(v for v, _ in finite)
        if direction is Direction.HIGHER
        else min(v for v, _ in finite)
    )
    return frozenset(i for v, i in finite if v == best)


def _fact_values(runs: RunSet, fact: str) -> tuple[object, ...]:
    out: list[object] = []
    for i, run in enumerate(runs.runs):
        if fact == "run_id":
            out.append(run.run_id)
        elif fact == "experiment":
            out.append(runs.experiment_name(i))
        elif fact == "source":
            out.append(runs.source_name(i) or None)
        elif fact == "status":
            out.append(run.status)
        elif fact == "start_time":
            out.append(run.start_time)
        elif fact == "duration":
            out.append(run_duration_ms(run.start_time, run.end_time, run.status))
        else:
            out.append(run.user_id)
    return tuple(out)


def build_rows(
    runs: RunSet,
    *,
    metric_fields: Iterable[str] = ("latest",),
    directions: Mapping[str, Direction] | None = None,
) -> list[CompareRow]:
    """All rows: facts, then params, metrics (one row per field) and tags by key.

    ``directions`` holds the user's choices per metric key (see
    :func:`~desktop.core.metric_direction.metric_direction`).
    """
    directions = directions or {}
    fields = [f for f in ("latest", "min", "max") if f in set(metric_fields)]
    rows: list[CompareRow] = []
    for fact in FACTS:
        values = _fact_values(runs, fact)
        differs = fact != "run_id" and values_differ(values)
        rows.append(CompareRow("fact", fact, values, differs))
    for key in runs.param_keys:
        values = tuple(r.params.get(key) for r in runs.runs)
        rows.append(CompareRow("param", key, values, values_differ(values)))
    for key in runs.metric_keys:
        direction = metric_direction(key, directions)
        for field in fields:
            values = tuple(_metric_value(r.metrics.get(key), field) for r in runs.runs)
            rows.append(
                CompareRow(
                    "metric",
                    key,
                    values,
                    values_differ(values),
                    field,
                    best_indices(values, direction),
                )
            )
    for key in runs.tag_keys:
        if key in HIDDEN_TAGS:
            continue
        values = tuple(r.tags.get(key) for r in runs.runs)
        rows.append(CompareRow("tag", key, values, values_differ(values)))
    return rows


def _metric_value(metric: object, field: str) -> float | None:
    if metric is None:
        return None
    value = getattr(metric, field)
    return None if value is None else float(value)


def visible_rows(
    rows: Sequence[CompareRow], differences_only: bool
) -> list[CompareRow]:
    """The rows to show: all, or only those where the runs differ (and the run ids)."""
    return [r for r in rows if r.differs or not differences_only or r.id in IDENTITY]


def csv_value(row: CompareRow, value: object) -> str:
    """A cell for CSV export: full precision, ISO times, durations in seconds."""
    if value is None:
        return ""
    if row.kind == "fact" and row.key == "start_time":
        return datetime.fromtimestamp(int(value) / 1000).isoformat(  # type: ignore[call-overload]
            timespec="milliseconds"
        )
    if row.kind == "fact" and row.key == "duration":
        return repr(int(value) / 1000)  # type: ignore[call-overload]
    if isinstance(value, float):
        return repr(value)
    return str(value)


def row_label(row: CompareRow) -> str:
    """An MLflow-style column name: ``params.lr``, ``metrics.loss (min)``..."""
    if row.kind == "fact":
        return row.key
    prefix = {"param": "params", "metric": "metrics", "tag": "tags"}[row.kind]
    suffix = "" if row.field == "latest" else f" ({row.field})"
    return f"{prefix}.{row.key}{suffix}"


def table_csv_rows(
    rows: Sequence[CompareRow], runs: RunSet, *, transposed: bool
) -> list[list[str]]:
    """The table as CSV rows: runs as columns, or (transposed) runs as rows."""
    ids = [r.run_id for r in runs.runs]
    names = runs.names
    rows = [r for r in rows if r.id not in IDENTITY]  # run ids lead every line
    if transposed:
        header = ["run_id", "run_name", *(row_label(r) for r in rows)]
        return [header] + [
            [ids[i], names[i], *(csv_value(r, r.values[i]) for r in rows)]
            for i in range(len(runs))
        ]
    out = [["field", *ids], ["run_name", *names]]
    out.extend([row_label(r), *(csv_value(r, v) for v in r.values)] for r in rows)
    return out
