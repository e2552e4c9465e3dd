"""One curve for a group of runs: the mean per step, with a band.

Runs with different seeds log the same steps; a group's curve is, at each step
some of its runs logged, the mean of their values there, with a band of either
their min and max or the mean ± one standard deviation. Non-finite values are
left out. Time axes place each step at the mean time its runs reached it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from desktop.analysis.curves import XAxis, ema, x_values
from desktop.core.views import History


class Band(StrEnum):
    """What the band around a group's mean spans."""

    RANGE = "range"
    STD = "std"


@dataclass(frozen=True)
class GroupCurve:
    """A group's mean curve: parallel arrays, one entry per step."""

    x: np.ndarray
    mean: np.ndarray
    low: np.ndarray
    high: np.ndarray
    runs: np.ndarray
    """How many runs had a finite value at each step."""


def group_curve(
    histories: Sequence[History],
    axis: XAxis = XAxis.STEP,
    band: Band = Band.RANGE,
    smoothing: float = 0.0,
) -> GroupCurve:
    """The mean curve of ``histories`` (one per run), each smoothed first."""
    steps, xs, values = [], [], []
    for history in histories:
        if not len(history):
            continue
        steps.append(history.steps.astype(np.int64))
        xs.append(x_values(history, axis))
        values.append(ema(history.values, smoothing))
    if not steps:
        empty = np.empty(0)
        return GroupCurve(empty, empty, empty, empty, np.empty(0, dtype=np.int64))
    step = np.concatenate(steps)
    x = np.concatenate(xs)
    value = np.concatenate(values)
    finite = np.isfinite(value)
    step, x, value = step[finite], x[finite], value[finite]
    order = np.argsort(step, kind="stable")
    step, x, value = step[order], x[order], value[order]
    if not len(step):
        empty = np.empty(0)
        return GroupCurve(empty, empty, empty, empty, np.empty(0, dtype=np.int64))
    starts = np.flatnonzero(np.r_[True, step[1:] != step[:-1]])
    counts = np.diff(np.r_[starts, len(step)])
    mean = np.add.reduceat(value, starts) / counts
    mean_x = np.add.reduceat(x, starts) / counts
    if band is Band.RANGE:
        low = np.minimum.reduceat(value, starts)
        high = np.maximum.reduceat(value, starts)
    else:
        squares = np.add.reduceat((value - np.repeat(mean, counts)) ** 2, starts)
        spread = np.sqrt(np.where(counts > 1, squares / np.maximum(counts - 1, 1), 0))
        low, high = mean - spread, mean + spread
    return GroupCurve(mean_x, mean, low, high, counts)
