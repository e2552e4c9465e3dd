"""View ranges for charts whose data has no extent (a single point, a flat line).

Left to itself pyqtgraph shows a lone point at step 0 on an axis from -0.4 to
0.4; these ranges keep whole steps, non-negative steps and times, and a value
axis a tenth of the value either side.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from desktop.analysis.curves import XAxis

SPAN = {XAxis.STEP: 2.0, XAxis.RELATIVE_TIME: 2.0, XAxis.WALL_TIME: 60.0}
"""How wide an axis around a lone x value is: 2 steps, 2 seconds, a minute."""


def _finite(arrays: Iterable[np.ndarray]) -> np.ndarray:
    parts = [a[np.isfinite(a)] for a in arrays if len(a)]
    return np.concatenate(parts) if parts else np.empty(0)


def flat_x_range(xs: Iterable[np.ndarray], axis: XAxis) -> tuple[float, float] | None:
    """A range around the only x value, or None when the values spread."""
    values = _finite(xs)
    if not len(values) or values.min() != values.max():
        return None
    x, span = float(values[0]), SPAN[axis]
    lo = x - span / 2
    if axis is not XAxis.WALL_TIME and x >= 0:
        lo = max(lo, 0.0)  # no negative steps or times
    return lo, lo + span


def flat_y_range(ys: Iterable[np.ndarray]) -> tuple[float, float] | None:
    """A range around the only y value, or None when the values spread."""
    values = _finite(ys)
    if not len(values) or values.min() != values.max():
        return None
    y = float(values[0])
    half = abs(y) * 0.1 or 1.0
    return y - half, y + half
