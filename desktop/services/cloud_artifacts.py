"""Artifacts in cloud buckets (``s3://``, ``gs://``, ``wasbs://``, ``abfss://``),
browsed like a tracking server's: listed on demand, downloaded into the cache
when previewed or saved, with the user's own credentials.

Whatever source a run came from (``mlruns``, ``mlflow.db``, a tracking server),
a run whose artifact URI names a bucket is read from the bucket directly, as
MLflow's own client does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.core.i18n import message_of
from desktop.services.artifact_browser import ArtifactEntry, ArtifactRoot, natural_key
from desktop.services.remote_artifacts import (
    Progress,
    RemoteArtifactError,
    ServerArtifacts,
)
from desktop.sources.cloud.artifacts import CloudArtifacts
from desktop.sources.cloud.errors import CloudError
from desktop.sources.cloud.location import cloud_scheme, parse_cloud_uri
from desktop.sources.cloud.stores import open_store
from desktop.sources.tracking_server.artifacts import UnsafeArtifactPath


def is_cloud_uri(uri: str | None) -> bool:
    """Whether ``uri`` names a bucket this app reads (S3, GCS, Azure)."""
    return cloud_scheme(uri) is not None and parse_cloud_uri(uri or "") is not None


class BucketArtifacts(ServerArtifacts):
    """One artifact root in a bucket, with the interface of a server's."""

    remote: CloudArtifacts

    def list_folder(self, relative: str = "") -> list[ArtifactEntry]:
        """One level, folders first in natural order, with modification times."""
        with _as_remote_error():
            try:
                files = self.remote.list(relative)
            except UnsafeArtifactPath as exc:
                raise RemoteArtifactError(message_of(exc)) from None
        entries = [
            ArtifactEntry(f.name, f.path, f.is_dir, f.size, getattr(f, "mtime", None))
            for f in files
        ]
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
        with _as_remote_error():
            return super().fetch_file(relative, size, progress, cancelled)

    def fetch_folder(
        self,
        relative: str,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Path:
        """The cached copy of a whole folder, downloaded first."""
        with _as_remote_error():
            return super().fetch_folder(relative, progress, cancelled)


@contextlib.contextmanager
def _as_remote_error() -> Iterator[None]:
    """Re-raise a :class:`CloudError` as the :class:`RemoteArtifactError` the
    artifacts view handles, keeping its translatable message."""
    try:
        yield
    except CloudError as exc:
        raise RemoteArtifactError(message_of(exc)) from None


def cloud_root(
    key: str, label: str, uri: str, load_uri: str
) -> tuple[ArtifactRoot, BucketArtifacts | None]:
    """The root of the artifacts at cloud ``uri`` and its bucket side.

    Nothing is contacted yet. When the service's client library (an optional
    extra) is missing, the root has no folder and its ``problem`` says which
    extra to install.
    """
    location = parse_cloud_uri(uri)
    if location is None:
        raise ValueError(f"not a cloud artifact URI: {uri!r}")
    try:
        store = open_store(location)
    except CloudError as exc:
        return ArtifactRoot(key, label, uri, None, message_of(exc), load_uri), None
    bucket = BucketArtifacts(CloudArtifacts(store, location))
    Path(bucket.cache_root).mkdir(parents=True, exist_ok=True)
    return ArtifactRoot(key, label, uri, bucket.cache_root, None, load_uri), bucket
