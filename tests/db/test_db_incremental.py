"""Re-imports read only the runs whose stamps changed, and drop what vanished."""

from __future__ import annotations

import math
import sqlite3
from contextlib import closing

import pytest

from desktop.services.sources import run_source_import
from tests.db.db_helpers import run_count, tag_of
from tests.db.db_writer import WrittenDb

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def test_unchanged_database_reads_no_run(db_copy: WrittenDb, store) -> None:
    first = run_source_import(store, db_copy.path)
    assert first.runs_read == first.runs_total == len(db_copy.runs)
    again = run_source_import(store, db_copy.path)
    assert again.problems == []
    assert again.runs_read == 0
    assert again.runs_unchanged == first.runs_total
    assert again.experiments == first.experiments


def test_changes_are_picked_up_and_nothing_else_is_read(
    db_copy: WrittenDb, store
) -> None:
    from mlflow import MlflowClient
    from mlflow.entities import ViewType

    runs = db_copy.runs
    first = run_source_import(store, db_copy.path)
    source = first.source_id
    client = MlflowClient(tracking_uri=f"sqlite:///{db_copy.path}")
    # Appended points to a finished run and to the running one (latest changes).
    client.log_metric(runs["finished"], "m", 9.0, timestamp=1_760_000_009_000, step=5)
    client.log_metric(runs["running"], "m", 3.0, timestamp=1_760_000_009_000, step=2)
    # A status change, an edited tag, a deleted run, a new run.
    client.set_terminated(runs["scheduled"], "KILLED")
    client.set_tag(runs["child"], "note", "added later")
    client.delete_run(runs["killed"])
    exp = client.get_run(runs["finished"]).info.experiment_id
    new = client.create_run(exp, run_name="brand-new").info.run_id
    client.log_metric(new, "m", math.nan, timestamp=1_760_000_009_000, step=0)
    # A run and an empty experiment removed for good (as ``mlflow gc`` does).
    gone = runs["failed"]
    empty = client.create_experiment("short-lived")
    second = run_source_import(store, db_copy.path)
    assert second.experiments == first.experiments + 1
    with closing(sqlite3.connect(db_copy.path)) as conn, conn:
        for table in ("metrics", "latest_metrics", "params", "tags"):
            conn.execute(f"DELETE FROM {table} WHERE run_uuid = ?", (gone,))
        conn.execute("DELETE FROM runs WHERE run_uuid = ?", (gone,))
        conn.execute("DELETE FROM experiments WHERE experiment_id = ?", (empty,))

    third = run_source_import(store, db_copy.path)
    assert third.problems == []
    assert third.runs_removed == 1
    assert third.experiments_removed == 1
    assert third.runs_read == 0  # everything else was read by the second import
    assert second.runs_read == 6  # 2 appended, status, tag, deletion, new run
    assert run_count(store, source) == len(runs)  # +1 new, -1 gone
    assert tag_of(store, source, runs["child"], "note") == "added later"

    from desktop.store import queries

    with store.engine.connect() as conn:
        exps = queries.list_experiments(conn, [source])
        details = {
            d.run_id: d
            for d in queries.run_details(
                conn, queries.run_pks(conn, [e.pk for e in exps])
            )
        }
    with store.engine.connect() as conn:
        keys = queries.experiment_keys(conn, [e.pk for e in exps])
    # The column chooser offers the tag added by the re-import.
    assert "note" in dict(keys["tag"])
    assert details[runs["finished"]].metrics["m"].latest == 9.0
    assert details[runs["running"]].metrics["m"].latest == 3.0
    assert details[runs["scheduled"]].status == "KILLED"
    assert details[runs["killed"]].lifecycle_stage == "deleted"
    assert math.isnan(details[new].metrics["m"].latest)
    assert gone not in details
    assert {
        r.info.run_id
        for r in client.search_runs(
            [e.experiment_id for e in exps], run_view_type=ViewType.ALL
        )
    } == set(details)
