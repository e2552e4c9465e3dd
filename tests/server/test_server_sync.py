"""Syncing a real tracking server: what we store equals what ``MlflowClient`` reads
from the same server, and re-syncs fetch only what changed.

The parametrised conformance suite (``tests/conformance/test_conformance_kinds.py``,
case ``server-generated``) compares a server that serves a FileStore; the
comparisons here run against a SQL-backed server (infinity kept as ±DBL_MAX) with
the runs :func:`~tests.server.mlflow_server.populate` logs, which it does not cover.
"""

from __future__ import annotations

import math
import time

import pytest

from desktop.services.import_pipeline import ImportReport
from desktop.services.sources import run_source_import, source_kind
from desktop.sources.tracking_server import reader
from desktop.store import queries
from desktop.store.database import open_store
from tests.conformance.conformance_compare import (
    Expected,
    Imported,
    assert_same,
    experiment_fields,
    history_set,
    mlflow_datasets,
    mlflow_model_fields,
    mlflow_model_links,
    mlflow_run_fields,
    num,
    our_datasets,
    our_model_fields,
    our_model_links,
    our_run_fields,
)

DBL_MAX = 1.7976931348623157e308


def as_shown(value: float) -> float:
    """SQL servers keep infinity as ±DBL_MAX; we show it as infinity (§3.2)."""
    return math.copysign(math.inf, value) if abs(value) == DBL_MAX else value


@pytest.fixture(scope="module")
def synced(server_data, tmp_path_factory):
    """The shared server synced once into a fresh store (plus MLflow's view)."""
    from mlflow import MlflowClient

    server, _logged = server_data
    store = open_store(tmp_path_factory.mktemp("sync") / "store.db")
    report = run_source_import(store, server.url + "/")
    expected = Expected(MlflowClient(tracking_uri=server.url), root=None)
    yield store, report, expected, Imported(store, report.source_id)
    store.close()


def test_source_kind_and_location(synced, server) -> None:
    store, report, _expected, _imported = synced
    assert source_kind(server.url) == "server"
    assert isinstance(report, ImportReport)
    assert report.problems == []
    assert report.root == server.url  # no trailing slash, no credentials
    with store.engine.connect() as conn:
        (source,) = queries.list_sources(conn)
    assert (source.kind, source.location) == ("server", server.url)
    assert source.name == server.url.split("://")[1]


def test_experiments_match(synced) -> None:
    _store, _report, expected, imported = synced
    theirs = {k: experiment_fields(e) for k, e in expected.experiments().items()}
    ours = {k: experiment_fields(e) for k, e in imported.experiments.items()}
    assert_same(ours, theirs, "experiment")
    assert {e.lifecycle_stage for e in imported.experiments.values()} == {
        "active",
        "deleted",
    }


def test_runs_match(synced, logged) -> None:
    _store, report, expected, imported = synced
    runs = expected.runs()
    assert logged.deleted_run in runs  # deleted runs are synced too (view type ALL)
    assert_same(
        {k: our_run_fields(r) for k, r in imported.runs.items()},
        {k: mlflow_run_fields(r) for k, r in runs.items()},
        "run",
    )
    assert_same(
        {k: r.params for k, r in imported.runs.items()},
        {k: r.data.params for k, r in runs.items()},
        "params of run",
    )
    assert_same(
        {k: r.tags for k, r in imported.runs.items()},
        {k: r.data.tags for k, r in runs.items()},
        "tags of run",
    )
    assert imported.runs[logged.child].parent_run_id == logged.parent
    assert imported.runs[logged.running].status == "RUNNING"
    assert imported.runs[logged.failed].status == "FAILED"
    assert report.runs_total == report.runs_read == len(runs)


def test_latest_metrics_match(synced) -> None:
    _store, _report, expected, imported = synced
    theirs = {
        k: {key: num(as_shown(v)) for key, v in r.data.metrics.items()}
        for k, r in expected.runs().items()
    }
    ours = {
        k: {key: num(m.latest) for key, m in r.metrics.items()}
        for k, r in imported.runs.items()
    }
    assert_same(ours, theirs, "latest metrics of run")


def test_metric_histories_match(synced, logged) -> None:
    _store, _report, expected, imported = synced
    theirs = {}
    for run_id, run in expected.runs().items():
        theirs[run_id] = {
            key: history_set(
                (m.step, m.timestamp, as_shown(m.value))
                for m in expected.client.get_metric_history(run_id, key)
            )
            for key in run.data.metrics
        }
    ours = {
        run_id: {
            key: history_set(zip(h.steps, h.timestamps, h.values, strict=True))
            for key, h in histories.items()
        }
        for run_id, histories in imported.histories.items()
    }
    assert_same(ours, theirs, "metric histories of run")
    parent = imported.histories[logged.parent]
    assert len(parent["loss"].values) == 2500
    assert list(parent["loss"].steps[:3]) == [0, 1, 2]
    weird = parent["weird"].values
    assert math.isnan(weird[0])
    assert weird[1] == math.inf
    assert weird[2] == -math.inf
    assert len(parent["dup"].values) == 2  # the repeated point is stored once


