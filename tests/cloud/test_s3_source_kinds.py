"""Runs with artifacts in S3 from every source kind: an ``mlflow.db`` and a
tracking server (the ``mlruns`` kind is in test_s3_artifacts.py). The bucket is
read directly, as MLflow's client does, even for a server's runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.catalog import Catalog
from desktop.services.sources import run_source_import
from desktop.store import queries
from desktop.store.database import open_store
from tests.cloud.mlflow_s3 import BUCKET, NOTES, environment, log_to_s3, s3_variables
from tests.server.mlflow_server import MlflowServer


def listed_and_read(store_path: Path, location: str, run_id: str, tracking_uri: str):
    """Our recursive listing and the notes' bytes, and MLflow's listing."""
    from mlflow import MlflowClient

    store = open_store(store_path)
    try:
        run_source_import(store, location)
        with store.engine.connect() as conn:
            experiments = [e.pk for e in queries.list_experiments(conn)]
            pks = queries.run_pks(conn, experiments)
            (pk,) = [d.pk for d in queries.run_details(conn, pks) if d.run_id == run_id]
        artifacts = Catalog(store).run_artifacts(pk)
    finally:
        store.close()
    assert artifacts.listing_error is None
    remote = artifacts.remotes["run"]
    ours = sorted(
        [(e.path, e.is_dir, e.size) for e in remote.list_folder("")]
        + [(e.path, e.is_dir, e.size) for e in remote.list_folder("notes")]
    )
    client = MlflowClient(tracking_uri=tracking_uri)
    theirs = sorted(
        [(f.path, f.is_dir, f.file_size) for f in client.list_artifacts(run_id)]
        + [
            (f.path, f.is_dir, f.file_size)
            for f in client.list_artifacts(run_id, "notes")
        ]
    )
    return ours, theirs, remote.fetch_file("notes/notes.txt").read_text("utf-8")


def test_an_mlflow_database_run(s3_env, s3_server, tmp_path):
    database = tmp_path / "mlflow.db"
    tracking_uri = f"sqlite:///{database}"
    run_id, uri = log_to_s3(tracking_uri, "db-s3", f"s3://{BUCKET}/db")
    assert uri == f"s3://{BUCKET}/db/{run_id}/artifacts"
    ours, theirs, notes = listed_and_read(
        tmp_path / "store.db", str(database), run_id, tracking_uri
    )
    assert ours == theirs
    assert notes == NOTES


@pytest.fixture(scope="module")
def s3_tracking_server(s3_server, tmp_path_factory):
    """A tracking server whose experiment keeps its artifacts in the bucket (the
    server itself has no S3 credentials: clients write and read the bucket)."""
    server = MlflowServer(tmp_path_factory.mktemp("s3-tracking-server")).start()
    try:
        with environment(s3_variables(s3_server.endpoint)):
            logged = log_to_s3(server.url, "server-s3", f"s3://{BUCKET}/server")
        yield server, logged[0]
    finally:
        server.kill()


def test_a_tracking_server_run(s3_env, s3_tracking_server, tmp_path):
    server, run_id = s3_tracking_server
    ours, theirs, notes = listed_and_read(
        tmp_path / "store.db", server.url, run_id, server.url
    )
    assert ours == theirs
    assert notes == NOTES
