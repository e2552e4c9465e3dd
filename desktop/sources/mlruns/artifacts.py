"""Resolve where a run's artifacts are on this machine and list them safely."""

from __future__ import annotations

import os
from urllib.parse import unquote, urlparse

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import ArtifactFile, Problem
from desktop.sources.mlruns.files import Report, entry_kind, scandir

MAX_ARTIFACT_FILES = 100_000
REMOTE_SCHEMES = (
    "s3",
    "gs",
    "wasbs",
    "wasb",
    "abfss",
    "hdfs",
    "sftp",
    "dbfs",
    "runs",
    "models",
    "http",
    "https",
    "ftp",
    "oss",
    "viewfs",
)


def uri_to_local_path(uri: str) -> str | None:
    """The local path a ``file:`` URI or plain path points to, else ``None``."""
    if not uri:
        return None
    if len(uri) >= 2 and uri[1] == ":" and uri[0].isalpha():  # C:\... or C:/...
        return uri if os.name == "nt" else None
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        path = unquote(parsed.path)
        if os.name == "nt" and len(path) > 2 and path[0] == "/" and path[2] == ":":
            path = path[1:]
        elif os.name != "nt" and len(path) > 2 and path[0] == "/" and path[2] == ":":
            return None  # a Windows path recorded on another machine
        return path
    if parsed.scheme == "":
        return uri
    return None


def resolve_artifact_root(
    uri: str | None, own_folder: str, relative_tail: str, store_root: str
) -> str | None:
    """Find a run's (or model's) artifact folder on this machine.

    ``own_folder`` is the ``artifacts/`` folder next to the record in the source tree,
    ``relative_tail`` the ``<exp>/<run>/artifacts`` part used to match default layouts
    and ``mlflow-artifacts:`` URIs. Order (mlflow-formats.md §2.7): the folder inside
    the opened tree when the URI has the default layout (a copied or rsynced
    ``mlruns``); otherwise the recorded local path when it exists; then the local
    fallbacks; ``None`` when nothing exists here.
    """
    uri = uri or ""
    own = own_folder if os.path.isdir(own_folder) else None
    tail = relative_tail.strip("/")
    if uri.startswith("mlflow-artifacts:"):
        path = urlparse(uri).path.lstrip("/")
        parent = os.path.dirname(os.path.abspath(store_root))
        for candidate in (os.path.join(parent, "mlartifacts", path), own):
            if candidate and os.path.isdir(candidate):
                return candidate
        return None
    local = uri_to_local_path(uri)
    if local is not None:
        default_layout = local.replace("\\", "/").rstrip("/").endswith("/" + tail)
        if own and (default_layout or not os.path.isabs(local)):
            return own
        if os.path.isabs(local) and os.path.isdir(local):
            return local
    return own


def list_artifacts(root: str, report: Report) -> list[ArtifactFile]:
    """List every file below ``root`` (POSIX relative path, size), sorted by path.

    Links are followed only while they stay inside ``root``; loops and links that
    point out are reported and skipped.
    """
    files: list[ArtifactFile] = []
    stack: list[tuple[str, str, int]] = [(root, "", 0)]
    # Folders already listed, by identity (one stat each; realpath costs a stat
    # per path component).
    visited: set[tuple[int, int]] = set()
    try:
        st = os.stat(root)
        visited.add((st.st_dev, st.st_ino))
    except OSError:
        pass
    while stack:
        folder, prefix, depth = stack.pop()
        entries = scandir(folder, report)
        if entries is None:
            continue
        for entry in entries:
            rel = prefix + entry.name
            kind = entry_kind(entry, root, report)
            if kind == "dir":
                try:
                    st = entry.stat()  # the folder a link points to
                    real = (st.st_dev, st.st_ino)
                except OSError:
                    continue  # vanished meanwhile
                if real in visited:
                    report(
                        Problem(
                            entry.path,
                            QT_TRANSLATE_NOOP(
                                "Problems", "link loop (folder already listed); skipped"
                            ),
                        )
                    )
                elif depth >= 64:
                    report(
                        Problem(
                            entry.path,
                            QT_TRANSLATE_NOOP(
                                "Problems", "folder nesting too deep; skipped"
                            ),
                        )
                    )
                else:
                    visited.add(real)
                    stack.append((entry.path, rel + "/", depth + 1))
                continue
            if kind is None:
                continue
            try:
                size = entry.stat().st_size
            except OSError:
                report(
                    Problem(
                        entry.path,
                        QT_TRANSLATE_NOOP("Problems", "unreadable file entry"),
                        True,
                    )
                )
                continue
            files.append(ArtifactFile(rel, size))
            if len(files) >= MAX_ARTIFACT_FILES:
                report(
                    Problem(
                        root,
                        QT_TRANSLATE_NOOP(
                            "Problems",
                            "more than {0} artifact files; listing truncated",
                        ).format(MAX_ARTIFACT_FILES),
                    )
                )
                files.sort(key=lambda f: f.path)
                return files
    files.sort(key=lambda f: f.path)
    return files
