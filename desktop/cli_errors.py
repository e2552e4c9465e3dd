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
    kept = (
        "what was imported before the failure is kept"
        if action == "import"
        else "the store is unchanged"
    )
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
            return f"the disk is full while writing {where}; {kept}."
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
            return f"the disk is full while writing {name}; {kept}."
        return f"cannot {action} with {name}: {exc.strerror or reason}."
    if isinstance(exc, RecursionError | MemoryError):
        return f"the {action} stopped: the input is too deeply nested or too large."
    return f"the {action} failed unexpectedly ({type(exc).__name__}: {reason})."