def test_datasets_models_and_links_match(synced, logged) -> None:
    _store, report, expected, imported = synced
    runs = expected.runs()
    assert_same(
        {k: our_datasets(v) for k, v in imported.datasets.items()},
        {k: mlflow_datasets(r) for k, r in runs.items()},
        "datasets of run",
    )
    assert_same(
        {k: our_model_links(v) for k, v in imported.model_links.items()},
        {k: mlflow_model_links(r) for k, r in runs.items()},
        "model links of run",
    )
    assert_same(
        {k: our_model_fields(m) for k, m in imported.logged_models.items()},
        {k: mlflow_model_fields(m) for k, m in expected.logged_models().items()},
        "logged model",
    )
    assert report.logged_models == 1
    assert logged.model_id in imported.logged_models


def test_history_reader_without_bulk_endpoint(server, logged) -> None:
    """Servers without the bulk endpoint are read per run and key, paged."""
    from desktop.sources.tracking_server.client import TrackingClient
    from desktop.sources.tracking_server.credentials import Connection

    with TrackingClient(Connection(server.url)) as client:
        runs = [
            r
            for page in reader.search_runs(client, [logged.experiment])
            for r in page
            if r.run_id in (logged.parent, logged.child)
        ]
        bulk = reader.HistoryReader(client).read(runs)
        single = reader.HistoryReader(client)
        single.bulk = False
        one_by_one = single.read(runs)
    for run_id in bulk:
        assert [h.key for h in bulk[run_id]] == [h.key for h in one_by_one[run_id]]
        for a, b in zip(bulk[run_id], one_by_one[run_id], strict=True):
            assert history_set(zip(a.steps, a.timestamps, a.values, strict=True)) == (
                history_set(zip(b.steps, b.timestamps, b.values, strict=True))
            )


def test_incremental_resync(server, tmp_path) -> None:
    """Unchanged runs are not fetched again; new points, new and deleted runs are."""
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=server.url)
    exp = client.create_experiment(f"incremental-{time.time_ns()}")
    keep = client.create_run(exp, run_name="keep").info.run_id
    client.log_metric(keep, "loss", 1.0, step=0)
    grow = client.create_run(exp, run_name="grow").info.run_id
    client.log_metric(grow, "loss", 1.0, step=0)
    doomed = client.create_run(exp, run_name="doomed").info.run_id

    store = open_store(tmp_path / "store.db")
    try:
        first = run_source_import(store, server.url)
        assert first.problems == []
        assert first.runs_read == first.runs_total

        again = run_source_import(store, server.url)
        assert again.runs_read == 0
        assert again.metric_points == 0
        assert again.runs_unchanged == first.runs_total

        client.log_metric(grow, "loss", 0.5, step=1)
        fresh = client.create_run(exp, run_name="fresh").info.run_id
        client.delete_run(doomed)  # lifecycle changes: fetched again
        third = run_source_import(store, server.url)
        assert third.problems == []
        assert third.runs_read == 3  # grow, fresh, doomed
        assert third.runs_unchanged == first.runs_total - 2
        with store.engine.connect() as conn:
            pk = {d.run_id: d.pk for d in _details(conn)}
            assert list(queries.metric_histories(conn, pk[grow])["loss"].steps) == [
                0,
                1,
            ]
            assert fresh in pk
            (gone,) = queries.run_details(conn, [pk[doomed]])
            assert gone.lifecycle_stage == "deleted"
    finally:
        store.close()


def _details(conn):
    exps = queries.list_experiments(conn)
    return queries.run_details(conn, queries.run_pks(conn, [e.pk for e in exps]))


def test_runs_and_experiments_gone_from_server_are_removed(server, tmp_path) -> None:
    """A run or experiment that disappears from the server (e.g. ``mlflow gc``)
    leaves the store on the next sync."""
    import sqlite3

    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=server.url)
    exp = client.create_experiment(f"vanishing-{time.time_ns()}")
    run = client.create_run(exp, run_name="vanishing").info.run_id
    store = open_store(tmp_path / "store.db")
    try:
        run_source_import(store, server.url)
        with store.engine.connect() as conn:
            assert run in {d.run_id for d in _details(conn)}
        client.delete_run(run)
        client.delete_experiment(exp)
        # What `mlflow gc` does: remove the rows for good.
        with sqlite3.connect(server.folder / "mlflow.db") as db:
            for table in ("tags", "metrics", "latest_metrics", "params"):
                db.execute(f"DELETE FROM {table} WHERE run_uuid = ?", (run,))
            db.execute("DELETE FROM runs WHERE run_uuid = ?", (run,))
            db.execute("DELETE FROM experiment_tags WHERE experiment_id = ?", (exp,))
            db.execute("DELETE FROM experiments WHERE experiment_id = ?", (exp,))
        report = run_source_import(store, server.url)
        assert report.problems == []
        assert report.runs_removed == 1
        assert report.experiments_removed == 1
        with store.engine.connect() as conn:
            assert run not in {d.run_id for d in _details(conn)}
            assert exp not in {e.experiment_id for e in queries.list_experiments(conn)}
    finally:
        store.close()
