"""One plain sentence for a failure of a command-line import or export.

The command line never ends in a traceback: store and file errors are named with
their cause and what is left (the store is written in transactions, so it stays
usable), anything unexpected in one line with its type.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)


def plain_error(exc: BaseException, store: Path | None, action: str) -> str:
    """What went wrong in ``action`` (``import`` or ``export``), in one sentence."""
    kept = _imported_so_far(exc) if action == "import" else "the store is unchanged"
    again = "; import again once there is room" if action == "import" else ""
    where = f"the store {store}" if store is not None else "the store"
    reason = str(getattr(exc, "orig", exc)).strip()
    lower = reason.lower()
    if isinstance(exc, DBAPIError | sqlite3.Error):
        if "readonly" in lower or "read-only" in lower:
            return (
                f"{where} is read-only, so nothing could be written; make it "
                "writable or use another --store."
            )
        if "disk is full" in lower or "disk full" in lower:
            return f"the disk is full while writing {where}; {kept}{again}."
        if "disk i/o error" in lower:  # also a file grown past the size limit
            return (
                f"writing {where} failed (disk I/O error: the disk may be full or "
                f"failing); {kept}{again}."
            )
        if "malformed" in lower or "not a database" in lower:
            return (
                f"{where} is damaged ({reason}); restore a backup, or move it "
                "away to start with a new, empty store."
            )
        if "locked" in lower or "busy" in lower:
            return f"{where} is locked by another program; close it and try again."
        return f"{where} cannot be used ({reason}); {kept}."
    if isinstance(exc, OSError):
        name = exc.filename or store or "a file"
        if exc.errno in _FULL:
            return f"the disk is full while writing {name}; {kept}{again}."
        return f"cannot {action} with {name}: {exc.strerror or reason}."
    if isinstance(exc, RecursionError | MemoryError):
        return f"the {action} stopped: the input is too deeply nested or too large."
    return f"the {action} failed unexpectedly ({type(exc).__name__}: {reason})."


def _imported_so_far(exc: BaseException) -> str:
    """What a failed import left in the store, as precisely as it is known."""
    from desktop.services.import_pipeline import stopped_report

    report = stopped_report(exc)
    if report is None:
        return "what was imported before the failure is kept"
    if not report.runs_total:
        return f"no run of {report.root} was imported; the store is as it was"
    done = report.runs_read + report.runs_unchanged
    return (
        f"{done:,} of {report.runs_total:,} runs of {report.root} are in the store "
        f"({report.runs_read:,} imported now, {report.runs_unchanged:,} already up "
        "to date), the rest were not imported"
    )
