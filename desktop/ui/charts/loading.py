"""Reading what the charts view draws, on the worker pool, cancellably."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.core.row_pages import HistoryKey
from desktop.core.views import History

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog

HISTORY_CHUNK = 500
"""Runs read per query: a newer filter stops a long read between two chunks."""


class LoadCancelled(Exception):
    """A newer filter replaced the runs being read."""


def read_histories(
    catalog: Catalog,
    pks: Sequence[int],
    key: str,
    cancel: threading.Event,
) -> tuple[str, dict[HistoryKey, History]]:
    """Every history of metric ``key`` for runs ``pks`` (absent ones left out).

    Raises :class:`LoadCancelled` once ``cancel`` is set.
    """
    found: dict[HistoryKey, History] = {}
    for start in range(0, len(pks), HISTORY_CHUNK):
        if cancel.is_set():
            raise LoadCancelled
        found.update(
            catalog.histories_of_runs(pks[start : start + HISTORY_CHUNK], [key])
        )
    return key, found
