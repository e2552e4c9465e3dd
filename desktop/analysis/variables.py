"""Params and metrics of a set of runs as numeric columns (one value per run).

A param whose present values all spell finite numbers is numeric; any other param
is categorical, its values replaced by codes into a sorted tuple of categories.
Missing values are NaN either way. Metrics are always numeric (latest, min or max).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from desktop.core.views import RunDetail

METRIC_FIELDS = ("latest", "min", "max")


@dataclass(frozen=True, slots=True)
class Variable:
    """One param or metric across runs: ``values[i]`` belongs to run ``i``.

    For a categorical param ``values`` holds codes into ``categories``.
    """

    kind: str  # "param" | "metric"
    key: str
    values: np.ndarray
    categories: tuple[str, ...] = ()
    field: str = "latest"

    @property
    def is_categorical(self) -> bool:
        """Whether the values are category codes."""
        return bool(self.categories)

    @property
    def id(self) -> str:
        """A stable identifier such as ``param:lr`` or ``metric:min:loss``."""
        if self.kind == "metric" and self.field != "latest":
            return f"metric:{self.field}:{self.key}"
        return f"{self.kind}:{self.key}"

    @property
    def label(self) -> str:
        """A short display name: the key, with the field for min and max."""
        return self.key if self.field == "latest" else f"{self.key} ({self.field})"

    @property
    def varies(self) -> bool:
        """Whether the runs differ on it (missing differs from present)."""
        present = self.values[~np.isnan(self.values)]
        if present.size == 0:
            return False
        return bool(np.ptp(present) > 0 or present.size < self.values.size)

    def text(self, index: int) -> str:
        """What run ``index`` has, as shown to the user (empty when missing)."""
        value = float(self.values[index])
        if math.isnan(value):
            return ""
        if self.categories:
            return self.categories[int(value)]
        return f"{value:.6g}"


def parse_number(text: str | None) -> float | None:
    """The finite number ``text`` spells, else ``None``."""
    if text is None or not text.strip() or len(text) > 64:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _category_order(text: str) -> tuple[int, float, str]:
    number = parse_number(text)
    return (0, number, text) if number is not None else (1, 0.0, text.lower())


def param_variable(key: str, texts: Sequence[str | None]) -> Variable:
    """A param from each run's value text (``None`` when the run lacks it)."""
    numbers = [parse_number(t) for t in texts]
    present = [t is not None for t in texts]
    if all(n is not None for n, p in zip(numbers, present, strict=True) if p):
        values = np.array(
            [math.nan if n is None else n for n in numbers], dtype=np.float64
        )
        return Variable("param", key, values)
    categories = tuple(sorted({t for t in texts if t is not None}, key=_category_order))
    code = {c: float(i) for i, c in enumerate(categories)}
    values = np.array(
        [math.nan if t is None else code[t] for t in texts], dtype=np.float64
    )
    return Variable("param", key, values, categories)


def metric_variable(
    key: str, runs: Sequence[RunDetail], field: str = "latest"
) -> Variable:
    """A metric's latest, min or max value in each run (NaN when missing)."""
    if field not in METRIC_FIELDS:
        raise ValueError(f"unknown metric field {field!r}")
    values = np.full(len(runs), math.nan)
    for i, run in enumerate(runs):
        metric = run.metrics.get(key)
        if metric is None:
            continue
        value = getattr(metric, field)
        if value is not None:
            values[i] = value
    values[~np.isfinite(values)] = math.nan
    return Variable("metric", key, values, field=field)


def run_variables(
    runs: Sequence[RunDetail], param_keys: Sequence[str], metric_keys: Sequence[str]
) -> list[Variable]:
    """Every given param, then every given metric (latest), across ``runs``."""
    out = [param_variable(k, [r.params.get(k) for r in runs]) for k in param_keys]
    out.extend(metric_variable(k, runs) for k in metric_keys)
    return out


def numeric_values(variable: Variable) -> np.ndarray:
    """Values as numbers: categories that spell numbers become them, others NaN.

    A ``max_depth`` of ``3``, ``6`` and ``None`` is categorical, yet its numbers
    still correlate with a metric.
    """
    if not variable.is_categorical:
        return variable.values
    numbers = np.array(
        [math.nan if (n := parse_number(c)) is None else n for c in variable.categories]
    )
    out = np.full(variable.values.shape, math.nan)
    present = np.isfinite(variable.values)
    out[present] = numbers[variable.values[present].astype(np.int64)]
    return out
