"""What a source location is, without loading any importer (cheap at start-up)."""

from __future__ import annotations

import os
from urllib.parse import unquote, urlsplit

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
    "is_unread_tracking_uri",
    "normalize_location",
    "tracking_uri_path",
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
    local = tracking_uri_path(text)
    if local is not None:
        return os.path.abspath(local)
    if "://" in text:
        return text
    return os.path.abspath(text)


def tracking_uri_path(text: str) -> str | None:
    """The local path an MLflow tracking URI names, as MLflow reads it:
    ``sqlite:///mlflow.db`` (relative), ``sqlite:////abs/mlflow.db`` and
    ``file:///…/mlruns`` (``file:/…`` too); ``None`` for anything else."""
    scheme, sep, rest = text.strip().partition(":")
    scheme = scheme.lower()
    if not sep or scheme not in ("sqlite", "file"):
        return None
    if scheme == "sqlite":
        if not rest.startswith("///"):
            return None  # sqlite:// alone is an in-memory database
        path = rest[3:].split("?", 1)[0]
        return unquote(path) or None
    parts = urlsplit(text.strip())
    if parts.netloc not in ("", "localhost"):
        return None  # a file share on another host
    path = unquote(parts.path)
    if len(path) > 2 and path[0] == "/" and path[2] == ":":  # file:///C:/…
        path = path[1:] if os.name == "nt" else path
    return path or None


UNREAD_SCHEMES = ("mssql", "databricks", "databricks-uc", "uc", "oracle")
"""Tracking URI schemes of stores the app does not read (also without ``//``)."""


def is_unread_tracking_uri(text: str) -> bool:
    """Whether ``text`` is a tracking URI of a store this app does not read
    (SQL Server, ``databricks://profile``, any other ``scheme://`` that no source
    kind claimed), not a folder's path."""
    text = text.strip()
    scheme, sep, _rest = text.partition(":")
    family = scheme.lower().split("+", 1)[0]
    return bool(sep) and ("://" in text or family in UNREAD_SCHEMES)


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
