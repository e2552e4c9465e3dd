"""Parallel-coordinates geometry: axis scales, unit values, brushing, polylines.

Every axis maps its variable onto [0, 1]: numbers linearly (or by log10) over their
range, categories evenly spaced in order. Missing values stay NaN and break the
run's line. Brushes are unit-interval ranges per axis; a run is kept when it lies
inside every brush.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from desktop.analysis.variables import Variable

MAX_CATEGORY_LABELS = 24
END_GAP = 0.08  # min distance of a range-end label from a round tick


@dataclass(frozen=True, slots=True)
class AxisScale:
    """How one axis maps values to [0, 1] (``lo``/``hi`` in value units)."""

    lo: float
    hi: float
    log: bool = False
    categories: tuple[str, ...] = ()

    def to_unit(self, values: np.ndarray) -> np.ndarray:
        """Values (or category codes) as positions in [0, 1]; NaN stays NaN."""
        values = np.asarray(values, dtype=np.float64)
        if self.categories:
            span = len(self.categories) - 1
            return values / span if span else np.where(np.isnan(values), values, 0.5)
        with np.errstate(invalid="ignore", divide="ignore"):
            x = np.log10(values) if self.log else values
        lo, hi = self._bounds()
        if hi == lo:
            return np.where(np.isfinite(x), 0.5, math.nan)
        unit = (x - lo) / (hi - lo)
        return np.where(np.isfinite(unit), unit, math.nan)

    def from_unit(self, unit: float) -> float:
        """The value at a unit position (a category code for categorical axes)."""
        if self.categories:
            return unit * max(1, len(self.categories) - 1)
        lo, hi = self._bounds()
        x = lo + unit * (hi - lo)
        return float(10**x) if self.log else float(x)

    def _bounds(self) -> tuple[float, float]:
        if self.log:
            return math.log10(self.lo), math.log10(self.hi)
        return self.lo, self.hi

    def ticks(self, count: int = 5) -> list[tuple[float, str]]:
        """``(unit position, label)`` pairs to draw along the axis."""
        if self.categories:
            n = len(self.categories)
            step = max(1, math.ceil(n / MAX_CATEGORY_LABELS))
            return [
                (float(self.to_unit(np.array([i]))[0]), self.categories[i])
                for i in range(0, n, step)
            ]
        if self.hi == self.lo:
            return [(0.5, format_tick(self.lo))]
        if self.log:
            values = log_ticks(self.lo, self.hi)
        else:
            values = nice_ticks(self.lo, self.hi, count)
        units = self.to_unit(np.array(values))
        ticks = [
            (float(u), format_tick(v))
            for u, v in zip(units, values, strict=True)
            if -1e-9 <= u <= 1 + 1e-9
        ]
        for end, value in ((0.0, self.lo), (1.0, self.hi)):  # label the range ends
            if all(abs(u - end) > END_GAP for u, _ in ticks):
                ticks.append((end, format_tick(value)))
        return sorted(ticks)


def format_tick(value: float) -> str:
    """A compact label: ``0.001``, ``2.5e+06``, ``12``."""
    return f"{value:.4g}"


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round numbers spanning ``[lo, hi]``, about ``count`` of them (1-2-5 steps)."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    intervals = max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10((hi - lo) / intervals))
    steps = [m * magnitude for m in (1, 2, 2.5, 5, 10)]
    step = min(steps, key=lambda s: (abs((hi - lo) / s - intervals), -s))
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    value = first
    while value <= hi + step * 1e-9:
        ticks.append(0.0 if abs(value) < step * 1e-9 else round(value, 12))
        value += step
    return ticks


def log_ticks(lo: float, hi: float) -> list[float]:
    """Powers of ten within ``[lo, hi]`` (thinned to at most 8), or the bounds."""
    first, last = math.ceil(math.log10(lo) - 1e-9), math.floor(math.log10(hi) + 1e-9)
    if last < first:
        return [lo, hi]
    exponents = list(range(first, last + 1))
    step = max(1, math.ceil(len(exponents) / 8))
    return [10.0**e for e in exponents[::step]]


def can_log(variable: Variable) -> bool:
    """Whether a log axis fits: numeric with every present value positive."""
    if variable.is_categorical:
        return False
    finite = variable.values[np.isfinite(variable.values)]
    return finite.size > 0 and bool((finite > 0).all())


def axis_scale(variable: Variable, log: bool = False) -> AxisScale:
    """The scale of an axis over a variable's range (log only where possible)."""
    if variable.is_categorical:
        return AxisScale(
            0.0, float(len(variable.categories) - 1), False, variable.categories
        )
    finite = variable.values[np.isfinite(variable.values)]
    if finite.size == 0:
        return AxisScale(0.0, 1.0)
    use_log = log and can_log(variable)
    return AxisScale(float(finite.min()), float(finite.max()), use_log)


