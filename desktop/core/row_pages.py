"""Pages of the runs table as the catalog reads them: plain data, no database.

The screens import these to show rows without loading the store's modules (the
window builds its panes before the store is open).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.views import RunRow

PAGE = 200
"""Rows in a page of the runs table (the rows on screen and a little more)."""
COPY_CHUNK = 10 * PAGE
"""Runs read at once when copying rows as text."""
HistoryKey = tuple[int, str]
"""A (run pk, metric key) pair."""
Keys = dict[str, list[tuple[str, int]]]
"""Param, metric and tag keys with their run counts (``queries.experiment_keys``)."""


@dataclass(frozen=True, slots=True)
class RowPage:
    """Rows of some runs, with the names of their parent runs not known before."""

    rows: dict[int, RunRow]
    parents: dict[str, str]


@dataclass(frozen=True, slots=True)
class RunSearch:
    """The runs a filter and sort found, with the page shown first already read."""

    pks: list[int]
    total: int
    """Runs in the scope before the filter."""
    page: RowPage


def page_bounds(row: int, count: int) -> tuple[int, int]:
    """The rows ``[start, end)`` of the page read for ``row``: a little above it."""
    start = max(0, min(row - PAGE // 4, count - PAGE))
    return start, min(count, start + PAGE)
