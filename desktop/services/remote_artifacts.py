"""Artifacts of runs synced from a tracking server, browsed like local ones.

A :class:`ServerArtifacts` lists folders through the server and downloads files
into a per-server, per-run cache folder when they are previewed or saved; the
artifacts view then reads the cached copies with the local code (which never
leaves that folder).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection

from desktop.services.artifact_browser import ArtifactEntry, ArtifactRoot, natural_key
from desktop.sources.tracking_server.artifacts import (
    RemoteArtifacts,
    RemoteFile,
    UnsafeArtifactPath,
)
from desktop.sources.tracking_server.client import TrackingClient, default_retry
from desktop.sources.tracking_server.credentials import SessionCredentials
from desktop.sources.tracking_server.errors import ServerError
from desktop.store.database import driver_connection
from desktop.store.server_connections import load_options

Progress = Callable[[int, int | None], None]
MODEL_CARD_FILES = (
    "MLmodel",
    "requirements.txt",
    "conda.yaml",
    "python_env.yaml",
    "input_example.json",
    "serving_input_example.json",
)
MAX_CARD_FILE_BYTES = 1 << 20


class RemoteArtifactError(Exception):
    """Listing or downloading through the server failed; the message says why."""


class ServerClients:
    """The tracking-server clients one session's artifact listings and downloads
    use: signed in with ``session``'s credentials, one client per connection
    (reused while the credentials stay the same). Owned next to the session (the
    window's :class:`~desktop.services.catalog.Catalog`, an export)."""

    def __init__(self, session: SessionCredentials) -> None:
        self.session = session
        self._clients: dict[tuple, TrackingClient] = {}
        self._lock = threading.Lock()

    def client(self, conn: Connection, location: str) -> TrackingClient:
        """A client for the server at ``location`` (``conn`` reads its saved
        options)."""
        saved = load_options(driver_connection(conn), location)
        connection = self.session.resolve(location, saved)
        key = (
            connection.url,
            connection.verify_tls,
            connection.ca_bundle,
            connection.auth,
            connection.username,
            hash(connection.secret),
        )
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                # Few retries: someone is waiting for this listing or download.
                client = TrackingClient(connection, retry=default_retry(total=2))
                self._clients[key] = client
            return client


class ServerArtifacts:
    """One artifact root (a run's, or a logged model's) on a tracking server."""

    def __init__(self, remote: RemoteArtifacts) -> None:
        self.remote = remote
        self.cache_root = str(remote.cache_root)

    def list_folder(self, relative: str = "") -> list[ArtifactEntry]:
        """One level, folders first in natural order (as local listings)."""
        try:
            files = self.remote.list(relative)
        except (ServerError, UnsafeArtifactPath) as exc:
            raise RemoteArtifactError(str(exc)) from None
        entries = [_entry(f) for f in files]
        entries.sort(key=lambda e: (not e.is_dir, natural_key(e.name)))
        return entries

    def fetch_file(
        self,
        relative: str,
        size: int | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Path:
        """The cached copy of a file, downloaded first when needed."""
        try:
            return self.remote.download(
                relative, size=size, progress=progress, cancelled=cancelled
            )
        except (ServerError, UnsafeArtifactPath, OSError) as exc:
            raise RemoteArtifactError(str(exc)) from None

    def fetch_folder(
        self,
        relative: str,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Path:
        """The cached copy of a whole folder, downloaded first."""
        try:
            return self.remote.download_tree(
                relative, progress=progress, cancelled=cancelled
            )
        except (ServerError, UnsafeArtifactPath, OSError, ValueError) as exc:
            raise RemoteArtifactError(str(exc)) from None

    def fetch(
        self,
        relative: str,
        is_dir: bool,
        size: int | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Path:
        """:meth:`fetch_folder` or :meth:`fetch_file`."""
        if is_dir:
            return self.fetch_folder(relative, progress, cancelled)
        return self.fetch_file(relative, size, progress, cancelled)

    def fetch_model_card(self, relative: str) -> bool:
        """Download the small files a model card reads; ``False`` if no MLmodel."""
        names = {e.name: e for e in self.list_folder(relative) if not e.is_dir}
        if "MLmodel" not in names:
            return False
        for name in MODEL_CARD_FILES:
            entry = names.get(name)
            if entry is not None and (entry.size or 0) <= MAX_CARD_FILE_BYTES:
                self.fetch_file(entry.path, entry.size)
        return True

    def uri(self, root: ArtifactRoot, relative: str) -> str:
        """What MLflow calls the artifact (its root URI plus the path)."""
        base = (root.uri or "").rstrip("/")
        return f"{base}/{relative}" if relative else base


def _entry(item: RemoteFile) -> ArtifactEntry:
    return ArtifactEntry(item.name, item.path, item.is_dir, item.size, None)


def server_root(
    key: str, label: str, uri: str | None, load_uri: str, remote: RemoteArtifacts
) -> tuple[ArtifactRoot, ServerArtifacts]:
    """An :class:`ArtifactRoot` whose local folder is the cache, and its remote side."""
    server = ServerArtifacts(remote)
    Path(server.cache_root).mkdir(parents=True, exist_ok=True)
    return ArtifactRoot(key, label, uri, server.cache_root, None, load_uri), server
