"""What the UI changes in the store besides imports (through the store's writer)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.marks import MarkChange
from desktop.services.catalog import Catalog


def remove_source(catalog: Catalog, source_id: int) -> None:
    """Remove a source and everything imported from it (its files are untouched)."""
    from desktop.store.writer import delete_source

    with catalog.store.begin() as conn:
        delete_source(conn, source_id)


def mark_runs(catalog: Catalog, pks: Sequence[int], change: MarkChange) -> int:
    """Star, hide or annotate runs ``pks`` in our store (never in their source);
    returns how many runs were found. Call it on a worker thread."""
    from desktop.store.marks import write_marks

    with catalog.store.begin() as conn:
        return write_marks(conn, pks, change)
