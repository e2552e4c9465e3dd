"""A glance at the store before the window paints: stdlib ``sqlite3``, read-only.

Opening the store for real loads SQLAlchemy (a third of a second or more); the
window does not wait for it when a glance tells what the first paint needs: the
store's id (what its settings are keyed by), whether it holds any source (else
the welcome page shows), that its schema is current (no migration to run) and
its signature (whether the answers kept for the first screen still hold).
Anything unusual (no file, an old or foreign schema, a read error) gives
``None``: the caller then opens the store first, as before, and reports problems.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from desktop.core.views import StorePeek
from desktop.store.revision import MIGRATIONS, script_head
from desktop.store.store_info import stored_id

SIGNATURE_SQL = (
    "SELECT (SELECT count(*) || ':' || ifnull(max(id), 0) || ':' "
    "|| ifnull(sum(last_sync_at), 0) || ':' || ifnull(sum(last_sync_seconds), 0) "
    "FROM sources) || '/' || (SELECT count(*) || ':' || ifnull(max(id), 0) FROM runs)"
    " || '/' || (SELECT count(*) || ':' || ifnull(sum(updated_at), 0) FROM run_marks)"
)
"""The store's data at a glance: its sources, when each was last imported, its
runs, the user's marks. Every import, refresh or removal changes it (they record
the sync), as does every change of a mark (each stamps ``updated_at`` later than
any before: see :mod:`desktop.store.marks`)."""


def peek_store(path: Path | str, migrations: Path = MIGRATIONS) -> StorePeek | None:
    """Glance at the store at ``path`` without writing anything; ``None`` when the
    store must be opened (created, migrated or checked) before the window shows."""
    resolved = Path(path).expanduser().resolve()
    if not resolved.is_file():
        return None
    uri = f"file:{quote(str(resolved))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2.0)
    except sqlite3.Error:
        return None
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if len(revision) != 1 or revision[0][0] != script_head(migrations):
            return None
        ident = stored_id(conn)
        if ident is None:
            return None
        empty = conn.execute("SELECT 1 FROM sources LIMIT 1").fetchone() is None
        signature = conn.execute(SIGNATURE_SQL).fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return StorePeek(resolved, ident, empty, signature)
