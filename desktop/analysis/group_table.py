"""Rows of the compare table by group: one column per group of runs.

Each cell sums up a field over a group's runs: a metric (and the duration) as
the mean, sample standard deviation, min and max of the runs that have it; a
param, tag or other fact as the distinct values found, with how many runs have
each. Groups differ on a row when their summaries differ (metrics: their means);
the best group of a metric has the best mean.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.analysis.compare_table import (
    HIDDEN_TAGS,
    CompareRow,
    best_indices,
    row_label,
    values_differ,
)
from desktop.analysis.group_set import GroupSet
from desktop.core.durations import run_duration_ms
from desktop.core.metric_direction import Direction, metric_direction
from desktop.core.run_groups import MetricStats, metric_stats

GROUP_FACTS = ("runs", "experiment", "source", "status", "duration", "user")
"""The facts of a group: its run count, then what its runs share or not."""
NUMERIC_FACTS = frozenset({"duration"})


@dataclass(frozen=True, slots=True)
class GroupCell:
    """One group's summary of one field.

    ``values`` are the distinct values its runs have, most common first, with
    ``counts`` runs each; ``missing`` runs have none. Metrics (and durations)
    also have ``stats`` over the runs that have a finite value.
    """

    values: tuple[object, ...] = ()
    counts: tuple[int, ...] = ()
    missing: int = 0
    stats: MetricStats | None = None

    @property
    def runs(self) -> int:
        """How many runs the group holds."""
        return sum(self.counts) + self.missing

    @property
    def single(self) -> object | None:
        """The value every run of the group has (``None``: none, or several)."""
        if len(self.values) == 1 and not self.missing:
            return self.values[0]
        return None

    @property
    def varies(self) -> bool:
        """Whether the group's runs differ on the field (missing is a value)."""
        return len(self.values) + (1 if self.missing else 0) > 1

    @property
    def distinct(self) -> int:
        """How many different values (not logged counts as one) the runs have."""
        return len(self.values) + (1 if self.missing and self.values else 0)

    @property
    def mean(self) -> float | None:
        """The mean of a numeric field (``None`` without one)."""
        return None if self.stats is None else self.stats.mean

    def key(self) -> object:
        """What groups are compared by: the mean, else the values and gaps."""
        if self.stats is not None:
            return self.stats.mean
        return (tuple(sorted(map(str, self.values))), self.missing > 0)

    def sort_key(self) -> object:
        """A number or text to sort groups by (``None``: sorts last)."""
        if self.stats is not None:
            return self.stats.mean
        single = self.single
        if single is None:
            return None
        return single if isinstance(single, int | float) else str(single).lower()


def value_cell(values: Sequence[object]) -> GroupCell:
    """A summary of the runs' values (``None``: a run without one)."""
    present = [v for v in values if v is not None]
    counted = Counter(present).most_common()
    return GroupCell(
        tuple(v for v, _ in counted),
        tuple(n for _, n in counted),
        len(values) - len(present),
    )


def number_cell(values: Sequence[float | None]) -> GroupCell:
    """A summary of numbers: their statistics, and how many runs lack one."""
    finite = [float(v) for v in values if v is not None and math.isfinite(v)]
    stats = metric_stats(finite) if finite else None
    return GroupCell(
        (), (len(finite),) if finite else (), len(values) - len(finite), stats
    )


def _fact(groups: GroupSet, fact: str, member: Sequence[int]) -> GroupCell:
    runs = groups.runs
    details = [runs.runs[i] for i in member]
    if fact == "runs":
        return GroupCell((len(member),), (len(member),))
    if fact == "experiment":
        return value_cell([runs.experiment_name(i) for i in member])
    if fact == "source":
        return value_cell([runs.source_name(i) or None for i in member])
    if fact == "status":
        return value_cell([r.status for r in details])
    if fact == "duration":
        return number_cell(
            [run_duration_ms(r.start_time, r.end_time, r.status) for r in details]
        )
    return value_cell([r.user_id for r in details])


