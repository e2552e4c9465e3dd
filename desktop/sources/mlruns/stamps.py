"""Cheap change stamps for run folders, so re-imports only read what changed.

A finished run's stamp covers its ``meta.yaml`` (MLflow rewrites it on every status,
name or lifecycle change), the folders where new keys or files appear, and every tag
file (``set_tag`` rewrites a tag in place, e.g. an edited description). A run that is
still RUNNING also covers every metric file, since appending a metric line changes
only that file. Params never change once logged.

Everything is looked up relative to an open folder descriptor: resolving a long
absolute path costs more than the ``stat`` itself, and a stamp is ~20 of them.
"""

from __future__ import annotations

import hashlib
import os

_FOLDERS = ("metrics", "params", "tags", "artifacts", "inputs", "outputs")
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIR_FD = os.stat in os.supports_dir_fd and os.scandir in os.supports_fd


def run_stamp(run_dir: str, *, deep: bool) -> str:
    """Return a short digest of the run folder's observable state."""
    if not _DIR_FD:
        return _run_stamp_paths(run_dir, deep=deep)
    try:
        run_fd = os.open(run_dir, _DIR_FLAGS)
    except OSError:
        return _run_stamp_paths(run_dir, deep=deep)
    try:
        parts: list[str] = []
        try:
            st = os.stat("meta.yaml", dir_fd=run_fd)
            parts.append(f"m{st.st_mtime_ns}:{st.st_size}")
        except OSError:
            parts.append("m-")
        parts.append(str(os.fstat(run_fd).st_mtime_ns))
        for name in _FOLDERS:
            try:
                parts.append(str(os.stat(name, dir_fd=run_fd).st_mtime_ns))
            except OSError:
                parts.append("-")
        _files_at(run_fd, "tags", parts, 0)
        if deep:
            parts.append("metrics")
            _files_at(run_fd, "metrics", parts, 0)
    finally:
        os.close(run_fd)
    return _digest(parts)


def experiment_stamp(experiment_dir: str) -> str:
    """A digest of an experiment's metadata: ``meta.yaml``, tag files, models.

    Run folders coming and going are not part of it (watch the folder's mtime).
    """
    parts: list[str] = []
    for name in ("meta.yaml", "tags", "models"):
        try:
            st = os.stat(os.path.join(experiment_dir, name))
            parts.append(f"{st.st_mtime_ns}:{st.st_size}")
        except OSError:
            parts.append("-")
    if not _DIR_FD:
        _files(os.path.join(experiment_dir, "tags"), parts, 0)
        return _digest(parts)
    try:
        fd = os.open(experiment_dir, _DIR_FLAGS)
    except OSError:
        return _digest(parts)
    try:
        _files_at(fd, "tags", parts, 0)
    finally:
        os.close(fd)
    return _digest(parts)


def _digest(parts: list[str]) -> str:
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def _files_at(parent_fd: int, name: str, parts: list[str], depth: int) -> None:
    """Append sorted ``name:mtime:size`` entries of a folder (nested: ``d/a,b``)."""
    entries: list[str] = []
    try:
        fd = os.open(name, _DIR_FLAGS | _NOFOLLOW, dir_fd=parent_fd)
    except OSError:
        parts.append("!")
        return
    try:
        with os.scandir(fd) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    if depth < 16:
                        nested: list[str] = []
                        _files_at(fd, entry.name, nested, depth + 1)
                        entries.append(entry.name + "/" + ",".join(nested))
                    continue
                st = os.stat(entry.name, dir_fd=fd)
                entries.append(f"{entry.name}:{st.st_mtime_ns}:{st.st_size}")
    except OSError:
        entries.append("!")
    finally:
        os.close(fd)
    entries.sort()
    parts.extend(entries)


def _run_stamp_paths(run_dir: str, *, deep: bool) -> str:
    """The same stamp through absolute paths (platforms without ``dir_fd``)."""
    parts: list[str] = []
    try:
        st = os.stat(run_dir + "/meta.yaml")
        parts.append(f"m{st.st_mtime_ns}:{st.st_size}")
    except OSError:
        parts.append("m-")
    for name in ("", *("/" + f for f in _FOLDERS)):
        try:
            parts.append(str(os.stat(run_dir + name).st_mtime_ns))
        except OSError:
            parts.append("-")
    _files(run_dir + "/tags", parts, 0)
    if deep:
        parts.append("metrics")
        _files(run_dir + "/metrics", parts, 0)
    return _digest(parts)


def _files(folder: str, parts: list[str], depth: int) -> None:
    entries: list[str] = []
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    if depth < 16:
                        nested: list[str] = []
                        _files(entry.path, nested, depth + 1)
                        entries.append(entry.name + "/" + ",".join(nested))
                    continue
                st = entry.stat()
                entries.append(f"{entry.name}:{st.st_mtime_ns}:{st.st_size}")
    except OSError:
        entries.append("!")
    entries.sort()
    parts.extend(entries)
