"""List and download a run's (or logged model's) artifacts through the server,
into a local cache folder.

Every name the server sends is checked before it touches the disk: absolute paths,
``..`` components, drive letters and NUL characters are refused, and the final
path must lie inside the cache folder. Files are written to a temporary name and
renamed when complete, so an interrupted download never leaves a partial file.
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.tracking_server.client import (
    AJAX,
    API,
    Cancelled,
    TrackingClient,
    paged,
)

Progress = Callable[[int, int | None], None]
MAX_LISTED_ENTRIES = 100_000
"""Files and folders one recursive listing follows before giving up."""


class UnsafeArtifactPath(ValueError):
    """A path from the server (or user) that would leave the artifact folder."""


class TooManyFiles(ValueError):
    """A folder holds more files than a download or a listing takes at once."""


@dataclass(frozen=True, slots=True)
class RemoteFile:
    """One entry of a server listing: path relative to the root, POSIX."""

    path: str
    is_dir: bool
    size: int | None

    @property
    def name(self) -> str:
        """The last path component."""
        return self.path.rsplit("/", 1)[-1]


def safe_parts(relative: str) -> list[str]:
    """The components of a relative POSIX path, refusing anything that escapes."""
    if "\x00" in relative:
        raise UnsafeArtifactPath(
            QT_TRANSLATE_NOOP(
                "Artifacts", "Refused {0!r}: it contains a NUL character."
            ).format(relative)
        )
    if relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relative):
        raise UnsafeArtifactPath(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "Refused {0!r}: an absolute path is not inside the artifacts.",
            ).format(relative)
        )
    parts = [p for p in re.split(r"[/\\]", relative) if p not in ("", ".")]
    if ".." in parts:
        raise UnsafeArtifactPath(
            QT_TRANSLATE_NOOP(
                "Artifacts", "Refused {0!r}: '..' would leave the artifacts."
            ).format(relative)
        )
    return parts


def cache_base() -> Path:
    """Where downloaded artifacts are kept (the user cache directory)."""
    override = os.environ.get("MLFLOW_DESKTOP_CACHE")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir("mlflow-desktop", appauthor=False))


def server_folder_name(url: str) -> str:
    """A readable, unique folder name for a server URL."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", url.split("://", 1)[-1]).strip("_")
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    return f"{readable[:60]}-{digest}"


