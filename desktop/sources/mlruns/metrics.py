"""Parse metric files: ``<timestamp> <value> [<step> [<dataset_name...> <digest>]]``.

The fast path hands all of a run's ordinary metric files to numpy's C line parser in
one call (``loadtxt`` with exact int64 columns and correctly rounded floats, and a
strict three-field layout); a file with anything unusual (a 2- or 5-field line, a
truncated or garbage line, a step beyond int64, stray blanks) goes to a careful
line-by-line parser that keeps every readable line and reports the others.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence

import numpy as np

from desktop.core.records import MetricHistory

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
SECONDS_THRESHOLD = 10**11  # early 1.x clients logged timestamps in seconds
# A run of blank lines is not worth a warning; the row count check handles it.
warnings.filterwarnings("ignore", "loadtxt: input contained no data", UserWarning)
_LINE = np.dtype([("ts", "<i8"), ("value", "<f8"), ("step", "<i8")])


Columns = tuple[np.ndarray, np.ndarray, np.ndarray]  # timestamps, values, steps
BadLines = list[tuple[int, str]]


def _load_lines(text: str) -> np.ndarray | None:
    """Rows of ``<int> <float> <int>`` lines split by single spaces, else ``None``.

    Blank lines are skipped, as the careful parser does; any other irregularity
    (field count, a non-integer timestamp or step, an unreadable value) fails.
    """
    try:
        return np.loadtxt(
            io.StringIO(text),
            dtype=_LINE,
            delimiter=" ",
            comments=None,
            quotechar=None,
            ndmin=1,
        )
    except (ValueError, OverflowError):
        return None


def _split(rows: np.ndarray) -> Columns:
    return (
        np.ascontiguousarray(rows["ts"]),
        np.ascontiguousarray(rows["value"]),
        np.ascontiguousarray(rows["step"]),
    )


def parse_metric_texts(texts: Sequence[str]) -> list[tuple[Columns, BadLines]]:
    """Parse several metric files at once; for each, its columns and unreadable lines.

    Files that end with a newline are parsed together by one numpy call (the
    per-call overhead is what dominates for short histories); when that fails or
    a blank line blurs the boundaries, each file is parsed on its own.
    """
    results: list[tuple[Columns, BadLines] | None] = [None] * len(texts)
    joinable = [i for i, text in enumerate(texts) if text.endswith("\n")]
    if len(joinable) > 1:
        counts = [texts[i].count("\n") for i in joinable]
        rows = _load_lines("".join(texts[i] for i in joinable))
        if rows is not None and rows.shape[0] == sum(counts):
            ts, values, steps = _split(rows)
            start = 0
            for i, n in zip(joinable, counts, strict=True):
                end = start + n
                results[i] = ((ts[start:end], values[start:end], steps[start:end]), [])
                start = end
    for i, text in enumerate(texts):
        if results[i] is None:
            results[i] = parse_metric_text(text)
    return results  # type: ignore[return-value]


def parse_metric_text(text: str) -> tuple[Columns, BadLines]:
    """Parse one metric file's text into (timestamps, values, steps) columns.

    Returns the rows in file order and a list of ``(line_number, line)`` that could not
    be read. Integers are exact (int64); values are correctly rounded floats.
    """
    if text.strip():
        rows = _load_lines(text)
        if rows is not None:
            return _split(rows), []
    return _parse_slow(text)


def _parse_slow(text: str) -> tuple[Columns, BadLines]:
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
            if not (
                _INT64_MIN <= ts <= _INT64_MAX and _INT64_MIN <= step <= _INT64_MAX
            ):
                raise ValueError(line)
        except ValueError:
            bad.append((number, raw[:200]))
            continue
        good.append((ts, value, step))
    ts = np.array([g[0] for g in good], dtype=np.int64)
    values = np.array([g[1] for g in good], dtype=np.float64)
    steps = np.array([g[2] for g in good], dtype=np.int64)
    return (ts, values, steps), bad


def build_history(key: str, columns: Columns) -> MetricHistory:
    """De-duplicate, sort by (step, timestamp) and locate the latest value.

    The latest value follows MLflow's FileStore: ``max`` over the lines in file order
    keyed by ``(step, timestamp, value)``.
    """
    ts, values, steps = columns
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
