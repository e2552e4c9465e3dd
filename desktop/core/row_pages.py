"""Pages of the runs table as the catalog reads them: plain data, no database.

The screens import these to show rows without loading the store's modules (the
window builds its panes before the store is open).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.run_groups import RunGroup
from desktop.core.run_tree import AS_SHOWN_FIRST, Folding, RunTree
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
    tree: RunTree | None = None
    """The runs nested under their parents or groups (``None``: shown flat)."""
    groups: dict[int, RunGroup] | None = None
    """The group rows of ``tree`` by their (negative) ids, when grouped."""
    hidden: int = 0
    """Runs of the scope the user hid, left out of ``pks`` and ``total``."""

    def shown(self, folding: Folding = AS_SHOWN_FIRST) -> list[int]:
        """The rows shown, folded and unfolded as ``folding`` says."""
        return self.pks if self.tree is None else self.tree.visible(folding)


def page_bounds(row: int, count: int) -> tuple[int, int]:
    """The rows ``[start, end)`` of the page read for ``row``: a little above it."""
    start = max(0, min(row - PAGE // 4, count - PAGE))
    return start, min(count, start + PAGE)


def page_runs(rows: list[int], tree: RunTree | None) -> list[int]:
    """The runs to read for a page of rows: those, and the best match below each
    parent among them (a folded parent's row shows its value)."""
    if tree is None:
        return rows
    rows = [pk for pk in rows if pk >= 0]  # not the group rows
    have = set(rows)
    extra = {tree.best[pk] for pk in rows if pk in tree.best} - have
    return [*rows, *extra]