class RemoteArtifacts:
    """The artifacts of one run (``run_id``) or one logged model (``model_id``)."""

    def __init__(
        self,
        client: TrackingClient,
        *,
        run_id: str | None = None,
        model_id: str | None = None,
        cache_root: str | os.PathLike[str] | None = None,
    ) -> None:
        if (run_id is None) == (model_id is None):
            raise ValueError("give exactly one of run_id and model_id")
        self.client = client
        self.run_id = run_id
        self.model_id = model_id
        owner = f"runs/{run_id}" if run_id else f"models/{model_id}"
        for part in owner.split("/"):
            safe_parts(part)
            if not re.fullmatch(r"[A-Za-z0-9_.-]+", part):
                raise UnsafeArtifactPath(
                    QT_TRANSLATE_NOOP("Artifacts", "Refused the id {0!r}.").format(part)
                )
        default = cache_base() / server_folder_name(client.url) / owner
        self.cache_root = Path(cache_root) if cache_root else default

    # -- listing ----------------------------------------------------------------------
    def list(self, relative: str = "") -> list[RemoteFile]:
        """One folder level, folders first; names are checked before returning."""
        parts = safe_parts(relative)
        folder = "/".join(parts)
        if self.run_id is not None:
            files = self._list_run(folder)
        else:
            files = self._list_model(folder)
        out: list[RemoteFile] = []
        for item in files:
            raw = str(item.get("path") or "")
            path = "/".join(safe_parts(raw))
            if not path:
                continue
            if "/" not in path and folder:
                path = f"{folder}/{path}"  # an mlflow-artifacts style base name
            if folder and not path.startswith(folder + "/"):
                raise UnsafeArtifactPath(
                    QT_TRANSLATE_NOOP(
                        "Artifacts",
                        "Refused {0!r}: the server listed it outside {1!r}.",
                    ).format(raw, folder)
                )
            size = item.get("file_size")
            is_dir = bool(item.get("is_dir"))
            out.append(RemoteFile(path, is_dir, None if is_dir else _size(size)))
        out.sort(key=lambda f: (not f.is_dir, f.path.casefold()))
        return out

    def walk(
        self,
        relative: str = "",
        *,
        cancelled: Callable[[], bool] | None = None,
        limit: int = MAX_LISTED_ENTRIES,
    ) -> builtins.list[RemoteFile]:
        """Every file below folder ``relative``, listing folder by folder (each
        listing paged), sorted by path.

        Raises :class:`TooManyFiles` after ``limit`` entries (files and folders: a
        server that nests folders without end is not followed) and
        :class:`~desktop.sources.tracking_server.client.Cancelled` as soon as
        ``cancelled()`` turns true between two requests.
        """
        files: builtins.list[RemoteFile] = []
        pending = [relative]
        seen = 0
        while pending:
            if cancelled is not None and cancelled():
                raise Cancelled
            for entry in self.list(pending.pop()):
                seen += 1
                if seen > limit:
                    raise TooManyFiles(
                        QT_TRANSLATE_NOOP(
                            "Artifacts", "more than {0} files and folders"
                        ).format(limit)
                    )
                if entry.is_dir:
                    pending.append(entry.path)
                else:
                    files.append(entry)
        files.sort(key=lambda f: f.path)
        return files

    def _list_run(self, folder: str) -> builtins.list[dict[str, Any]]:
        def fetch(token: str | None) -> dict:
            params: dict[str, Any] = {"run_id": self.run_id}
            if folder:
                params["path"] = folder
            if token:
                params["page_token"] = token
            return self.client.get_json(f"{API}/artifacts/list", params)

        return [item for page in paged(fetch, "files") for item in page]

    def _list_model(self, folder: str) -> builtins.list[dict[str, Any]]:
        params = {"artifact_directory_path": folder} if folder else {}
        data = self.client.get_json(
            f"{API}/logged-models/{self.model_id}/artifacts/directories", params
        )
        return list(data.get("files") or [])

    # -- downloads --------------------------------------------------------------------
    def local_path(self, relative: str) -> Path:
        """Where ``relative`` is (or will be) in the cache; never outside it."""
        parts = safe_parts(relative)
        target = self.cache_root.joinpath(*parts)
        root = os.path.realpath(self.cache_root)
        real = os.path.realpath(target)
        if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
            raise UnsafeArtifactPath(
                QT_TRANSLATE_NOOP(
                    "Artifacts", "Refused {0!r}: outside the cache folder."
                ).format(relative)
            )
        return target

    def is_cached(self, relative: str, size: int | None) -> bool:
        """Whether the file is in the cache (with the expected size, if known)."""
        path = self.local_path(relative)
        try:
            return path.is_file() and (size is None or path.stat().st_size == size)
        except OSError:
            return False

    def download(
        self,
        relative: str,
        *,
        size: int | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Path:
        """The cached copy of file ``relative``, downloading it when needed."""
        target = self.local_path(relative)
        if not safe_parts(relative):
            raise UnsafeArtifactPath("Refused: no file name given.")
        if self.is_cached(relative, size):
            if progress is not None:
                progress(target.stat().st_size, target.stat().st_size)
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".part-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                path, params = self._download_request("/".join(safe_parts(relative)))
                self.client.download(
                    path, params, out.write, progress, cancelled, max_bytes=size
                )
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        return target

    def _download_request(self, relative: str) -> tuple[str, dict[str, Any]]:
        if self.run_id is not None:
            return "/get-artifact", {"run_uuid": self.run_id, "path": relative}
        return (
            f"{AJAX}/logged-models/{self.model_id}/artifacts/files",
            {"artifact_file_path": relative},
        )

    def download_tree(
        self,
        relative: str,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        limit: int = 20_000,
    ) -> Path:
        """Download every file below folder ``relative`` (at most ``limit`` files)."""
        try:
            files = self.walk(relative, cancelled=cancelled, limit=limit)
        except TooManyFiles:
            raise TooManyFiles(
                f"The folder has more than {limit} files; download it with "
                "'mlflow artifacts download' instead."
            ) from None
        total = sum(f.size or 0 for f in files)
        done = 0
        for entry in files:
            base = done

            def step(current: int, _total: int | None, base: int = base) -> None:
                if progress is not None:
                    progress(base + current, total)

            self.download(
                entry.path, size=entry.size, progress=step, cancelled=cancelled
            )
            done += entry.size or 0
        folder = self.local_path(relative)
        folder.mkdir(parents=True, exist_ok=True)
        return folder


def _size(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
