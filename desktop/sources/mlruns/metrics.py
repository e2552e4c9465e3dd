"""Parse metric files: ``<timestamp> <value> [<step> [<dataset_name...> <digest>]]``.

The fast path hands a whole file to numpy; anything unusual (a 2- or 5-field line, a
truncated or garbage line, a huge step) falls back to a careful line-by-line parser
that keeps every readable line and reports the others.
"""

from __future__ import annotations

import re
import warnings

import numpy as np

from desktop.core.records import MetricHistory

_EXACT_LIMIT = 2.0**53  # integers beyond this do not survive a float64 round trip
SECONDS_THRESHOLD = 10**11  # early 1.x clients logged timestamps in seconds
# Every line exactly "<a> <b> <c>": the shape the numpy fast path may take.
_THREE_FIELDS = re.compile(r"(?:[^ \n]+ [^ \n]+ [^ \n]+\n)*[^ \n]+ [^ \n]+ [^ \n]+\n?")
# numpy warns when it stops early at a non-number; the size check catches that case.
warnings.filterwarnings(
    "ignore", "string or file could not be read to its end", DeprecationWarning
)


def parse_metric_text(text: str) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """Parse a metric file's text into an ``(n, 3)`` float array of (ts, value, step).

    Returns the rows in file order and a list of ``(line_number, line)`` that could not
    be read. Integers are exact: the fast path is only taken when they fit a float64.
    """
    rows = _parse_fast(text)
    if rows is not None:
        return rows, []
    return _parse_slow(text)


def _parse_fast(text: str) -> np.ndarray | None:
    if not text:
        return np.empty((0, 3), dtype=np.float64)
    if not _THREE_FIELDS.fullmatch(text):
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    try:
        flat = np.fromstring(text, dtype=np.float64, sep=" ")
    except ValueError:
        return None
    if flat.size != lines * 3:
        return None
    rows = flat.reshape(lines, 3)
    ints = rows[:, 0::2]
    if not np.all(np.isfinite(ints)) or np.any(np.abs(ints) >= _EXACT_LIMIT):
        return None
    if np.any(ints != np.floor(ints)):
        return None
    return rows


def _parse_slow(text: str) -> tuple[np.ndarray, list[tuple[int, str]]]:
    good: list[tuple[int, float, int]] = []
    bad: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = line.split()
        try:
            if len(parts) == 2:
                ts, value, step = int(parts[0]), float(parts[1]), 0
            elif len(parts) >= 3 and len(parts) != 4:
                ts, value, step = int(parts[0]), float(parts[1]), int(parts[2])
            else:
                raise ValueError(line)
        except ValueError:
            bad.append((number, raw[:200]))
            continue
        good.append((ts, value, step))
    if not good:
        return np.empty((0, 3), dtype=np.float64), bad
    # Keep exact integers by building the columns separately.
    arr = np.empty((len(good), 3), dtype=object)
    arr[:] = good
    return arr, bad


def build_history(key: str, rows: np.ndarray) -> MetricHistory:
    """De-duplicate, sort by (step, timestamp) and locate the latest value.

    The latest value follows MLflow's FileStore: ``max`` over the lines in file order
    keyed by ``(step, timestamp, value)``.
    """
    ts = rows[:, 0].astype(np.int64)
    values = rows[:, 1].astype(np.float64)
    steps = rows[:, 2].astype(np.int64)
    n = values.shape[0]
    if n == 0:
        empty_i = np.empty(0, dtype=np.int64)
        return MetricHistory(key, empty_i, empty_i.copy(), np.empty(0), -1)
    if 0 < ts.max() < SECONDS_THRESHOLD:
        ts = ts * 1000
    if n == 1 or bool((steps[1:] > steps[:-1]).all()):
        # The common case: one line per step in order, nothing to sort or drop.
        return MetricHistory(key, steps, ts, values, n - 1)
    latest = _latest_index(ts, values, steps)
    latest_triple = (steps[latest], ts[latest], values[latest])
    # De-duplicate identical triples (NaN equal to NaN) keeping the first occurrence.
    value_bits = values.view(np.int64).copy()
    value_bits[np.isnan(values)] = np.int64(0x7FF8000000000000)
    order = np.lexsort((value_bits, ts, steps))
    s, t, b = steps[order], ts[order], value_bits[order]
    keep = np.ones(n, dtype=bool)
    keep[1:] = (s[1:] != s[:-1]) | (t[1:] != t[:-1]) | (b[1:] != b[:-1])
    order = order[keep]
    # Stable order by (step, timestamp), ties in file order.
    order = order[np.lexsort((order, ts[order], steps[order]))]
    steps, ts, values = steps[order], ts[order], values[order]
    latest_pos = _find_triple(steps, ts, values, latest_triple)
    return MetricHistory(key, steps, ts, values, latest_pos)


def _latest_index(ts: np.ndarray, values: np.ndarray, steps: np.ndarray) -> int:
    top_step = steps.max()
    candidates = np.flatnonzero(steps == top_step)
    top_ts = ts[candidates].max()
    candidates = candidates[ts[candidates] == top_ts]
    if candidates.size == 1:
        return int(candidates[0])
    # Python's max keeps the first of equal keys and NaN never compares greater.
    best = int(candidates[0])
    for idx in candidates[1:]:
        if values[idx] > values[best]:
            best = int(idx)
    return best


def _find_triple(
    steps: np.ndarray, ts: np.ndarray, values: np.ndarray, triple: tuple
) -> int:
    step, stamp, value = triple
    match = (steps == step) & (ts == stamp)
    if np.isnan(value):
        match &= np.isnan(values)
    else:
        match &= values == value
    return int(np.flatnonzero(match)[0])
