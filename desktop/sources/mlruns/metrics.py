"""Parse metric files: ``<timestamp> <value> [<step> [<dataset_name...> <digest>]]``.

A batch of runs' metric files is parsed in as few calls as possible: regular files
(every line ``<int> <number> <int>``) are joined and handed to pyarrow's CSV reader
(exact int64 columns, correctly rounded floats: the same numbers Python reads), or
to numpy's C line parser for a single run. A call that fails is split in halves; a
file that fails on its own (a 2- or 5-field line, a truncated or garbage line, a step
beyond int64, stray blanks) goes to a careful line-by-line parser that keeps every
readable line and reports the others.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from desktop.core.records import MetricHistory

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
SECONDS_THRESHOLD = 10**11  # early 1.x clients logged timestamps in seconds
# A run of blank lines is not worth a warning; the row count check handles it.
warnings.filterwarnings("ignore", "loadtxt: input contained no data", UserWarning)
_LINE = np.dtype([("ts", "<i8"), ("value", "<f8"), ("step", "<i8")])


Columns = tuple[np.ndarray, np.ndarray, np.ndarray]  # timestamps, values, steps
BadLines = list[tuple[int, str]]


class ParsedFile(NamedTuple):
    """One metric file's readable lines, unreadable lines, and the steps MLflow's
    FileStore ranks lines by when they differ from the written ones."""

    columns: Columns
    bad: BadLines
    filestore_steps: np.ndarray | None = None
    """Per line, the step MLflow 3's FileStore reads: ``0`` on every 5-field line
    (``int(parts[2]) if len(parts) == 3 else 0``), although it wrote the real step
    there. It decides which value is the latest, as MLflow shows it; ``None``
    when the file has no 5-field line."""


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


# pyarrow pays off from about this many bytes per call (its fixed cost is ~0.4 ms).
_ARROW_MIN_BYTES = 1 << 15
_arrow: tuple | None = None


def _arrow_reader() -> tuple | None:
    """pyarrow's CSV reader and options for metric lines (``None`` without pyarrow)."""
    global _arrow
    if _arrow is None:
        try:
            import pyarrow as pa
            import pyarrow.csv as csv
        except ImportError:  # pragma: no cover - pyarrow is a dependency
            _arrow = ()
        else:
            parse = csv.ParseOptions(
                delimiter=" ",
                quote_char=False,
                escape_char=False,
                double_quote=False,
                newlines_in_values=False,
                ignore_empty_lines=False,
            )
            convert = csv.ConvertOptions(
                column_types={
                    "ts": pa.int64(),
                    "value": pa.float64(),
                    "step": pa.int64(),
                },
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            )
            _arrow = (pa, csv, parse, convert)
    return _arrow or None


