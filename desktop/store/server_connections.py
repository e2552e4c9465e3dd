"""Read and write the non-secret connection settings of tracking servers."""

from __future__ import annotations

import time

from sqlalchemy import Connection, delete, insert, select

from desktop.store.schema import ServerConnection


def load_options(connection: Connection, location: str) -> dict[str, object] | None:
    """The settings saved for the server at ``location`` (a URL without secrets)."""
    row = connection.execute(
        select(
            ServerConnection.verify_tls,
            ServerConnection.ca_bundle,
            ServerConnection.auth_kind,
            ServerConnection.username,
        ).where(ServerConnection.location == location)
    ).first()
    if row is None:
        return None
    return {
        "verify_tls": bool(row.verify_tls),
        "ca_bundle": row.ca_bundle,
        "auth": row.auth_kind,
        "username": row.username,
    }


def save_options(
    connection: Connection, location: str, options: dict[str, object]
) -> None:
    """Remember ``options`` (see ``Connection.options``) for ``location``."""
    connection.execute(
        delete(ServerConnection).where(ServerConnection.location == location)
    )
    ca_bundle = options.get("ca_bundle")
    username = options.get("username")
    connection.execute(
        insert(ServerConnection).values(
            location=location,
            verify_tls=bool(options.get("verify_tls", True)),
            ca_bundle=ca_bundle if isinstance(ca_bundle, str) and ca_bundle else None,
            auth_kind=str(options.get("auth") or "none")[:16],
            username=username if isinstance(username, str) and username else None,
            updated_at=int(time.time() * 1000),
        )
    )