def build_group_rows(
    groups: GroupSet, *, directions: Mapping[str, Direction] | None = None
) -> list[CompareRow]:
    """Facts, params, metrics and tags: ``values[g]`` is group ``g``'s
    :class:`GroupCell`."""
    directions = directions or {}
    runs = groups.runs.runs
    members = [m.tolist() for m in groups.members]
    rows: list[CompareRow] = []

    def add(kind: str, key: str, cells: tuple[GroupCell, ...], **extra) -> None:
        rows.append(
            CompareRow(
                kind, key, cells, values_differ([c.key() for c in cells]), **extra
            )
        )

    for fact in GROUP_FACTS:
        add("fact", fact, tuple(_fact(groups, fact, m) for m in members))
    for key in groups.param_keys:
        add(
            "param",
            key,
            tuple(value_cell([runs[i].params.get(key) for i in m]) for m in members),
        )
    for key in groups.metric_keys:
        cells = tuple(
            number_cell([_latest(runs[i].metrics.get(key)) for i in m]) for m in members
        )
        means = [c.mean for c in cells]
        best = best_indices(means, metric_direction(key, directions))
        add("metric", key, cells, best=best)
    for key in groups.runs.tag_keys:
        if key in HIDDEN_TAGS:
            continue
        add(
            "tag",
            key,
            tuple(value_cell([runs[i].tags.get(key) for i in m]) for m in members),
        )
    return rows


def _latest(metric: object) -> float | None:
    value = getattr(metric, "latest", None) if metric is not None else None
    return None if value is None else float(value)


def _csv_number(value: float) -> str:
    return repr(float(value))


def group_csv_cells(row: CompareRow, cell: GroupCell, min_max: bool) -> list[str]:
    """A cell as CSV fields: a metric's mean and std (and min and max), else the
    value, or the distinct values joined by ``; ``."""
    if row.kind == "metric" or (row.kind == "fact" and row.key in NUMERIC_FACTS):
        stats = cell.stats
        width = 4 if min_max else 2
        if stats is None:
            return [""] * width
        scale = 1000.0 if row.kind == "fact" else 1.0  # durations in seconds
        numbers = [stats.mean, stats.std] + ([stats.min, stats.max] if min_max else [])
        return [_csv_number(n / scale) for n in numbers]
    if not cell.values:
        return [""]
    return ["; ".join(str(v) for v in cell.values)]


def group_csv_labels(row: CompareRow, min_max: bool) -> list[str]:
    """The CSV column names of a row (``metrics.loss (mean)``, ``... (std)``)."""
    label = row_label(row)
    if row.kind == "metric" or (row.kind == "fact" and row.key in NUMERIC_FACTS):
        fields = ("mean", "std", "min", "max") if min_max else ("mean", "std")
        return [f"{label} ({f})" for f in fields]
    return [label]


def group_table_csv_rows(
    rows: Sequence[CompareRow],
    names: Sequence[str],
    *,
    transposed: bool,
    min_max: bool = False,
    order: Sequence[int] | None = None,
) -> list[list[str]]:
    """The group table as CSV: groups as columns (a field per line, a metric's
    mean and std on lines of their own), or transposed, groups as rows."""
    order = list(range(len(names))) if order is None else list(order)
    if transposed:
        header = [
            "group",
            *(label for r in rows for label in group_csv_labels(r, min_max)),
        ]
        out = [header]
        for g in order:
            line = [names[g]]
            for r in rows:
                line.extend(group_csv_cells(r, r.values[g], min_max))  # type: ignore[arg-type]
            out.append(line)
        return out
    out = [["field", *(names[g] for g in order)]]
    for r in rows:
        labels = group_csv_labels(r, min_max)
        cells = [group_csv_cells(r, r.values[g], min_max) for g in order]  # type: ignore[arg-type]
        for at, label in enumerate(labels):
            out.append([label, *(c[at] for c in cells)])
    return out
