"""Browse a run's artifacts safely: where they are, one folder level at a time.

Every path a user can reach is relative to an artifact root and is resolved with
:func:`resolve_inside`, which refuses absolute paths, ``..`` components and links that
lead out of the root. Nothing here follows a link that points outside.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from urllib.parse import urlparse

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.mlruns.artifacts import REMOTE_SCHEMES, uri_to_local_path
from desktop.sources.safe_files import copy_regular


class ArtifactError(Exception):
    """An artifact cannot be listed, read or copied; the message says why."""


class PathRefused(ArtifactError):
    """A path that would leave the artifact root (``..``, absolute, outside link)."""


@dataclass(frozen=True, slots=True)
class ArtifactRoot:
    """A folder of artifacts: the run's own, or a logged model's (MLflow 3).

    ``path`` is the local folder when it can be shown now; otherwise ``problem``
    explains why not (remote storage, missing folder...). ``uri`` is what MLflow
    recorded and ``load_uri`` the MLflow URI of the root (``runs:/<id>`` or
    ``models:/<id>``).
    """

    key: str
    label: str
    uri: str | None
    path: str | None
    problem: str | None
    load_uri: str

    def model_uri(self, relative: str) -> str:
        """The MLflow URI of a model folder at ``relative`` inside this root."""
        relative = relative.strip("/")
        if not relative:
            return self.load_uri
        if self.load_uri.startswith("runs:/"):
            return f"{self.load_uri}/{relative}"
        return os.path.join(self.path or "", *relative.split("/"))


@dataclass(frozen=True, slots=True)
class ArtifactEntry:
    """One entry of a folder listing.

    ``link`` is ``""`` for a plain entry, else ``"inside"`` (a link staying inside
    the root, followed), ``"outside"`` (pointing out of the root: listed, never
    opened) or ``"broken"``. ``size`` is ``None`` for folders and links that are
    not followed; ``mtime`` is in seconds since the epoch.
    """

    name: str
    path: str
    is_dir: bool
    size: int | None
    mtime: float | None
    link: str = ""
    target: str = ""

    @property
    def openable(self) -> bool:
        """Whether the entry may be opened (links out of the root or broken: no)."""
        return self.link not in ("outside", "broken")


@dataclass(frozen=True, slots=True)
class FolderSummary:
    """Counts below a folder; ``truncated`` when the walk stopped at its limit."""

    files: int
    folders: int
    size: int
    skipped_links: int
    truncated: bool


@dataclass(frozen=True, slots=True)
class CopyReport:
    """What :func:`copy_out` copied and which links it left out."""

    files: int
    size: int
    skipped: tuple[str, ...]


def split_relative(relative: str) -> list[str]:
    """The components of a relative POSIX path; refuses ``..`` and absolute paths."""
    if "\x00" in relative:
        raise PathRefused(
            QT_TRANSLATE_NOOP(
                "Artifacts", "Refused {0!r}: the name contains a NUL character."
            ).format(relative)
        )
    if relative.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", relative):
        raise PathRefused(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "Refused {0!r}: an absolute path is not inside the artifact folder.",
            ).format(relative)
        )
    separators = r"[/\\]" if os.name == "nt" else "/"
    parts = [p for p in re.split(separators, relative) if p not in ("", ".")]
    if ".." in parts:
        raise PathRefused(
            QT_TRANSLATE_NOOP(
                "Artifacts", "Refused {0!r}: '..' would leave the artifact folder."
            ).format(relative)
        )
    return parts


def is_within(path: str, root: str) -> bool:
    """Whether ``path`` (already resolved) is ``root`` (resolved) or below it."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def resolve_inside(root: str, relative: str) -> str:
    """The real path of ``relative`` below ``root``, or :class:`PathRefused`.

    Absolute paths, ``..`` components and anything whose real path (following
    links) is outside the real root are refused with a message naming the path.
    """
    parts = split_relative(relative)
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(real_root, *parts))
    if not is_within(real, real_root):
        raise PathRefused(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "Refused {0!r}: it is a link pointing outside the artifact "
                "folder (to {1}).",
            ).format(relative, real)
        )
    return real


def list_folder(root: str, relative: str = "") -> list[ArtifactEntry]:
    """One level of a folder below ``root``: folders first, then files (natural order).

    Links are listed with their kind; links pointing outside are never followed
    (their own metadata is shown).
    """
    folder = resolve_inside(root, relative)
    real_root = os.path.realpath(root)
    prefix = "/".join(split_relative(relative))
    prefix = prefix + "/" if prefix else ""
    try:
        with os.scandir(folder) as scanned:
            raw = list(scanned)
    except FileNotFoundError as exc:
        raise ArtifactError(
            QT_TRANSLATE_NOOP(
                "Artifacts", "The folder {0} does not exist (any more)."
            ).format(folder)
        ) from exc
    except NotADirectoryError as exc:
        raise ArtifactError(
            QT_TRANSLATE_NOOP("Artifacts", "{0} is not a folder.").format(folder)
        ) from exc
    except PermissionError as exc:
        raise ArtifactError(
            QT_TRANSLATE_NOOP(
                "Artifacts", "Permission denied: cannot list {0}."
            ).format(folder)
        ) from exc
    except OSError as exc:
        raise ArtifactError(
            QT_TRANSLATE_NOOP("Artifacts", "Cannot list {0}: {1}.").format(
                folder, exc.strerror or exc
            )
        ) from exc
    entries = [_entry(item, prefix, real_root) for item in raw]
    entries.sort(key=lambda e: (not e.is_dir, natural_key(e.name)))
    return entries


