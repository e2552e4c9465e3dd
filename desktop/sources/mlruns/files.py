"""Careful file access for a read-only source: text decoding, YAML, safe listing.

Every function here reports trouble as a :class:`~desktop.core.records.Problem`
instead of raising, so one bad file never stops an import.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from types import ModuleType

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import Problem
from desktop.sources.mlruns.flatyaml import parse_flat_yaml
from desktop.sources.safe_files import FileTooLarge, NotRegularFile, open_fd, read_fd

Report = Callable[[Problem], None]


def as_int(value: object) -> int | None:
    """Return an int for an int-like YAML value, else ``None``."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):  # .inf overflows
        return None


def as_str(value: object) -> str | None:
    """Return a string for a YAML scalar, ``None`` when absent."""
    return None if value is None else str(value)


def read_bytes(path: str, report: Report, limit: int | None = None) -> bytes | None:
    """Return a regular file's bytes, or ``None`` (reported) when it cannot be read.

    FIFOs, devices and sockets are refused without blocking; so is a file larger
    than ``limit`` (default :data:`~desktop.sources.safe_files.MAX_FILE_BYTES`).
    """
    try:
        fd = open_fd(path)
        try:
            return read_fd(fd, limit)
        finally:
            os.close(fd)
    except (NotRegularFile, FileTooLarge) as exc:
        report(Problem(path, exc.strerror))
    except IsADirectoryError:
        report(
            Problem(
                path,
                QT_TRANSLATE_NOOP("Problems", "expected a file but found a folder"),
            )
        )
    except PermissionError:
        report(Problem(path, QT_TRANSLATE_NOOP("Problems", "permission denied"), True))
    except FileNotFoundError:
        report(
            Problem(
                path, QT_TRANSLATE_NOOP("Problems", "file disappeared while reading")
            )
        )
    except OSError as exc:
        report(
            Problem(
                path,
                QT_TRANSLATE_NOOP("Problems", "cannot read: {0}").format(
                    exc.strerror or exc
                ),
                True,
            )
        )
    return None


def decode(data: bytes, path: str, report: Report) -> str:
    """Decode UTF-8 text; undecodable bytes are replaced and reported."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        report(
            Problem(
                path,
                QT_TRANSLATE_NOOP(
                    "Problems",
                    "not valid UTF-8 (byte {0}); unreadable characters "
                    "replaced with U+FFFD",
                ).format(exc.start),
            )
        )
        return data.decode("utf-8", errors="replace")


def read_text(path: str, report: Report) -> str | None:
    """Read a whole text file without stripping anything (values may hold newlines)."""
    data = read_bytes(path, report)
    return None if data is None else decode(data, path, report)


def read_yaml(path: str, report: Report, *, retries: int = 1) -> dict | None:
    """Load a YAML mapping with the safe loader.

    An empty file usually means MLflow is rewriting it right now, so it is retried
    briefly (as MLflow does) before being reported.
    """
    for attempt in range(retries + 1):
        text = read_text(path, report)
        if text is None:
            return None
        if text.strip():
            break
        if attempt < retries:
            time.sleep(0.05 * (attempt + 1))
    else:
        report(Problem(path, QT_TRANSLATE_NOOP("Problems", "empty file")))
        return None
    data = parse_flat_yaml(text)
    if data is not None:
        return data
    yaml, safe_loader = _safe_yaml()
    try:
        data = yaml.load(text, Loader=safe_loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        report(
            Problem(
                path, QT_TRANSLATE_NOOP("Problems", "invalid YAML{0}").format(where)
            )
        )
        return None
    if not isinstance(data, dict):
        report(Problem(path, QT_TRANSLATE_NOOP("Problems", "expected a YAML mapping")))
        return None
    return data


@functools.cache
def _safe_yaml() -> tuple[ModuleType, type]:
    """PyYAML and its safe loader, loaded for the first file that the flat parser
    leaves to it (MLflow's own files never need it)."""
    import yaml

    try:  # the libyaml loader is ~10x faster and just as safe
        return yaml, yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - PyYAML built without libyaml
        return yaml, yaml.SafeLoader


def scandir(path: str, report: Report) -> list[os.DirEntry[str]] | None:
    """List a folder, or ``None`` (reported) when it cannot be listed."""
    try:
        with os.scandir(path) as entries:
            return list(entries)
    except NotADirectoryError:
        report(
            Problem(
                path,
                QT_TRANSLATE_NOOP("Problems", "expected a folder but found a file"),
            )
        )
    except PermissionError:
        report(Problem(path, QT_TRANSLATE_NOOP("Problems", "permission denied"), True))
    except FileNotFoundError:
        return None
    except OSError as exc:
        report(
            Problem(
                path,
                QT_TRANSLATE_NOOP("Problems", "cannot list: {0}").format(
                    exc.strerror or exc
                ),
                True,
            )
        )
    return None


def is_inside(path: str, root: str) -> bool:
    """Whether ``path`` resolves (following links) to a place inside ``root``."""
    try:
        real = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError):
        return False
    real_root = os.path.realpath(root)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def entry_kind(
    entry: os.DirEntry[str], root: str, report: Report, *, follow_dir_links: bool = True
) -> str | None:
    """``"dir"``, ``"file"``, or ``None`` for an entry that must not be read.

    Links are followed only while they stay inside ``root``; broken links and loops,
    links that point outside, and (with ``follow_dir_links=False``, as MLflow does for
    params, tags and metrics) linked folders are reported and skipped.
    """
    try:
        if not entry.is_symlink():
            return "dir" if entry.is_dir(follow_symlinks=False) else "file"
        if not os.path.exists(entry.path):
            report(
                Problem(
                    entry.path,
                    QT_TRANSLATE_NOOP(
                        "Problems", "broken link (missing target or a loop); skipped"
                    ),
                )
            )
            return None
        if not is_inside(entry.path, root):
            report(
                Problem(
                    entry.path,
                    QT_TRANSLATE_NOOP(
                        "Problems", "link points outside the source folder; skipped"
                    ),
                )
            )
            return None
        if entry.is_dir(follow_symlinks=True):
            if not follow_dir_links:
                report(
                    Problem(
                        entry.path,
                        QT_TRANSLATE_NOOP(
                            "Problems", "linked folder not followed; skipped"
                        ),
                    )
                )
                return None
            return "dir"
        return "file"
    except OSError as exc:
        report(
            Problem(
                entry.path,
                QT_TRANSLATE_NOOP("Problems", "unreadable entry: {0}").format(
                    exc.strerror or exc
                ),
                True,
            )
        )
        return None


def entry_is_dir(entry: os.DirEntry[str], root: str, report: Report) -> bool:
    """Whether a listed entry is a folder that may be read (see :func:`entry_kind`)."""
    return entry_kind(entry, root, report) == "dir"


def read_key_files(folder: str, root: str, report: Report) -> dict[str, str]:
    """Read a params/ or tags/ folder: one file per key, nested folders for ``/``."""
    values: dict[str, str] = {}
    _read_key_files(folder, "", root, report, values, depth=0)
    return values


def _read_key_files(
    folder: str, prefix: str, root: str, report: Report, out: dict, depth: int
) -> None:
    entries = scandir(folder, report)
    if entries is None:
        return
    for entry in entries:
        key = prefix + entry.name
        kind = entry_kind(entry, root, report, follow_dir_links=False)
        if kind == "dir":
            if depth < 32:
                _read_key_files(entry.path, key + "/", root, report, out, depth + 1)
        elif kind == "file":
            text = read_text(entry.path, report)
            if text is not None:
                out[key] = text
