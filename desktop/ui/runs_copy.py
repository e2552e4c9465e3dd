"""The text of selected runs for the clipboard, built off the GUI thread.

Copying thousands of rows reads them from the store and renders every cell: seconds
of work, done on the thread pool so the window stays responsive.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from desktop.core.columns import Column
from desktop.core.gc_tuning import collection_paused
from desktop.store.database import Store
from desktop.ui.runs_model import PAGE, display_text, fetch_rows

CHUNK = 10 * PAGE


class CopyCancelled(Exception):
    """A newer copy replaced this one."""


def rows_as_text(
    store: Store,
    pks: Sequence[int],
    columns: Sequence[Column],
    titles: Sequence[str],
    parents: dict[str, str],
    cancel: threading.Event | None = None,
) -> str:
    """Tab-separated cells of runs ``pks`` (in that order) under a header line.

    The cells read exactly as the runs table shows them. Runs on any thread.
    """
    lines = ["\t".join(titles)]
    names = dict(parents)
    # Rows hold no reference cycles: collections would stall the GUI thread for
    # nothing (they hold the interpreter lock while they walk every object).
    with collection_paused(), store.engine.connect() as conn:
        for start in range(0, len(pks), CHUNK):
            if cancel is not None and cancel.is_set():
                raise CopyCancelled
            chunk = pks[start : start + CHUNK]
            rows, found = fetch_rows(conn, chunk, columns, frozenset(names))
            names.update(found)
            lines.extend(
                "\t".join(display_text(column, rows[pk], names) for column in columns)
                for pk in chunk
                if pk in rows
            )
    return "\n".join(lines)
