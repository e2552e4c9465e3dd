"""What the UI changes in the store besides imports (through the store's writer)."""

from __future__ import annotations

from desktop.services.catalog import Catalog


def remove_source(catalog: Catalog, source_id: int) -> None:
    """Remove a source and everything imported from it (its files are untouched)."""
    from desktop.store.writer import delete_source

    with catalog.store.begin() as conn:
        delete_source(conn, source_id)
