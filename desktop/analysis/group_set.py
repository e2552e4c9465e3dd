"""Groups of compared runs as items of their own: one value per group.

A comparison "by group" (grouped rows of the runs table) compares each group's
runs taken together. A metric of a group is the mean of its runs' values (runs
without a finite value do not count), with a spread of either the sample
standard deviation or the min and max; the same summary as the runs table's
group rows (:func:`~desktop.core.run_groups.metric_stats`). A param that is the
same in all of a group's runs is that value (the keys the runs were grouped by);
a numeric param that varies within a group is the mean of its values, a text
one that varies has no single value (NaN).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from desktop.analysis.defaults import DEFAULT_METRICS, DEFAULT_PARAMS
from desktop.analysis.group_curves import Band
from desktop.analysis.run_set import RunSet, variable_by_id
from desktop.analysis.variables import Variable, param_variable
from desktop.core.run_groups import MetricStats, metric_stats


class GroupSet:
    """Named groups of the runs in a :class:`RunSet`, in the given order.

    ``groups`` maps a group's name to its runs' row ids; runs the set does not
    hold are left out, and so are groups left with none.
    """

    def __init__(self, runs: RunSet, groups: Mapping[str, Sequence[int]]) -> None:
        self.runs = runs
        at = {pk: i for i, pk in enumerate(runs.pks)}
        self.names: list[str] = []
        self.members: list[np.ndarray] = []
        """Each group's runs as indices into :attr:`runs`."""
        for name, pks in groups.items():
            indices = list(dict.fromkeys(at[pk] for pk in pks if pk in at))
            if indices:
                self.names.append(name)
                self.members.append(np.array(indices, dtype=np.int64))
        self.param_keys = runs.param_keys
        self.metric_keys = runs.metric_keys
        self.sort_metric = runs.sort_metric
        self._variables: dict[str, Variable] = {}

    def __len__(self) -> int:
        return len(self.names)

    @property
    def counts(self) -> list[int]:
        """How many runs each group holds."""
        return [int(m.size) for m in self.members]

    def pks(self, group: int) -> list[int]:
        """Row ids of one group's runs."""
        runs = self.runs.runs
        return [runs[i].pk for i in self.members[group].tolist()]

    def run_values(self, ident: str) -> list[np.ndarray]:
        """A variable's per-run values, split by group (NaN where missing)."""
        values = self.runs.variable(ident).values
        return [values[m] for m in self.members]

    # -- variables: one value per group ---------------------------------------------
    def param(self, key: str) -> Variable:
        """A param across the groups (cached)."""
        ident = f"param:{key}"
        if ident not in self._variables:
            self._variables[ident] = self._param(key)
        return self._variables[ident]

    def _param(self, key: str) -> Variable:
        per_run = self.runs.param(key)
        if not per_run.is_categorical:
            return Variable("param", key, _means(self.run_values(per_run.id)))
        texts: list[str | None] = []
        for member in self.members:
            found = {self.runs.runs[i].params.get(key) for i in member.tolist()}
            texts.append(found.pop() if len(found) == 1 else None)
        return param_variable(key, texts)

    def metric(self, key: str, field: str = "latest") -> Variable:
        """A metric's mean (of its latest, min or max value) per group (cached)."""
        name = f"metric:{field}:{key}"
        if name not in self._variables:
            runs = self.runs.metric(key, field)
            self._variables[name] = Variable(
                "metric", key, _means(self.run_values(runs.id)), field=field
            )
        return self._variables[name]

    def variable(self, ident: str) -> Variable:
        """A variable by id (``param:lr``, ``metric:loss``, ``metric:min:loss``)."""
        return variable_by_id(self, ident)

    def variable_ids(self) -> list[str]:
        """Ids of every param, then every metric (latest)."""
        return self.runs.variable_ids()

    def stats(self, ident: str) -> list[MetricStats | None]:
        """Each group's mean, min, max and std of a numeric variable."""
        return [metric_stats(v.tolist()) for v in self.run_values(ident)]

    def spread(self, ident: str, band: Band) -> tuple[np.ndarray, np.ndarray]:
        """``(low, high)`` per group around the mean: min and max, or ±1 std.

        NaN where a group has no value; a categorical param has no spread (its
        value is the value).
        """
        mean = self.variable(ident).values
        if self.variable(ident).is_categorical:
            return mean.copy(), mean.copy()
        low, high = np.full(len(self), math.nan), np.full(len(self), math.nan)
        for g, stats in enumerate(self.stats(ident)):
            if stats is None:
                continue
            if band is Band.RANGE:
                low[g], high[g] = stats.min, stats.max
            else:
                low[g], high[g] = stats.mean - stats.std, stats.mean + stats.std
        return low, high

    def keys_within(self) -> list[str]:
        """Params the same in all of each group's runs that differ between groups:
        what the runs were grouped by (or go along with it)."""
        found = []
        for key in self.param_keys:
            split = self.run_values(f"param:{key}")  # codes or numbers, NaN: none
            constant = all(_constant(values) for values in split)
            if constant and self.param(key).varies:
                found.append(key)
        return found

    def preferred_metrics(self) -> list[str]:
        """Metric keys whose group means differ first, then the runs' own order."""
        order = self.runs.preferred_metrics()
        return sorted(order, key=lambda k: not self.metric(k).varies)


def _constant(values: np.ndarray) -> bool:
    """Whether every value is the same (all missing counts as the same)."""
    missing = np.isnan(values)
    if missing.all():
        return True
    return not missing.any() and bool((values == values[0]).all())


def _means(split: Sequence[np.ndarray]) -> np.ndarray:
    out = np.full(len(split), math.nan)
    for g, values in enumerate(split):
        finite = values[np.isfinite(values)]
        if finite.size:  # one value stays exact (0.1 * 3 / 3 is not 0.1)
            same = bool((finite == finite[0]).all())
            out[g] = float(finite[0]) if same else float(finite.mean())
    return out


def group_axes(groups: GroupSet, metric: str | None) -> list[str]:
    """Parallel-coordinates axes for groups: the params they were grouped by,
    then the metric and a few more whose group means differ."""
    params = [f"param:{k}" for k in groups.keys_within()[:DEFAULT_PARAMS]]
    metrics = [metric] if metric else []
    metrics += [
        k for k in groups.preferred_metrics() if k != metric and groups.metric(k).varies
    ]
    return params + [f"metric:{k}" for k in metrics[:DEFAULT_METRICS]]


def group_scatter(groups: GroupSet, metric: str | None) -> tuple[str, str]:
    """``(x, y)`` ids for groups: a numeric param they were grouped by (else
    any) against the metric; without one, another metric."""
    y = f"metric:{metric}" if metric else ""
    keys = groups.keys_within()
    keys.sort(key=lambda k: groups.param(k).is_categorical)
    if keys:
        return f"param:{keys[0]}", y
    others = [k for k in groups.preferred_metrics() if k != metric]
    if others:
        return f"metric:{others[0]}", y or f"metric:{others[-1]}"
    return y, y
