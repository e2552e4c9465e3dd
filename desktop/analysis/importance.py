"""Parameter importance for a metric: correlation and random-forest importance.

As Weights & Biases does it: a random forest learns the metric from the params;
each param's importance is its share of the forest's impurity decrease. The
forest (100 trees, leaves of two or more runs, at most 5,000 runs per tree) takes
about a second for a thousand runs. Numeric
params also get their Pearson correlation with the metric. Categorical params are
one-hot encoded (ordinal codes when they have many categories) and their columns'
importances summed back. Params that are constant, present in half the runs or
fewer, or that only tell estimator types apart are left out
(:func:`~desktop.analysis.screening.screen_params`); missing numbers stay NaN,
which scikit-learn's forests handle. A categorical param whose values are mostly
numbers (``max_depth`` of ``3``, ``6``, ``None``) is correlated over its numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from desktop.analysis.screening import Screen, screen_params
from desktop.analysis.variables import Variable, numeric_values, param_variable
from desktop.core.i18n import QT_TRANSLATE_NOOP

MIN_RUNS = 5
FEW_RUNS = 20
MAX_ONE_HOT = 20
N_ESTIMATORS = 100
MAX_FEATURES = 1.0  # every feature tried at each split: the clearest ranking
MIN_SAMPLES_LEAF = 2
MAX_SAMPLES = 5000  # each tree sees at most this many runs (whole experiments)


@dataclass(frozen=True, slots=True)
class ParamScore:
    """One param's importance (0..1, all sum to 1) and correlation (-1..1)."""

    key: str
    importance: float
    correlation: float | None
    categorical: bool


@dataclass(frozen=True, slots=True)
class ImportanceResult:
    """Scores sorted by importance, or a ``message`` saying why there are none."""

    metric: str
    scores: tuple[ParamScore, ...]
    runs_used: int
    message: str | None = None
    screen: Screen = field(default_factory=lambda: Screen(()))

    @property
    def few_runs(self) -> bool:
        """Whether the runs are too few to trust the ranking much."""
        return self.runs_used < FEW_RUNS


def correlation(x: np.ndarray, y: np.ndarray) -> float | None:
    """Pearson correlation over pairs where both are finite (``None`` if undefined)."""
    both = np.isfinite(x) & np.isfinite(y)
    if both.sum() < 3:
        return None
    xs, ys = x[both], y[both]
    if np.ptp(xs) == 0 or np.ptp(ys) == 0:
        return None
    return float(np.clip(np.corrcoef(xs, ys)[0, 1], -1.0, 1.0))


def _encode(variable: Variable) -> np.ndarray:
    """Feature columns for one param (one-hot for few categories)."""
    values = variable.values
    if not variable.is_categorical or len(variable.categories) > MAX_ONE_HOT:
        return values[:, None]
    codes = np.arange(len(variable.categories))
    return (values[:, None] == codes[None, :]).astype(np.float64)


def param_importance(
    params: Sequence[Mapping[str, str]],
    target: np.ndarray,
    metric: str,
    *,
    min_runs: int = MIN_RUNS,
    random_state: int = 0,
    n_estimators: int = N_ESTIMATORS,
) -> ImportanceResult:
    """Rank the params of runs by how much they drive ``target`` (one value per run)."""
    target = np.asarray(target, dtype=np.float64)
    usable = np.flatnonzero(np.isfinite(target))
    if usable.size < min_runs:
        return ImportanceResult(
            metric,
            (),
            int(usable.size),
            QT_TRANSLATE_NOOP(
                "ParamImportanceSection",
                "Only {0} of {1} runs have a value for {2}; "
                "at least {3} are needed to say which params matter.",
            ).format(usable.size, len(target), metric, min_runs),
        )
    y = target[usable]
    if np.ptp(y) == 0:
        return ImportanceResult(
            metric,
            (),
            int(usable.size),
            QT_TRANSLATE_NOOP(
                "ParamImportanceSection", "{0} is the same in every run."
            ).format(metric),
        )
    screen = screen_params([params[i] for i in usable])
    keys = screen.kept
    variables = [param_variable(k, [params[i].get(k) for i in usable]) for k in keys]
    if not variables:
        return ImportanceResult(
            metric,
            (),
            int(usable.size),
            QT_TRANSLATE_NOOP(
                "ParamImportanceSection",
                "No param differs between these runs and is present in most of them.",
            ),
            screen,
        )
    blocks = [_encode(v) for v in variables]
    owner = np.concatenate([np.full(b.shape[1], i) for i, b in enumerate(blocks)])
    features = np.hstack(blocks)

    from sklearn.ensemble import RandomForestRegressor  # slow import, only here

    forest = RandomForestRegressor(
        n_estimators=n_estimators,
        max_features=MAX_FEATURES,
        min_samples_leaf=MIN_SAMPLES_LEAF,
        max_samples=min(len(y), MAX_SAMPLES),
        random_state=random_state,
        n_jobs=1,
    )
    forest.fit(features, y)
    column_importance = forest.feature_importances_
    totals = np.bincount(owner, weights=column_importance, minlength=len(variables))
    total = totals.sum()
    if total > 0:
        totals = totals / total
    scores = [
        ParamScore(
            v.key,
            float(totals[i]),
            correlation(numeric_values(v), y),
            v.is_categorical,
        )
        for i, v in enumerate(variables)
    ]
    scores.sort(key=lambda s: (-s.importance, -abs(s.correlation or 0.0), s.key))
    return ImportanceResult(metric, tuple(scores), int(usable.size), None, screen)


def format_score(value: float | None) -> str:
    """A score for tables and labels: ``0.42``, ``0.00`` (never ``-0.00``), or an
    en dash when undefined."""
    if value is None or math.isnan(value):
        return "\u2013"
    text = f"{value:.2f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def format_correlation(value: float | None) -> str | None:
    """A signed correlation such as ``+0.83`` (``0.00`` near zero), else ``None``."""
    if value is None or math.isnan(value):
        return None
    text = f"{value:+.2f}"
    return "0.00" if float(text) == 0 else text
