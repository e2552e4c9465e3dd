"""A run's (or logged model's) artifacts in a bucket, listed one folder at a time
and downloaded into the same per-user cache as tracking-server artifacts.

Every path stays below the root's key prefix: relative paths are checked with
:func:`~desktop.sources.tracking_server.artifacts.safe_parts` (no ``..``, no
absolute paths), listed keys must start with the folder's prefix, and keys that
would not map to a safe path are left out of listings. Downloads go to a
temporary name first, so a cancelled or failed one never leaves a partial file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.cloud.location import CloudLocation
from desktop.sources.cloud.store import ObjectStore
from desktop.sources.tracking_server.artifacts import (
    RemoteArtifacts,
    RemoteFile,
    UnsafeArtifactPath,
    cache_base,
    safe_parts,
    server_folder_name,
)
from desktop.sources.tracking_server.client import Cancelled

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True, slots=True)
class CloudFile(RemoteFile):
    """A listed object (or folder), with its modification time when known."""

    mtime: float | None = None


def cloud_cache_root(store: ObjectStore, location: CloudLocation) -> Path:
    """The cache folder of one artifact root (per endpoint, bucket and prefix)."""
    return (
        cache_base()
        / "cloud"
        / server_folder_name(f"{store.identity}/{location.prefix}")
    )


class CloudArtifacts(RemoteArtifacts):
    """The artifacts below ``location`` in ``store``, cached like a server's."""

    def __init__(
        self,
        store: ObjectStore,
        location: CloudLocation,
        cache_root: str | os.PathLike[str] | None = None,
    ) -> None:
        # The server-side attributes of the base class stay unused.
        self.store = store
        self.location = location
        self.run_id = self.model_id = None
        self.cache_root = (
            Path(cache_root) if cache_root else cloud_cache_root(store, location)
        )

    def list(
        self, relative: str = "", cancelled: Callable[[], bool] | None = None
    ) -> list[RemoteFile]:
        """One folder level, folders first (paginated underneath)."""
        parts = safe_parts(relative)
        prefix = self.location.folder_prefix(parts)
        root = self.location.folder_prefix([])
        out: list[RemoteFile] = []
        for key, is_dir, size, mtime in self.store.list_level(prefix, cancelled):
            if not key.startswith(prefix):
                raise UnsafeArtifactPath(
                    QT_TRANSLATE_NOOP(
                        "Artifacts",
                        "Refused {0!r}: the bucket listed it outside {1!r}.",
                    ).format(key, prefix)
                )
            if not is_dir and key.endswith("/"):
                continue  # a folder marker object
            path = _relative(key[len(root) :])
            if path is None or path == "/".join(parts):
                continue
            out.append(CloudFile(path, is_dir, None if is_dir else size, mtime))
        out.sort(key=lambda f: (not f.is_dir, f.path.casefold()))
        return out

    def download(
        self,
        relative: str,
        *,
        size: int | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Path:
        """The cached copy of file ``relative``, downloading it when needed."""
        parts = safe_parts(relative)
        if not parts:
            raise UnsafeArtifactPath(
                QT_TRANSLATE_NOOP("Artifacts", "Refused: no file name given.")
            )
        target = self.local_path(relative)
        if self.is_cached(relative, size):
            if progress is not None:
                progress(target.stat().st_size, target.stat().st_size)
            return target
        if cancelled is not None and cancelled():
            raise Cancelled
        target.parent.mkdir(parents=True, exist_ok=True)
        chunks, total = self.store.read(self.location.key(parts))
        total = total if total is not None else size
        handle, temp = tempfile.mkstemp(prefix=".part-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                done = 0
                for chunk in chunks:
                    if cancelled is not None and cancelled():
                        raise Cancelled
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
            raise
        return target


def _relative(tail: str) -> str | None:
    """A listed key below the root as a safe relative path (``None`` if unsafe)."""
    try:
        parts = safe_parts(tail)
    except UnsafeArtifactPath:
        return None
    return "/".join(parts) or None
