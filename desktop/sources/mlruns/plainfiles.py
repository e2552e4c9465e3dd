"""Fast reading of folders that hold only plain files (``params/``, ``tags/``...).

Almost every run folder holds nothing but regular files and real subfolders. For
those, files are opened relative to an open folder descriptor with ``os.open`` and
``os.read``: about a third of the system calls and path lookups of ``open()``.
Anything unusual (a link, an unreadable entry, an unknown entry type, deep nesting)
makes :func:`read_plain_folder` return ``None``, and the caller reads the folder
with the careful reader of :mod:`desktop.sources.mlruns.files`, which reports it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from desktop.sources.safe_files import open_fd, read_fd

if TYPE_CHECKING:
    from desktop.sources.mlruns.stamps import StampNotes

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | _NOFOLLOW
_DIR_FLAGS |= getattr(os, "O_DIRECTORY", 0)
_ENABLED = os.open in os.supports_dir_fd and os.scandir in os.supports_fd
_MAX_DEPTH = 16


def read_plain_folder(
    folder: str, notes: StampNotes | None = None, key: str = "", files: bool = True
) -> list[tuple[str, bytes]] | None:
    """``(key, content)`` of every file below ``folder`` (``a/b`` for nested files).

    A missing folder gives ``[]``; ``None`` means "use the careful reader". With
    ``notes``, the folder (as ``key``) and, if ``files``, everything below it (as
    ``key/a/b``) are noted for the run's stamp, each before it is listed or read.
    """
    if not _ENABLED:
        return None
    try:
        fd = os.open(folder, _DIR_FLAGS)
    except FileNotFoundError:
        return []
    except OSError:
        return None
    out: list[tuple[str, bytes]] = []
    try:
        if notes is not None:
            notes.note(key, os.fstat(fd))
            if not files:
                notes = None
        ok = _read_at(fd, "", out, 0, notes, key + "/")
    except OSError:
        ok = False
    finally:
        os.close(fd)
    return out if ok else None


def _read_at(
    fd: int,
    prefix: str,
    out: list[tuple[str, bytes]],
    depth: int,
    notes: StampNotes | None,
    note_prefix: str,
) -> bool:
    try:
        with os.scandir(fd) as listing:
            entries = [(e.name, e.is_file(follow_symlinks=False), e) for e in listing]
        for name, is_file, entry in entries:
            if is_file:
                if notes is None:
                    out.append((prefix + name, read_at(fd, name)))
                else:
                    path = note_prefix + prefix + name
                    out.append((prefix + name, _read_noted(fd, name, notes, path)))
            elif entry.is_dir(follow_symlinks=False) and depth < _MAX_DEPTH:
                sub = os.open(name, _DIR_FLAGS, dir_fd=fd)
                try:
                    if notes is not None:
                        notes.note(note_prefix + prefix + name, os.fstat(sub))
                    nested = prefix + name + "/"
                    if not _read_at(sub, nested, out, depth + 1, notes, note_prefix):
                        return False
                finally:
                    os.close(sub)
            else:
                return False  # a link, a special file or deep nesting
    except OSError:
        return False
    return True


def read_at(dir_fd: int, name: str) -> bytes:
    """A regular file's bytes, opened relative to ``dir_fd`` (links refused).

    Anything else (a FIFO swapped in after the listing...) raises ``OSError``,
    which sends the folder to the careful reader.
    """
    fd = open_fd(name, dir_fd=dir_fd, flags=_NOFOLLOW)
    try:
        return read_fd(fd)
    finally:
        os.close(fd)


def _read_noted(dir_fd: int, name: str, notes: StampNotes, path: str) -> bytes:
    fd = open_fd(name, dir_fd=dir_fd, flags=_NOFOLLOW)
    try:
        notes.note(path, os.fstat(fd))
        return read_fd(fd)
    finally:
        os.close(fd)
