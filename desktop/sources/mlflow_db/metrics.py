"""Turn ``metrics`` rows into :class:`MetricHistory` records (mlflow-formats.md §3.2).

NaN is stored as ``value = 0, is_nan = 1``; ±inf as ±DBL_MAX, which is shown as
±infinity. Histories follow the folder reader's contract (de-duplicated, sorted by
``(step, timestamp)``, seconds-era timestamps in milliseconds); the latest value is
the one MLflow keeps in ``latest_metrics``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from operator import itemgetter

import numpy as np

from desktop.core.records import MetricHistory
from desktop.sources.mlruns.metrics import SECONDS_THRESHOLD, build_history

DBL_MAX = 1.7976931348623157e308

# (step, timestamp, value, is_nan) of a latest_metrics row
LatestRow = tuple[int, int, float, bool]


def stored_value(value: float | None, is_nan: object = False) -> float:
    """The value MLflow logged for a stored one: NaN flag and DBL_MAX decoded."""
    if is_nan or value is None:
        return math.nan
    value = float(value)
    if value >= DBL_MAX:
        return math.inf
    if value <= -DBL_MAX:
        return -math.inf
    return value


def _decode(values: np.ndarray, nan_flags: np.ndarray) -> np.ndarray:
    values = values.copy()
    values[nan_flags != 0] = np.nan
    values[values >= DBL_MAX] = np.inf
    values[values <= -DBL_MAX] = -np.inf
    return values


def histories_from_rows(
    rows: Sequence[tuple], latest: dict[tuple[str, str], LatestRow]
) -> dict[str, list[MetricHistory]]:
    """Group ``(run_uuid, key, timestamp, step, value, is_nan)`` rows by run and key.

    Rows must come ordered by ``run_uuid, key``. ``latest`` holds the
    ``latest_metrics`` row of each ``(run_uuid, key)`` when the table exists.
    """
    out: dict[str, list[MetricHistory]] = {}
    n = len(rows)
    if n == 0:
        return out
    ts = np.fromiter(map(itemgetter(2), rows), dtype=np.int64, count=n)
    steps = np.fromiter(map(itemgetter(3), rows), dtype=np.int64, count=n)
    raw = np.fromiter(map(itemgetter(4), rows), dtype=np.float64, count=n)
    flags = np.fromiter(map(itemgetter(5), rows), dtype=np.int8, count=n)
    values = _decode(raw, flags)
    run_ids = np.fromiter(map(itemgetter(0), rows), dtype=object, count=n)
    keys = np.fromiter(map(itemgetter(1), rows), dtype=object, count=n)
    changes = (run_ids[1:] != run_ids[:-1]) | (keys[1:] != keys[:-1])
    starts = [0, *(np.flatnonzero(changes) + 1).tolist(), n]
    for begin, end in pairwise(starts):
        run_id, key = run_ids[begin], keys[begin]
        group_ts = ts[begin:end]
        seconds = 0 < group_ts.max() < SECONDS_THRESHOLD
        history = build_history(
            key, (group_ts.copy(), values[begin:end].copy(), steps[begin:end].copy())
        )
        history.latest_index = _latest_index(
            history, latest.get((run_id, key)), 1000 if seconds else 1
        )
        out.setdefault(run_id, []).append(history)
    for histories in out.values():
        histories.sort(key=lambda h: h.key)
    return out


def _latest_index(history: MetricHistory, row: LatestRow | None, scale: int) -> int:
    """Where MLflow's latest value is: the ``latest_metrics`` row when it matches a
    point, else MLflow's rule (max of ``(step, timestamp, value)``, NaN as 0)."""
    steps, stamps, values = history.steps, history.timestamps, history.values
    if row is not None:
        step, stamp, value, is_nan = row
        match = (steps == int(step)) & (stamps == int(stamp or 0) * scale)
        decoded = stored_value(value, is_nan)
        match &= np.isnan(values) if math.isnan(decoded) else values == decoded
        found = np.flatnonzero(match)
        if found.size:
            return int(found[0])
    comparable = np.where(np.isnan(values), 0.0, values)
    order = np.lexsort((comparable, stamps, steps))
    best = order[-1]
    ties = np.flatnonzero(
        (steps == steps[best])
        & (stamps == stamps[best])
        & (comparable == comparable[best])
    )
    return int(ties[0])