def unit_matrix(
    variables: Sequence[Variable], scales: Sequence[AxisScale]
) -> np.ndarray:
    """Runs x axes positions in [0, 1] (NaN where a run lacks the value)."""
    if not variables:
        return np.empty((0, 0))
    return np.column_stack(
        [s.to_unit(v.values) for v, s in zip(variables, scales, strict=True)]
    )


def brush_mask(
    matrix: np.ndarray, brushes: Mapping[int, tuple[float, float]]
) -> np.ndarray:
    """Runs inside every brush ``{axis: (lo, hi)}``; a missing value is outside."""
    keep = np.ones(matrix.shape[0], dtype=bool)
    for axis, (lo, hi) in brushes.items():
        lo, hi = min(lo, hi), max(lo, hi)
        column = matrix[:, axis]
        with np.errstate(invalid="ignore"):
            keep &= (column >= lo - 1e-12) & (column <= hi + 1e-12)
    return keep


def polylines(
    matrix: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``x, y, connect`` arrays drawing the given runs as one path.

    Point ``k`` joins point ``k + 1`` when ``connect[k]``: within a run, and only
    between two present values. Missing values are put at 0 and left unjoined.
    """
    sub = matrix[rows]
    n_runs, n_axes = sub.shape
    x = np.tile(np.arange(n_axes, dtype=np.float64), n_runs)
    y = sub.ravel().astype(np.float64)
    present = np.isfinite(y)
    connect = np.zeros(y.size, dtype=bool)
    if n_axes > 1:
        connect[:-1] = present[:-1] & present[1:]
        connect[n_axes - 1 :: n_axes] = False
    return x, np.where(present, y, 0.0), connect


def colour_bins(values: np.ndarray, lo: float, hi: float, bins: int) -> np.ndarray:
    """The colour bin (``0..bins-1``) of each value over ``[lo, hi]``; -1 if missing."""
    values = np.asarray(values, dtype=np.float64)
    out = np.full(values.shape, -1, dtype=np.int64)
    finite = np.isfinite(values)
    if hi > lo:
        unit = (values[finite] - lo) / (hi - lo)
    else:
        unit = np.full(int(finite.sum()), 0.5)
    out[finite] = np.clip((unit * bins).astype(np.int64), 0, bins - 1)
    return out


def nearest_line(
    matrix: np.ndarray, x: float, y: float, candidates: np.ndarray
) -> tuple[int, float]:
    """The candidate run whose line passes closest to ``(x, y)`` vertically.

    Returns ``(run index, distance in unit y)``; ``(-1, inf)`` when none is drawn
    at ``x``.
    """
    n_axes = matrix.shape[1]
    if n_axes == 0 or not candidates.size or not 0 <= x <= n_axes - 1:
        return -1, math.inf
    left = min(math.floor(x), max(0, n_axes - 2))
    right = min(left + 1, n_axes - 1)
    frac = x - left
    rows = matrix[candidates]
    at = (
        rows[:, left] * (1 - frac) + rows[:, right] * frac
        if right != left
        else (rows[:, left])
    )
    distance = np.abs(at - y)
    distance[~np.isfinite(distance)] = math.inf
    best = int(np.argmin(distance))
    return int(candidates[best]), float(distance[best])
