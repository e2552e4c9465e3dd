"""What a comparison opens on: the metric, the axes, the scatter pair, log scales.

The chosen metric is the runs table's sort metric when it is one of the compared
metrics, else the metric present in the most runs among those whose better
direction is known from their name. Params are screened (:mod:`screening`) and
ranked by how much of the metric's variance their values explain.
"""

from __future__ import annotations

import math

import numpy as np

from desktop.analysis.parallel import can_log
from desktop.analysis.run_set import RunSet
from desktop.analysis.screening import screen_params
from desktop.analysis.variables import Variable, numeric_values
from desktop.core.metric_direction import direction_is_known

DEFAULT_PARAMS = 6
DEFAULT_METRICS = 3
LOG_DECADES = 2.5  # "about three decades": a 1e-4..1e-1 sweep draws 2.9997


def chosen_metric(runs: RunSet, sort_key: str | None = None) -> str | None:
    """The metric a comparison is about (``None`` when the runs have no metric).

    ``sort_key`` defaults to the runs' :attr:`RunSet.sort_metric`.
    """
    sort_key = sort_key or runs.sort_metric
    if sort_key and sort_key in runs.metric_keys and runs.metric(sort_key).varies:
        return sort_key
    preferred = runs.preferred_metrics()
    if not preferred:
        return None
    order = {k: i for i, k in enumerate(preferred)}

    def rank(key: str) -> tuple[bool, bool, int, int]:
        variable = runs.metric(key)
        present = int(np.isfinite(variable.values).sum())
        return (not variable.varies, not direction_is_known(key), -present, order[key])

    return min(preferred, key=rank)


def explained(variable: Variable, target: np.ndarray) -> float:
    """The share (0..1) of ``target``'s variance a param's values explain.

    Few distinct values are groups (adjusted eta squared, which discounts groups
    of one); many numeric values are a line (squared correlation, on log10 when
    they span three decades). Runs lacking either value are skipped.
    """
    both = np.isfinite(variable.values) & np.isfinite(target)
    codes, y = variable.values[both], target[both]
    if y.size < 3 or np.ptp(y) == 0:
        return 0.0
    distinct = np.unique(codes)
    numbers = numeric_values(variable)[both]
    if distinct.size > max(2, y.size // 2) and np.isfinite(numbers).sum() >= 3:
        ok = np.isfinite(numbers)
        xs = np.log10(numbers[ok]) if spans_decades(numbers[ok]) else numbers[ok]
        if np.ptp(xs) == 0:
            return 0.0
        return float(np.corrcoef(xs, y[ok])[0, 1] ** 2)
    total = float(((y - y.mean()) ** 2).sum())
    between = sum(
        (codes == c).sum() * (y[codes == c].mean() - y.mean()) ** 2 for c in distinct
    )
    within = total - between
    dof = y.size - distinct.size
    if distinct.size < 2 or dof <= 0:
        return 0.0
    mean_within = within / dof
    return float(max(0.0, (between - (distinct.size - 1) * mean_within) / total))


def spans_decades(values: np.ndarray, decades: float = LOG_DECADES) -> bool:
    """Whether positive values span at least ``decades`` powers of ten."""
    finite = values[np.isfinite(values)]
    if finite.size < 2 or (finite <= 0).any():
        return False
    return math.log10(float(finite.max()) / float(finite.min())) >= decades - 1e-9


def suggests_log(variable: Variable) -> bool:
    """Whether a log axis suits a variable (positive, about three decades or more)."""
    return can_log(variable) and spans_decades(variable.values)


def ranked_params(runs: RunSet, metric: str | None) -> list[str]:
    """Screened param keys, the most explanatory of ``metric`` first."""
    kept = screen_params([r.params for r in runs.runs]).kept
    if metric is None:
        return list(kept)
    target = runs.metric(metric).values
    scores = {k: explained(runs.param(k), target) for k in kept}
    return sorted(kept, key=lambda k: (-scores[k], -_present(runs.param(k)), k))


def default_axes(runs: RunSet, metric: str | None) -> list[str]:
    """Parallel-coordinates axes: ranked params, then the metric and a few more."""
    params = [f"param:{k}" for k in ranked_params(runs, metric)[:DEFAULT_PARAMS]]
    metrics = [metric] if metric else []
    metrics += [
        k
        for k in runs.preferred_metrics()
        if k != metric and runs.metric(k).varies and _most(runs, runs.metric(k))
    ]
    return params + [f"metric:{k}" for k in metrics[:DEFAULT_METRICS]]


def scatter_defaults(runs: RunSet, metric: str | None) -> tuple[str, str, str]:
    """``(x, y, colour)`` ids: the strongest param that plots the most runs
    against the metric, coloured by the next numeric one that differs among the
    plotted runs (``""`` for none).

    Params that only tell estimator types apart are never offered.
    """
    y = f"metric:{metric}" if metric else ""
    ranked = ranked_params(runs, metric)
    by_type = set(screen_params([r.params for r in runs.runs]).by_type)
    others = [
        k
        for k in runs.param_keys
        if k not in ranked and k not in by_type and _differs(runs, k)
    ]
    if not y:
        first = (ranked + others or [""])[0]
        return (f"param:{first}" if first else "", "", "")
    target = np.isfinite(runs.metric(metric).values)

    def plotted(key: str) -> int:
        return int((np.isfinite(runs.param(key).values) & target).sum())

    others.sort(key=lambda k: (-plotted(k), k))
    candidates = ranked + others
    if not candidates:
        metrics = [k for k in runs.preferred_metrics() if k != metric]
        return (f"metric:{metrics[0]}" if metrics else y, y, "")
    best = max(plotted(k) for k in candidates)
    x = next(k for k in candidates if plotted(k) == best)
    shown = np.isfinite(runs.param(x).values) & target

    def colours(key: str) -> int:
        values = runs.param(key).values[shown]
        return int(np.unique(values[np.isfinite(values)]).size)

    colour = next(
        (
            k
            for k in candidates
            if k != x and not runs.param(k).is_categorical and colours(k) > 1
        ),
        "",
    )
    return f"param:{x}", y, f"param:{colour}" if colour else ""


def curve_metrics(runs: RunSet, metric: str | None, count: int) -> list[str]:
    """Metrics to chart: the chosen one first, then those with a history.

    Metrics logged once per run (autolog's ``training_*`` scores) are a column of
    dots, not a curve: they fill the grid only when no metric has a history.
    """
    preferred = runs.preferred_metrics()
    chosen = [metric] if metric in preferred else []
    histories = [k for k in preferred if k != metric and runs.history_length(k) > 1]
    if not histories:
        histories = [k for k in preferred if k != metric]
    return (chosen + histories)[:count]


def _present(variable: Variable) -> int:
    return int(np.isfinite(variable.values).sum())


def _differs(runs: RunSet, key: str) -> bool:
    values = runs.param(key).values
    return np.unique(values[np.isfinite(values)]).size > 1


def _most(runs: RunSet, variable: Variable) -> bool:
    return _present(variable) * 2 > len(runs)
