"""The stat-only change signal that live refresh polls."""

from __future__ import annotations

import time

import pytest

from desktop.services.sources import run_source_import
from desktop.sources.mlflow_db.watch import fingerprint
from tests.db.db_helpers import to_wal
from tests.db.db_writer import WrittenDb

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


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


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _details(store, source_id: int) -> dict:
    from desktop.store import queries

    with store.engine.connect() as conn:
        exps = queries.list_experiments(conn, [source_id])
        pks = queries.run_pks(conn, [e.pk for e in exps])
        return {d.run_id: d for d in queries.run_details(conn, pks)}


def test_a_commit_refreshes_unfinished_and_changed_runs_and_the_rest_later(
    db_copy: WrittenDb, store
) -> None:
    import sqlite3
    from contextlib import closing

    from mlflow import MlflowClient

    from desktop.services.live import DatabaseWatcher

    runs = db_copy.runs
    source = run_source_import(store, db_copy.path).source_id
    clock = _Clock()
    watcher = DatabaseWatcher(store, str(db_copy.path), full_seconds=30, clock=clock)
    first = watcher.poll()
    assert first.full  # the first poll checks every run
    watcher.apply(first)
    assert watcher.poll().empty

    client = MlflowClient(tracking_uri=db_copy.uri)
    client.log_metric(runs["running"], "m", 7.0, timestamp=1_760_000_100_000, step=50)
    experiment = client.get_run(runs["finished"]).info.experiment_id
    new = client.create_run(experiment, run_name="fresh").info.run_id
    client.set_terminated(runs["scheduled"], "KILLED")
    client.set_tag(runs["edited"], "stage", "shipped")  # a finished run's tag
    gone = runs["failed"]
    with closing(sqlite3.connect(db_copy.path)) as conn, conn:
        for table in ("metrics", "latest_metrics", "params", "tags"):
            conn.execute(f"DELETE FROM {table} WHERE run_uuid = ?", (gone,))
        conn.execute("DELETE FROM runs WHERE run_uuid = ?", (gone,))

    changes = watcher.poll()
    assert not changes.full
    assert {runs["running"], new, runs["scheduled"], gone} <= changes.runs
    assert runs["edited"] not in changes.runs
    assert len(changes.runs) < len(runs) // 2  # most runs are not even checked
    report = watcher.apply(changes)
    assert report.problems == []
    assert report.runs_removed == 1
    details = _details(store, source)
    assert details[runs["running"]].metrics["m"].latest == 7.0
    assert details[new].run_name == "fresh"
    assert details[runs["scheduled"]].status == "KILLED"
    assert gone not in details
    assert details[runs["edited"]].tags["stage"] == "final"  # not checked yet
    assert watcher.poll().empty  # nothing new, and the full check is not due

    clock.now += 31
    changes = watcher.poll()
    assert changes.full
    watcher.apply(changes)
    assert _details(store, source)[runs["edited"]].tags["stage"] == "shipped"
    assert watcher.poll().empty
