"""Read and write where a team database's artifacts are seen from here."""

from __future__ import annotations

import sqlite3
import time

from desktop.core.artifact_places import ArtifactPlaces


def load_places(connection: sqlite3.Connection, location: str) -> ArtifactPlaces:
    """What the user set for the source at ``location`` (empty when nothing)."""
    row = connection.execute(
        "SELECT served_by, server_root, local_root FROM artifact_places "
        "WHERE location = ?",
        (location,),
    ).fetchone()
    return ArtifactPlaces(*row) if row is not None else ArtifactPlaces()


def save_places(
    connection: sqlite3.Connection, location: str, places: ArtifactPlaces
) -> None:
    """Remember ``places`` for ``location`` (forget them when empty)."""
    connection.execute("DELETE FROM artifact_places WHERE location = ?", (location,))
    if places.empty:
        return
    connection.execute(
        "INSERT INTO artifact_places (location, served_by, server_root, local_root, "
        "updated_at) VALUES (?, ?, ?, ?, ?)",
        (
            location,
            places.served_by or None,
            places.server_root or None,
            places.local_root or None,
            int(time.time() * 1000),
        ),
    )
