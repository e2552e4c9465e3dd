"""The store's error and the newest schema revision, known without SQLAlchemy.

Light on purpose: the start-up glance (:mod:`desktop.store.peek`) and the app's
error handling import it before SQLAlchemy or Alembic is loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.errors import StoreError

__all__ = ["MIGRATIONS", "StoreError", "script_head"]

MIGRATIONS = Path(__file__).with_name("migrations")

_REVISION = re.compile(r"^revision\b[^=]*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\b[^=]*=(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")


def script_head(migrations: Path = MIGRATIONS) -> str | None:
    """The newest revision of the migration scripts, read from their headers.

    ``None`` when the headers do not name exactly one head (Alembic then decides).
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (migrations / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = _REVISION.search(text)
        down = _DOWN_REVISION.search(text)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        parents.update(_QUOTED.findall(down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
