"""What a source location is, without loading any importer (cheap at start-up)."""

from __future__ import annotations

import os

from desktop.sources.team_db.urls import is_team_db_url
from desktop.sources.tracking_server.credentials import (
    SessionCredentials,
    is_server_url,
)

__all__ = [
    "is_database_file",
    "is_missing",
    "is_server_url",
    "is_team_db_url",
    "normalize_location",
]


def normalize_location(
    location: str | os.PathLike[str], session: SessionCredentials | None = None
) -> str:
    """``location`` as stored: paths absolute, server URLs without credentials
    (a ``user:password@`` in one is kept in ``session``, default the app's, in
    memory only)."""
    text = os.fspath(location)
    if is_server_url(text):
        from desktop.services.importing_server import take_url_secret

        return take_url_secret(text, session)
    if is_team_db_url(text):  # a password in it is kept in memory only
        from desktop.services.importing_team_db import take_db_url_secret

        return take_db_url_secret(text, session)
    if "://" in text:
        return text
    return os.path.abspath(text)


def is_missing(location: str) -> bool:
    """Whether a local source (folder or database file) no longer exists.

    A server URL is never called missing here: only trying to connect can tell.
    """
    if is_server_url(location) or "://" in location:
        return False
    return not os.path.exists(location)


def is_database_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an existing file that starts with the SQLite header."""
    from desktop.sources.mlflow_db.connection import is_sqlite_file

    return is_sqlite_file(path)
