"""The order of a logged table's rows sorted by one column, computed with numpy so
that it can run on a worker thread (Qt-free) and be cancelled between chunks.

Numbers sort numerically, then text (case-folded, as shown: booleans as
``true``/``false``); descending reverses that. Equal cells keep their row order
in both directions (a stable sort). Empty cells and NaN come last in both
directions, in row order, and gap rows (``None`` rows of aligned tables) after
everything.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from desktop.services.logged_tables import Cell, cell_text

CHUNK = 50_000
"""Cells handled between two looks at the cancel flag."""
TEXT_BYTES = 128 * 1024 * 1024
"""At most this much memory for a column's texts as a numpy array (longer texts
are sorted by a prefix first)."""
FILL = 10_000
"""Texts copied into numpy per step: a copy holds the interpreter lock, so the GUI
thread waits at most one step's copy (about 2 ms)."""
GAP = np.iinfo(np.int64).max
"""The rank of a gap row (after everything)."""
EMPTY = GAP - 1
"""The rank of an empty or NaN cell (after every value)."""


class SortCancelled(Exception):
    """A newer sort (or another table) replaced the one being computed."""


@dataclass(frozen=True, slots=True)
class ColumnRanks:
    """A column's cells as dense ranks: equal cells share a rank, numbers rank
    below text; empty and NaN cells hold :data:`EMPTY`, gap rows :data:`GAP`.

    ``ranks`` runs over every row of the table; ``top`` is the highest rank a
    value holds (-1 when none does).
    """

    ranks: np.ndarray
    top: int


@dataclass(frozen=True, slots=True)
class SortResult:
    """A computed order: ``permutation[i]`` is the row shown at position ``i``."""

    column: int
    descending: bool
    permutation: np.ndarray
    ranks: ColumnRanks


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise SortCancelled


def column_ranks(
    rows: Sequence[Sequence[Cell] | None],
    column: int,
    cancel: threading.Event | None = None,
) -> ColumnRanks:
    """Rank ``rows``' cells in ``column`` (see :class:`ColumnRanks`).

    Raises :class:`SortCancelled` once ``cancel`` is set.
    """
    count = len(rows)
    number_at: list[int] = []
    numbers: list[float] = []
    text_at: list[int] = []
    texts: list[str] = []
    for start in range(0, count, CHUNK):
        _check(cancel)
        for i in range(start, min(start + CHUNK, count)):
            row = rows[i]
            value = None if row is None or column >= len(row) else row[column]
            kind = type(value)
            if kind is float:
                if value == value:  # not NaN
                    number_at.append(i)
                    numbers.append(value)  # type: ignore[arg-type]
            elif kind is int:
                number_at.append(i)
                numbers.append(_as_float(value))  # type: ignore[arg-type]
            elif kind is str:
                text_at.append(i)
                texts.append(value.casefold())  # type: ignore[union-attr]
            elif value is not None:  # bool: "true"/"false"; anything else as shown
                text_at.append(i)
                texts.append(cell_text(value).casefold())
    ranks = np.full(count, EMPTY, dtype=np.int64)
    ranks[[i for i, row in enumerate(rows) if row is None]] = GAP
    _check(cancel)
    distinct_numbers, number_ranks = np.unique(
        np.asarray(numbers, dtype=np.float64), return_inverse=True
    )
    ranks[np.asarray(number_at, dtype=np.intp)] = number_ranks
    text_ranks, distinct_texts = _text_ranks(texts, cancel)
    ranks[np.asarray(text_at, dtype=np.intp)] = text_ranks + len(distinct_numbers)
    top = len(distinct_numbers) + distinct_texts - 1
    return ColumnRanks(ranks, top)


def _text_ranks(
    texts: list[str], cancel: threading.Event | None
) -> tuple[np.ndarray, int]:
    """Dense ranks of ``texts`` (equal texts share one) and how many differ.

    numpy sorts a fixed-width string array without holding the interpreter lock
    (the GUI thread keeps running; Python's ``sorted`` would hold it for the
    whole sort). Texts longer than fits :data:`TEXT_BYTES` are sorted by a
    prefix first, then the rows sharing a prefix by their whole text.
    """
    count = len(texts)
    if not count:
        return np.empty(0, dtype=np.int64), 0
    longest = max(len(t) for t in texts)  # bytecode: the GUI thread may cut in
    width = max(1, min(longest, TEXT_BYTES // (4 * count)))
    cut = longest > width
    keys = np.empty(count, dtype=f"<U{width}")
    for start in range(0, count, FILL):  # in slices: each holds the lock briefly
        part = texts[start : start + FILL]
        keys[start : start + FILL] = [t[:width] for t in part] if cut else part
    _check(cancel)
    order = np.argsort(keys, kind="stable")
    _check(cancel)
    in_order = keys[order]
    differs = np.empty(count, dtype=bool)
    differs[0] = True
    differs[1:] = in_order[1:] != in_order[:-1]
    if cut:  # rows sharing a prefix: by the whole text, in row order on ties
        starts = np.flatnonzero(differs)
        ends = np.append(starts[1:], count)
        shared = ends - starts > 1
        for start, end in zip(
            starts[shared].tolist(), ends[shared].tolist(), strict=True
        ):
            _check(cancel)
            members = sorted(order[start:end].tolist(), key=texts.__getitem__)
            order[start:end] = members
            whole = [texts[i] for i in members]
            differs[start + 1 : end] = [a != b for a, b in itertools.pairwise(whole)]
    dense = np.cumsum(differs) - 1
    ranks = np.empty(count, dtype=np.int64)
    ranks[order] = dense
    return ranks, int(dense[-1]) + 1


def _as_float(value: int) -> float:
    try:
        return float(value)
    except OverflowError:  # an integer beyond a double: an infinity of its sign
        return math.inf if value > 0 else -math.inf


def ordered(ranks: ColumnRanks, descending: bool) -> np.ndarray:
    """The rows in order of ``ranks``: a stable sort, empty cells then gap rows
    last in both directions."""
    keys = ranks.ranks
    if descending:
        keys = np.where(keys >= EMPTY, keys, ranks.top - keys)
    return np.argsort(keys, kind="stable").astype(np.intp, copy=False)


def sort_rows(
    rows: Sequence[Sequence[Cell] | None],
    column: int,
    descending: bool,
    cancel: threading.Event | None = None,
    ranks: ColumnRanks | None = None,
) -> SortResult:
    """The order of ``rows`` sorted by ``column`` (``ranks``: the column's ranks
    from an earlier sort of the same rows, to skip ranking them again)."""
    if ranks is None:
        ranks = column_ranks(rows, column, cancel)
    _check(cancel)
    return SortResult(column, descending, ordered(ranks, descending), ranks)
