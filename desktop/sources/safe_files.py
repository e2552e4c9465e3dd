"""Open files named by a source without ever blocking or reading without end.

A path from a source may name a FIFO, a device or a socket (``open()`` on a FIFO
waits forever for a writer, ``/dev/zero`` never ends). Every such file is opened
with ``O_NONBLOCK``, checked with ``fstat`` to be a regular file, and read at most
up to a size cap.
"""

from __future__ import annotations

import io
import os
import shutil
import stat

from desktop.core.i18n import QT_TRANSLATE_NOOP

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)  # a terminal device never becomes ours
)
MAX_FILE_BYTES = 1 << 30
"""The most bytes read from one source file (a larger one is refused)."""


class NotRegularFile(OSError):
    """The path names a FIFO, device, socket or folder, which is never read."""


class FileTooLarge(OSError):
    """A file is larger than what may be read of it."""


def refusal(mode: int) -> str:
    """Why a file of this type is not read (translatable)."""
    if stat.S_ISDIR(mode):
        return QT_TRANSLATE_NOOP("Problems", "expected a file but found a folder")
    if stat.S_ISFIFO(mode):
        return QT_TRANSLATE_NOOP("Problems", "a named pipe (FIFO); not read")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return QT_TRANSLATE_NOOP("Problems", "a device, not a file; not read")
    if stat.S_ISSOCK(mode):
        return QT_TRANSLATE_NOOP("Problems", "a socket, not a file; not read")
    return QT_TRANSLATE_NOOP("Problems", "not a regular file; not read")


def open_fd(path: str, *, dir_fd: int | None = None, flags: int = 0) -> int:
    """A descriptor of the regular file at ``path`` (raises :class:`NotRegularFile`)."""
    fd = os.open(path, _FLAGS | flags, dir_fd=dir_fd)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(0, refusal(mode))
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_regular(path: str) -> io.BufferedReader:
    """A binary file object for the regular file at ``path`` (never blocks)."""
    return os.fdopen(open_fd(path), "rb")


def open_regular_text(
    path: str, encoding: str, errors: str = "strict", newline: str | None = None
) -> io.TextIOWrapper:
    """A text file object for the regular file at ``path`` (never blocks)."""
    return io.TextIOWrapper(
        open_regular(path), encoding=encoding, errors=errors, newline=newline
    )


def read_fd(fd: int, limit: int | None = None, first: int = 1 << 16) -> bytes:
    """The rest of an open file, refusing more than ``limit`` bytes."""
    cap = MAX_FILE_BYTES if limit is None else limit
    data = os.read(fd, min(first, cap + 1))
    # A read shorter than a page has reached the end of a regular file (no
    # filesystem splits a sub-page read): one system call for most small files.
    if len(data) < 4096 and len(data) <= cap:  # short read: the end of the file
        return data
    chunks = [data]
    total = len(data)
    while total <= cap:
        step = 1 << 20 if len(chunks) > 4 else 1 << 16
        data = os.read(fd, min(step, cap + 1 - total))
        if not data:
            break
        chunks.append(data)
        total += len(data)
    if total > cap:
        raise FileTooLarge(
            0,
            QT_TRANSLATE_NOOP("Problems", "larger than {0} MB; not read").format(
                -(-cap // (1 << 20))
            ),
        )
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_regular(path: str, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit``."""
    fd = open_fd(path)
    try:
        return read_fd(fd, limit)
    finally:
        os.close(fd)


def copy_regular(source: str, target: str) -> None:
    """Copy the regular file ``source`` to ``target`` (FIFOs, devices refused)."""
    with open_regular(source) as reader, open(target, "wb") as writer:
        shutil.copyfileobj(reader, writer)


def read_head(path: str, size: int) -> bytes:
    """The first ``size`` bytes of the regular file at ``path``."""
    fd = open_fd(path)
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)
