"""The stat-only change signal that live refresh polls."""

from __future__ import annotations

import time

from desktop.services.sources import run_source_import
from desktop.sources.mlflow_db.watch import fingerprint
from tests.db.db_helpers import to_wal
from tests.db.db_writer import WrittenDb


def _log(db: WrittenDb, step: int) -> None:
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=db.uri)
    client.log_metric(db.runs["running"], "m", 1.0, step=step)


def test_fingerprint_changes_on_commits_not_on_our_reads(
    db_copy: WrittenDb, store
) -> None:
    quiet = fingerprint(db_copy.path)
    run_source_import(store, db_copy.path)
    assert fingerprint(db_copy.path) == quiet
    time.sleep(0.01)
    _log(db_copy, 10)
    assert fingerprint(db_copy.path) != quiet


def test_fingerprint_of_a_wal_database_follows_the_wal(
    db_copy: WrittenDb, store
) -> None:
    import sqlite3

    to_wal(db_copy.path)
    writer = sqlite3.connect(db_copy.path)  # keeps -wal and -shm alive
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("SELECT count(*) FROM runs").fetchall()
        quiet = fingerprint(db_copy.path)
        run_source_import(store, db_copy.path)
        assert fingerprint(db_copy.path) == quiet
        with writer:
            writer.execute("UPDATE tags SET value = 'x' WHERE key = 'stage'")
        assert fingerprint(db_copy.path) != quiet
    finally:
        writer.close()


def test_fingerprint_of_a_missing_file() -> None:
    assert fingerprint("/nonexistent/mlflow.db") == (None, None)
