"""A remote MLflow tracking server (``http(s)://`` URL), synced over its REST API."""

from __future__ import annotations

from desktop.services.importing_server import (
    DEFAULT_BATCH_RUNS,
    SERVER,
    read_server,
    server_name,
    take_url_secret,
)
from desktop.services.kinds.detection import is_server_url
from desktop.services.live import ServerWatcher
from desktop.services.source_kind import ArtifactAccess, SourceKind


def _never_missing(location: str) -> bool:
    """Only trying to connect can tell whether a server is gone."""
    return False


TRACKING_SERVER = SourceKind(
    name=SERVER,
    detect=is_server_url,
    reader=read_server,
    watcher=lambda store, source, session: ServerWatcher(
        store, source.location, session
    ),
    display_name=server_name,
    normalize=take_url_secret,
    is_missing=_never_missing,
    artifacts=ArtifactAccess.REMOTE,
    default_batch_runs=DEFAULT_BATCH_RUNS,
    paced_polls=True,
)
