"""Metric-curve helpers shared by the run charts and the compare dialog."""

from __future__ import annotations

import math
from enum import StrEnum

import numpy as np

from desktop.core.views import History


class XAxis(StrEnum):
    """What a metric chart puts on its x axis."""

    STEP = "step"
    WALL_TIME = "wall"
    RELATIVE_TIME = "relative"


def x_values(history: History, axis: XAxis, origin_ms: int | None = None) -> np.ndarray:
    """The x coordinates of a history's points.

    Steps as floats; wall time in seconds since the epoch (what pyqtgraph's
    ``DateAxisItem`` expects); relative time in seconds since ``origin_ms`` (default:
    the history's first timestamp).
    """
    if axis is XAxis.STEP:
        if len(history.steps) == len(history):
            return history.steps.astype(np.float64)
        return np.arange(len(history), dtype=np.float64)
    stamps = history.timestamps.astype(np.float64)
    if axis is XAxis.WALL_TIME:
        return stamps / 1000.0
    if origin_ms is None:
        origin_ms = int(history.timestamps.min()) if len(history) else 0
    return (stamps - origin_ms) / 1000.0


def ema(values: np.ndarray, weight: float) -> np.ndarray:
    """Exponential moving average with TensorBoard's debiasing (weight in [0, 1)).

    Non-finite values are carried through unchanged and skipped by the average.
    """
    values = np.asarray(values, dtype=np.float64)
    if weight <= 0 or values.size == 0:
        return values.copy()
    weight = min(float(weight), 0.999)
    finite = np.isfinite(values)
    out = values.copy()
    x = values[finite]
    smoothed = _recurrence((1.0 - weight) * x, weight)
    debias = 1.0 - weight ** np.arange(1, x.size + 1, dtype=np.float64)
    out[finite] = smoothed / debias
    return out


def _recurrence(x: np.ndarray, w: float) -> np.ndarray:
    """``y[n] = w * y[n-1] + x[n]`` with ``y[-1] = 0`` and ``0 <= w < 1``.

    What ``scipy.signal.lfilter([1], [1, -w], x)`` computes, in numpy alone (SciPy
    takes seconds to import). The series is cut into blocks over which ``w``'s
    powers span at most six decades; each block is a scaled ``cumsum``, and the
    carries between blocks are the same recurrence over the block ends.
    """
    n = x.size
    if n <= 1 or w < 1e-12:  # a weight below 1e-12 changes no digit that shows
        return x.copy()
    peak = float(np.max(np.abs(x)))
    if not 0.0 < peak < math.inf:
        return x.copy()
    scale = math.ldexp(1.0, math.frexp(peak)[1])  # exact: a power of two
    block = min(n, max(2, int(6 / -math.log10(w)) + 1))
    rows = -(-n // block)
    grid = np.zeros(rows * block)
    grid[:n] = x / scale
    grid = grid.reshape(rows, block)
    powers = w ** np.arange(block, dtype=np.float64)
    local = np.cumsum(grid / powers, axis=1) * powers
    if rows > 1:
        carry = _recurrence(np.ascontiguousarray(local[:, -1]), w**block)
        local[1:] += carry[:-1, None] * (powers * w)
    return local.reshape(-1)[:n] * scale


def value_at(x: np.ndarray, y: np.ndarray, at: float) -> tuple[float, float] | None:
    """The point of a curve nearest to ``at`` along x, as ``(x, y)``.

    ``x`` must be sorted; ``None`` when ``at`` lies outside the curve's x range.
    """
    if x.size == 0 or not x[0] <= at <= x[-1]:
        return None
    i = int(np.searchsorted(x, at))
    if i >= x.size or (i > 0 and at - x[i - 1] <= x[i] - at):
        i -= 1
    return float(x[i]), float(y[i])