def _entry(item: os.DirEntry[str], prefix: str, real_root: str) -> ArtifactEntry:
    path = prefix + item.name
    link, target = "", ""
    try:
        if item.is_symlink():
            target = os.path.realpath(item.path)
            if not os.path.exists(item.path):
                link = "broken"
            elif is_within(target, real_root):
                link = "inside"
            else:
                link = "outside"
        follow = link == "inside"
        info = item.stat(follow_symlinks=follow)
    except OSError:
        return ArtifactEntry(item.name, path, False, None, None, "broken", target)
    is_dir = stat.S_ISDIR(info.st_mode) and link in ("", "inside")
    size = None if is_dir or link in ("outside", "broken") else int(info.st_size)
    return ArtifactEntry(item.name, path, is_dir, size, info.st_mtime, link, target)


def natural_key(name: str) -> tuple:
    """Sort key putting ``epoch_2`` before ``epoch_10``, ignoring case."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in re.split(r"(\d+)", name)
        if part
    )


@dataclass(frozen=True, slots=True)
class Walk:
    """What :func:`walk_files` found below a folder."""

    files: list[tuple[str, int]]
    folders: int
    skipped_links: int
    truncated: bool


def walk_files(root: str, relative: str = "", limit: int | None = None) -> Walk:
    """Files below a folder as ``(relative path, size)``, staying inside ``root``.

    Links pointing out, broken links and loops are skipped (and counted); the walk
    stops after ``limit`` files.
    """
    start = resolve_inside(root, relative)
    real_root = os.path.realpath(root)
    base = "/".join(split_relative(relative))
    if os.path.isfile(start):
        return Walk([(base, os.path.getsize(start))], 0, 0, False)
    files: list[tuple[str, int]] = []
    folders = skipped = 0
    stack = [(start, base)]
    seen = {start}
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as scanned:
                items = list(scanned)
        except OSError:
            skipped += 1
            continue
        for item in items:
            rel = f"{prefix}/{item.name}" if prefix else item.name
            try:
                real = os.path.realpath(item.path)
                if item.is_symlink() and (
                    not os.path.exists(item.path) or not is_within(real, real_root)
                ):
                    skipped += 1
                    continue
                if item.is_dir():
                    if real in seen:
                        skipped += 1
                    else:
                        seen.add(real)
                        folders += 1
                        stack.append((real, rel))
                    continue
                files.append((rel, item.stat().st_size))
            except OSError:
                skipped += 1
                continue
            if limit is not None and len(files) >= limit:
                return Walk(files, folders, skipped, True)
    return Walk(files, folders, skipped, False)


def folder_summary(
    root: str, relative: str = "", limit: int = 200_000
) -> FolderSummary:
    """How many files a folder holds and their total size (inside links only)."""
    walk = walk_files(root, relative, limit)
    return FolderSummary(
        len(walk.files),
        walk.folders,
        sum(size for _, size in walk.files),
        walk.skipped_links,
        walk.truncated,
    )


def copy_out(root: str, relative: str, destination: str) -> CopyReport:
    """Copy a file or folder below ``root`` to ``destination`` (outside links skipped).

    A folder is copied to a new folder ``destination``, which must not exist yet or
    lie inside the copied folder.
    """
    source = resolve_inside(root, relative)
    if not os.path.isdir(source):  # a FIFO or device is refused by the copy
        _copy_file(source, destination)
        return CopyReport(1, os.path.getsize(source), ())
    real_destination = os.path.realpath(destination)
    if is_within(real_destination, source):
        raise ArtifactError(
            QT_TRANSLATE_NOOP("Artifacts", "Cannot copy {0} into itself ({1}).").format(
                source, destination
            )
        )
    if os.path.exists(destination):
        raise ArtifactError(
            QT_TRANSLATE_NOOP("Artifacts", "{0} already exists.").format(destination)
        )
    files = walk_files(root, relative).files
    skipped = _skipped_links(root, relative)
    base = "/".join(split_relative(relative))
    os.makedirs(destination)
    size = 0
    for rel, file_size in files:
        inner = rel[len(base) + 1 :] if base else rel
        target = os.path.join(destination, *inner.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _copy_file(resolve_inside(root, rel), target)
        size += file_size
    return CopyReport(len(files), size, tuple(skipped))


def _copy_file(source: str, target: str) -> None:
    """Copy one regular file (a FIFO or device is refused, never read)."""
    copy_regular(source, target)


def _skipped_links(root: str, relative: str) -> list[str]:
    """Relative paths of links below a folder that point outside or are broken."""
    out = []
    stack = [relative]
    while stack:
        folder = stack.pop()
        for entry in list_folder(root, folder):
            if not entry.openable:
                out.append(entry.path)
            elif entry.is_dir and entry.link == "":
                stack.append(entry.path)
    return sorted(out)


# -- where the artifacts are ----------------------------------------------------------
STORAGE_NAMES = {
    "s3": "Amazon S3",
    "gs": "Google Cloud Storage",
    "wasbs": "Azure Blob Storage",
    "wasb": "Azure Blob Storage",
    "abfss": "Azure Data Lake Storage",
    "hdfs": "HDFS",
    "viewfs": "HDFS",
    "sftp": QT_TRANSLATE_NOOP("Artifacts", "an SFTP server"),
    "ftp": QT_TRANSLATE_NOOP("Artifacts", "an FTP server"),
    "dbfs": "Databricks (DBFS)",
    "oss": "Alibaba Cloud OSS",
    "http": QT_TRANSLATE_NOOP("Artifacts", "a tracking server (over HTTP)"),
    "https": QT_TRANSLATE_NOOP("Artifacts", "a tracking server (over HTTPS)"),
    "runs": QT_TRANSLATE_NOOP("Artifacts", "another MLflow run"),
    "models": QT_TRANSLATE_NOOP("Artifacts", "the MLflow model registry"),
}


def locate_root(
    key: str, label: str, uri: str | None, resolved: str | None, load_uri: str
) -> ArtifactRoot:
    """An :class:`ArtifactRoot` for what MLflow recorded (``uri``) and the folder
    found at import (``resolved``), checked again now."""
    if resolved and os.path.isdir(resolved):
        # MLflow's file store creates an empty local folder even for runs whose
        # artifacts go to S3 or a tracking server: explain those instead.
        if not (is_remote(uri) and _is_empty(resolved)):
            return ArtifactRoot(key, label, uri, resolved, None, load_uri)
        resolved = None
    return ArtifactRoot(key, label, uri, None, explain_missing(uri, resolved), load_uri)


def is_remote(uri: str | None) -> bool:
    """Whether an artifact URI does not name a folder on this computer."""
    return bool(uri) and uri_to_local_path(uri or "") is None


def _is_empty(folder: str) -> bool:
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is None
    except OSError:
        return False


def explain_missing(uri: str | None, resolved: str | None) -> str:
    """Why an artifact folder cannot be shown: where it points and what to do."""
    if resolved:
        return QT_TRANSLATE_NOOP(
            "Artifacts",
            "The artifact folder {0} no longer exists on this computer. "
            "It was found when the source was imported and has been moved or "
            "deleted since; refresh the source after putting it back.",
        ).format(resolved)
    if not uri:
        return QT_TRANSLATE_NOOP(
            "Artifacts", "MLflow recorded no artifact location for this run."
        )
    scheme = urlparse(uri).scheme.lower()
    if scheme == "mlflow-artifacts":
        return QT_TRANSLATE_NOOP(
            "Artifacts",
            "The artifacts are stored by an MLflow tracking server ({0}). "
            "mlflow-desktop shows artifacts on this computer only. If you have a "
            "copy of the server's artifact folder, put it next to the mlruns "
            "folder under the name 'mlartifacts' and refresh the source.",
        ).format(uri)
    if scheme in REMOTE_SCHEMES or (len(scheme) > 1 and uri_to_local_path(uri) is None):
        where = STORAGE_NAMES.get(scheme) or QT_TRANSLATE_NOOP(
            "Artifacts", "remote storage ({0}:)"
        ).format(scheme)
        if re.match(r"^file:/*[A-Za-z]:", uri):
            return QT_TRANSLATE_NOOP(
                "Artifacts",
                "The artifacts were recorded as a Windows path ({0}) on another "
                "computer; that folder is not on this one.",
            ).format(uri)
        parsed = urlparse(uri)
        detail = ""
        if parsed.netloc and scheme not in ("http", "https"):
            detail = QT_TRANSLATE_NOOP(
                "Artifacts", " (bucket or host '{0}', path '{1}')"
            ).format(parsed.netloc, parsed.path)
        return QT_TRANSLATE_NOOP(
            "Artifacts",
            "The artifacts are stored in {0}: {1}{2}. mlflow-desktop "
            "shows artifacts on this computer only; download them first, e.g. "
            "with 'mlflow artifacts download'.",
        ).format(where, uri, detail)
    local = uri_to_local_path(uri) or uri
    return QT_TRANSLATE_NOOP(
        "Artifacts",
        "The artifact folder {0} does not exist on this computer. It may "
        "have been recorded on another machine, moved or deleted.",
    ).format(local)


UNITS = ("bytes", "KB", "MB", "GB", "TB")


def format_size(size: int | None) -> str:
    """A size such as ``532 bytes``, ``12.4 KB`` or ``3.1 MB`` (1024-based)."""
    if size is None:
        return ""
    value = float(size)
    for unit in UNITS:
        if round(value, 1) < 1024 or unit == UNITS[-1]:
            if unit == "bytes":
                return f"{int(value)} bytes" if value != 1 else "1 byte"
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} bytes"  # pragma: no cover - loop always returns
