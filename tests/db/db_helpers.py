"""Helpers of the database tests: restricted imports and WAL-mode copies."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import traceback
from contextlib import closing
from pathlib import Path

from desktop.services.sources import run_source_import
from desktop.store import queries
from desktop.store.database import Store, open_store
from tests.robustness.robust_helpers import _drop_file_capabilities


def run_count(store: Store, source_id: int) -> int:
    """How many runs one source holds in the store."""
    with store.engine.connect() as conn:
        exps = queries.list_experiments(conn, [source_id])
        return len(queries.run_pks(conn, [e.pk for e in exps]))


def tag_of(store: Store, source_id: int, run_id: str, key: str) -> str | None:
    """A run tag's value as stored."""
    with store.engine.connect() as conn:
        exps = queries.list_experiments(conn, [source_id])
        for detail in queries.run_details(
            conn, queries.run_pks(conn, [e.pk for e in exps])
        ):
            if detail.run_id == run_id:
                return detail.tags.get(key)
    return None


def to_wal(db: Path) -> None:
    """Switch a database to WAL mode (it persists in the file) and close cleanly."""
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA journal_mode=WAL").fetchone() == ("wal",)


def _child(db: Path, store_path: Path, probe: Path) -> dict:
    _drop_file_capabilities()
    store = open_store(store_path)
    try:
        report = run_source_import(store, db)
        runs = run_count(store, report.source_id) if report.source_id else 0
    finally:
        store.close()
    try:
        open(probe, "ab").close()
        write_denied = False
    except PermissionError:
        write_denied = True
    return {
        "runs_total": report.runs_total,
        "runs_read": report.runs_read,
        "stored_runs": runs,
        "source_id": report.source_id,
        "problems": [[p.path, p.message] for p in report.problems],
        "write_denied": write_denied,
    }


def restricted_db_import(db: Path, store_path: Path, seconds: int = 120) -> dict:
    """Import ``db`` in a forked child that obeys file permissions even as root.

    ``write_denied`` tells whether appending to the database file was refused in
    the child, i.e. whether the read-only restriction really held.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 1
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(seconds)
        try:
            os.close(read_end)
            payload = json.dumps(_child(db, store_path, db))
            code = 0
        except BaseException:
            payload = traceback.format_exc()
        try:
            with os.fdopen(write_end, "w") as out:
                out.write(payload)
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as incoming:
        payload = incoming.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, payload
    return json.loads(payload)


def make_read_only(folder: Path) -> None:
    """``chmod a-w`` on a folder and everything in it."""
    for path in [*folder.rglob("*"), folder]:
        os.chmod(path, os.stat(path).st_mode & ~0o222)


def make_writable(folder: Path) -> None:
    """Undo :func:`make_read_only` (so pytest can clean up)."""
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, os.stat(path).st_mode | 0o200)