def _arrow_lines(data: bytes) -> Columns | None:
    """The columns of strictly regular lines via pyarrow, else ``None``."""
    reader = _arrow_reader()
    if reader is None:
        return None
    pa, csv, parse, convert = reader
    options = csv.ReadOptions(
        use_threads=False,
        column_names=["ts", "value", "step"],
        block_size=max(1 << 20, len(data) + 1),  # one chunk
    )
    try:
        table = csv.read_csv(
            pa.py_buffer(data),
            read_options=options,
            parse_options=parse,
            convert_options=convert,
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return (
        table.column("ts").to_numpy(),
        table.column("value").to_numpy(),
        table.column("step").to_numpy(),
    )


def _load_joined(data: bytes, rows: int) -> Columns | None:
    if len(data) >= _ARROW_MIN_BYTES:
        columns = _arrow_lines(data)
        if columns is None or columns[0].shape[0] != rows:
            return None
        return columns
    loaded = _load_lines(data.decode("ascii", errors="replace"))
    if loaded is None or loaded.shape[0] != rows:
        return None
    return _split(loaded)


def parse_metric_files(
    contents: Sequence[bytes], decode: Callable[[int], str]
) -> list[ParsedFile]:
    """Parse many metric files' bytes at once (say, all of a batch of runs).

    For each file, its columns and unreadable lines. ``decode(i)`` gives the text of
    file ``i`` when it must be parsed on its own (and reports undecodable bytes).
    """
    results: list[ParsedFile | None] = [None] * len(contents)
    counts = [data.count(b"\n") for data in contents]
    regular = [
        i
        for i, data in enumerate(contents)
        if data.endswith(b"\n") and data.count(b" ") == 2 * counts[i]
    ]
    pending = [regular] if regular else []
    while pending:
        group = pending.pop()
        if len(group) == 1:
            continue  # parsed on its own below
        columns = _load_joined(
            b"".join(contents[i] for i in group), sum(counts[i] for i in group)
        )
        if columns is None:
            half = len(group) // 2
            pending += [group[:half], group[half:]]
            continue
        ts, values, steps = columns
        start = 0
        for i in group:
            end = start + counts[i]
            results[i] = ParsedFile(
                (ts[start:end], values[start:end], steps[start:end]), []
            )
            start = end
    return [
        parse_metric_text(decode(i)) if result is None else result
        for i, result in enumerate(results)
    ]


def check_fast_parser() -> tuple[bool, str]:
    """Parse a batch the size of a run's metrics with pyarrow (packaging smoke test)."""
    lines = "".join(f"{1700000000000 + i} {i / 7!r} {i}\n" for i in range(2000))
    data = lines.encode()
    [((_ts, values, steps), bad, _)] = parse_metric_files([data], lambda _i: lines)
    ok = (
        _arrow_reader() is not None
        and bad == []
        and steps.tolist() == list(range(2000))
    )
    ok = ok and values.tolist() == [i / 7 for i in range(2000)]
    return ok, "pyarrow" if _arrow_reader() is not None else "pyarrow missing"


def parse_metric_text(text: str) -> ParsedFile:
    """Parse one metric file's text into (timestamps, values, steps) columns.

    Returns the rows in file order and a list of ``(line_number, line)`` that could not
    be read. Integers are exact (int64); values are correctly rounded floats.
    """
    if text.strip():
        rows = _load_lines(text)
        if rows is not None:
            return ParsedFile(_split(rows), [])
    return _parse_slow(text)


def _parse_slow(text: str) -> ParsedFile:
    good: list[tuple[int, float, int]] = []
    bad: list[tuple[int, str]] = []
    five_fields: list[bool] = []
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
        five_fields.append(len(parts) == 5)
    stamps = np.array([g[0] for g in good], dtype=np.int64)
    values = np.array([g[1] for g in good], dtype=np.float64)
    steps = np.array([g[2] for g in good], dtype=np.int64)
    filestore_steps = None
    if any(five_fields):
        filestore_steps = np.where(np.array(five_fields), 0, steps)
    return ParsedFile((stamps, values, steps), bad, filestore_steps)


def build_history(
    key: str, columns: Columns, filestore_steps: np.ndarray | None = None
) -> MetricHistory:
    """De-duplicate, sort by (step, timestamp) and locate the latest value.

    Exact duplicates (same step, timestamp and value; NaN equals NaN) are kept
    once, deliberately: MLflow 3's ``log_model`` re-appends a run's metric lines
    at the model's step, so a FileStore's ``get_metric_history`` returns the point
    twice, while MLflow's SQL store (primary key over the whole point) and its
    ``migrate-filestore`` keep one. One point is what was logged; every reader
    (folders, databases, servers) goes through here, so counts agree across
    sources. See README, "Fidelity: where we differ from MLflow".

    The latest value follows MLflow's FileStore: ``max`` over the lines in file order
    keyed by ``(step, timestamp, value)``, with the step it reads
    (``filestore_steps``, see :class:`ParsedFile`) where given.
    """
    ts, values, steps = columns
    n = values.shape[0]
    if n == 0:
        empty_i = np.empty(0, dtype=np.int64)
        return MetricHistory(key, empty_i, empty_i.copy(), np.empty(0), -1)
    if 0 < ts.max() < SECONDS_THRESHOLD:
        ts = ts * 1000
    ranked = steps if filestore_steps is None else filestore_steps
    if n == 1 or (ranked is steps and bool((steps[1:] > steps[:-1]).all())):
        # The common case: one line per step in order, nothing to sort or drop.
        return MetricHistory(key, steps, ts, values, n - 1)
    latest = _latest_index(ts, values, ranked)
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
