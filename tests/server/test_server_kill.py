"""A server that goes away in the middle of a sync: the store stays consistent,
the error is reported, and a sync against the restarted server completes."""

from __future__ import annotations

import sqlite3

from desktop.services.import_pipeline import ImportProgress
from desktop.services.importing_server import import_server
from desktop.services.sources import run_source_import
from desktop.sources.tracking_server.client import default_retry
from desktop.store import queries
from desktop.store.database import open_store


def _run_ids(store) -> set[str]:
    with store.engine.connect() as conn:
        exps = queries.list_experiments(conn)
        pks = queries.run_pks(conn, [e.pk for e in exps])
        return {d.run_id for d in queries.run_details(conn, pks)}


def test_server_killed_mid_sync(server, logged, tmp_path) -> None:
    store = open_store(tmp_path / "store.db")
    try:
        sync = import_server(
            store, server.url, batch_runs=2, retry=default_retry(total=2, backoff=0.1)
        )
        killed_after: set[str] = set()
        while True:
            try:
                item = next(sync)
            except StopIteration as stop:
                report = stop.value
                break
            assert isinstance(item, ImportProgress)
            if item.phase == "read" and item.done > 0 and server.process is not None:
                killed_after = _run_ids(store)  # the first batch is stored
                server.kill()
        assert len(killed_after) == 2
        assert report.server_error
        assert "Cannot connect" in report.server_error
        assert report.problems[0].message == report.server_error
        assert 0 < report.runs_read < report.runs_total
        with sqlite3.connect(store.path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = _run_ids(store)
        assert killed_after <= stored  # nothing removed
        assert len(stored) == report.runs_read  # every stored run was fully written
        with store.engine.connect() as conn:
            (source,) = queries.list_sources(conn)
            assert [m for _p, m in queries.source_problems(conn, source.id)] == [
                report.server_error
            ]

        server.start()  # same port, same data
        again = run_source_import(store, server.url)
        assert again.problems == []
        assert again.runs_unchanged == len(stored)
        assert again.runs_read == again.runs_total - len(stored)
        assert {logged.parent, logged.child, logged.deleted_run} <= _run_ids(store)
        with store.engine.connect() as conn:
            assert queries.source_problems(conn, source.id) == []
    finally:
        store.close()
        if server.process is None:
            server.start()
