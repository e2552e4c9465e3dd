"""Cheap change signals for an MLflow database, for live refresh to poll.

Only ``stat`` calls: the database file changes on every commit in rollback-journal
mode, and the ``-wal`` file on every commit in WAL mode (a checkpoint changes the
database file). The ``-shm`` file is left out on purpose: readers (we included)
write to it, so it would signal our own reads.
"""

from __future__ import annotations

import os

from desktop.sources.mlflow_db.connection import Rows
from desktop.sources.mlflow_db.schema import DbSchema


def _state(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def fingerprint(path: str | os.PathLike[str]) -> tuple:
    """``(size, mtime_ns, inode)`` of the database and of its ``-wal`` file.

    Equal fingerprints mean nothing was committed in between (as far as the file
    system's timestamp resolution can tell); a missing file shows as ``None``.
    """
    db = os.fspath(path)
    return (_state(db), _state(db + "-wal"))


def run_states(rows: Rows, schema: DbSchema) -> dict[str, tuple]:
    """Every run's ``runs`` row (experiment, status, times, lifecycle, name) by id.

    One short statement: what live refresh compares between two polls to find
    runs that were created, renamed, finished, deleted or removed.
    """
    name = schema.column_or("runs", "name", "NULL")
    deleted_time = schema.column_or("runs", "deleted_time", "NULL")
    return {
        str(row[0]): tuple(row[1:])
        for row in rows(
            f"SELECT run_uuid, experiment_id, status, start_time, end_time, "
            f"lifecycle_stage, {name}, {deleted_time} FROM runs"
        )
    }
