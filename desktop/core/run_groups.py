"""Runs grouped by one or two columns (a param, a tag, the status, the dataset).

The groups are rows of a :class:`~desktop.core.run_tree.RunTree` above the runs,
with negative ids: a group shows its runs' count and, for each metric, the mean,
min, max and standard deviation of their latest values. Groups sort by the mean
of the sorted metric (runs without it do not count; groups with none go last),
otherwise by where their first run is in the search's order; groups of runs
without a value for the key go last.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.core.run_tree import RunTree

GROUPABLE_KINDS = ("param", "tag", "dataset")
"""Column kinds runs can be grouped by (and the status attribute)."""


@dataclass(frozen=True)
class MetricStats:
    """A metric's latest values over a group's runs that logged it."""

    runs: int
    mean: float
    min: float
    max: float
    std: float
    """The sample standard deviation (0 for one run)."""


@dataclass(frozen=True)
class RunGroup:
    """One group row."""

    values: tuple[str | None, ...]
    """The values of the grouping columns down to this group (``None``: runs
    without one)."""
    runs: int
    """How many runs it holds."""
    stats: dict[str, MetricStats]
    """By metric key, for the metrics asked for."""


def metric_stats(values: Sequence[float]) -> MetricStats | None:
    """Mean, min, max and sample standard deviation (``None`` for no values)."""
    import numpy as np  # with the first grouping, not at start-up

    numbers = np.asarray(values, dtype=np.float64)
    finite = numbers[~np.isnan(numbers)]
    if not finite.size:
        return None
    spread = float(finite.std(ddof=1)) if finite.size > 1 else 0.0
    return MetricStats(
        int(finite.size),
        float(finite.mean()),
        float(finite.min()),
        float(finite.max()),
        spread,
    )


def group_runs(
    order: Sequence[int],
    keys: Sequence[Mapping[int, str]],
    metrics: Mapping[str, Mapping[int, float]],
    sort_metric: str | None = None,
    descending: bool = False,
) -> tuple[RunTree, dict[int, RunGroup]]:
    """The runs ``order`` (a search's result, in its order) under groups by the
    values ``keys`` (one mapping of run id to value per grouping column), with
    ``metrics``' latest values summed up per group."""
    groups: dict[int, RunGroup] = {}
    next_id = [-1]

    def build(runs: list[int], level: int, prefix: tuple[str | None, ...]):
        """(group id, its runs) under ``prefix``, in display order."""
        by_value: dict[str | None, list[int]] = {}
        for pk in runs:
            by_value.setdefault(keys[level].get(pk), []).append(pk)
        made = []
        for value, members in by_value.items():
            group_id = next_id[0]
            next_id[0] -= 1
            stats = {
                key: found
                for key, values in metrics.items()
                if (found := metric_stats([values[p] for p in members if p in values]))
            }
            groups[group_id] = RunGroup((*prefix, value), len(members), stats)
            made.append((group_id, value, members))
        made.sort(key=lambda item: _group_rank(item, groups, sort_metric, descending))
        return made

    nodes: list[int] = []
    depths: list[int] = []

    def emit(runs: list[int], level: int, prefix: tuple[str | None, ...]) -> None:
        for group_id, value, members in build(runs, level, prefix):
            nodes.append(group_id)
            depths.append(level)
            if level + 1 < len(keys):
                emit(members, level + 1, (*prefix, value))
            else:
                nodes.extend(members)
                depths.extend([level + 1] * len(members))

    emit(list(order), 0, ())
    sizes = [0] * len(nodes)
    chain: list[int] = []
    for at, depth in enumerate(depths):
        del chain[depth:]
        for ancestor in chain:
            sizes[ancestor] += 1
        chain.append(at)
    counts = {pk: group.runs for pk, group in groups.items()}
    tree = RunTree(nodes, depths, sizes, counts, {}, frozenset())
    return tree, groups


def _group_rank(
    item: tuple[int, str | None, list[int]],
    groups: Mapping[int, RunGroup],
    sort_metric: str | None,
    descending: bool,
) -> tuple:
    """Groups without a value last; then by the sorted metric's mean (groups
    without it last), then where their first run is."""
    group_id, value, _members = item
    first = -group_id  # ids count down in the order of the first runs
    stats = groups[group_id].stats.get(sort_metric) if sort_metric else None
    if sort_metric is None:
        return (value is None, first)
    if stats is None:
        return (value is None, 1, 0.0, first)
    return (value is None, 0, -stats.mean if descending else stats.mean, first)
