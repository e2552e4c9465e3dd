"""Read and write the non-secret connection settings of tracking servers."""

from __future__ import annotations

import sqlite3
import time


def load_options(
    connection: sqlite3.Connection, location: str
) -> dict[str, object] | None:
    """The settings saved for the server at ``location`` (a URL without secrets)."""
    row = connection.execute(
        "SELECT verify_tls, ca_bundle, auth_kind, username FROM server_connections "
        "WHERE location = ?",
        (location,),
    ).fetchone()
    if row is None:
        return None
    verify_tls, ca_bundle, auth_kind, username = row
    return {
        "verify_tls": bool(verify_tls),
        "ca_bundle": ca_bundle,
        "auth": auth_kind,
        "username": username,
    }


def save_options(
    connection: sqlite3.Connection, location: str, options: dict[str, object]
) -> None:
    """Remember ``options`` (see ``Connection.options``) for ``location``."""
    connection.execute("DELETE FROM server_connections WHERE location = ?", (location,))
    ca_bundle = options.get("ca_bundle")
    username = options.get("username")
    connection.execute(
        "INSERT INTO server_connections (location, verify_tls, ca_bundle, auth_kind, "
        "username, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            location,
            bool(options.get("verify_tls", True)),
            ca_bundle if isinstance(ca_bundle, str) and ca_bundle else None,
            str(options.get("auth") or "none")[:16],
            username if isinstance(username, str) and username else None,
            int(time.time() * 1000),
        ),
    )
