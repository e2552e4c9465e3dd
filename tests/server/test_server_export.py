"""Exports of runs synced from a tracking server carry their artifacts: listed
through the server, or from the listing ``import --artifacts`` stored, or reported
as not listed (with the reason) when neither is possible."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.exporting import export_json
from desktop.services.server_listings import ExportArtifacts, ExportCancelled
from desktop.sources.tracking_server.artifacts import RemoteArtifacts
from desktop.store.database import open_store
from tests.server.mlflow_server import free_port


def mlflow_listing(client, run_id: str, path: str | None = None) -> list[dict]:
    """Every file of a run as ``MlflowClient.list_artifacts`` recursion sees it."""
    files = []
    for item in client.list_artifacts(run_id, path):
        if item.is_dir:
            files += mlflow_listing(client, run_id, item.path)
        else:
            files.append({"path": item.path, "size": item.file_size})
    return sorted(files, key=lambda f: f["path"])


def exported_runs(text: str) -> dict[str, dict]:
    return {run["run_id"]: run for exp in json.loads(text) for run in exp["runs"]}


def cli_export(db: Path, out: Path, *extra: str) -> int:
    return main(["export", "--store", str(db), "-o", str(out), *extra])


def take_server_offline(db: Path) -> str:
    """Point the store's server source at a port where nothing listens."""
    dead = f"http://127.0.0.1:{free_port()}"
    store = open_store(db)
    with store.engine.begin() as conn:
        (old,) = conn.exec_driver_sql(
            "SELECT location FROM sources WHERE kind = 'server'"
        ).one()
        for table in ("sources", "server_connections"):
            conn.exec_driver_sql(
                f"UPDATE {table} SET location = ? WHERE location = ?", (dead, old)
            )
    store.close()
    return dead


@pytest.fixture
def synced_db(server, tmp_path) -> Path:
    db = tmp_path / "store.db"
    assert main(["import", server.url, "--store", str(db), "-q"]) == 0
    return db


def test_export_lists_artifacts_through_the_server(
    synced_db, server, logged, tmp_path, capsys
) -> None:
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=server.url)
    out = tmp_path / "runs.json"
    assert cli_export(synced_db, out) == 0
    runs = exported_runs(out.read_text(encoding="utf-8"))
    assert len(runs) >= 6
    for run_id, run in runs.items():
        assert run["artifacts"] == mlflow_listing(client, run_id), run["run_name"]
    assert [f["path"] for f in runs[logged.parent]["artifacts"]] == [
        "notes.txt",
        "reports/readme.md",
        "reports/sub/table.csv",
    ]
    assert "not listed" not in capsys.readouterr().err


def test_unreachable_server_is_named_with_the_runs_not_listed(
    synced_db, logged, tmp_path, capsys
) -> None:
    dead = take_server_offline(synced_db)
    capsys.readouterr()
    out = tmp_path / "runs.json"
    assert cli_export(synced_db, out) == 0
    runs = exported_runs(out.read_text(encoding="utf-8"))
    assert all(run["artifacts"] is None for run in runs.values())
    err = capsys.readouterr().err
    (line,) = [x for x in err.splitlines() if "not listed" in x]
    assert f"The artifacts of {len(runs)} runs from {dead} were not listed" in line
    assert "nothing answers there" in line  # the reason
    assert logged.parent in line
    assert '"artifacts" are null' in line


def test_import_with_artifacts_stores_the_listing_for_offline_exports(
    server, logged, tmp_path, capsys
) -> None:
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=server.url)
    db = tmp_path / "store.db"
    assert main(["import", server.url, "--artifacts", "--store", str(db), "-q"]) == 0
    # A later sync without --artifacts that rewrites every run keeps the listing.
    assert main(["import", server.url, "--full", "--store", str(db), "-q"]) == 0
    out = tmp_path / "offline.json"
    assert cli_export(db, out, "--offline") == 0
    runs = exported_runs(out.read_text(encoding="utf-8"))
    for run_id, run in runs.items():
        assert run["artifacts"] == mlflow_listing(client, run_id), run["run_name"]
    err = capsys.readouterr().err
    assert f"The artifacts of {len(runs)} runs from {server.url}" in err
    assert "the listing stored when they were synced with --artifacts" in err

    take_server_offline(db)  # the same without --offline: the server is down
    assert cli_export(db, out) == 0
    offline = exported_runs(out.read_text(encoding="utf-8"))
    assert offline == runs
    assert "nothing answers there" in capsys.readouterr().err


def test_cancel_flag_stops_the_listing(synced_db) -> None:
    cancel = threading.Event()
    cancel.set()
    store = open_store(synced_db)
    try:
        with pytest.raises(ExportCancelled):
            export_json(store, _Sink(), artifacts=ExportArtifacts(cancel=cancel))
    finally:
        store.close()


def test_ctrl_c_during_the_listing_ends_the_export_cleanly(
    synced_db, tmp_path, monkeypatch, capsys
) -> None:
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(RemoteArtifacts, "list", interrupted)
    out = tmp_path / "runs.json"
    assert cli_export(synced_db, out) == 130
    assert not out.exists()
    assert "export cancelled" in capsys.readouterr().err


class _Sink:
    def write(self, text: str) -> int:
        return len(text)


def test_listing_is_bounded_per_run(synced_db, logged) -> None:
    """A run with more files and folders than the bound is reported, not listed."""
    store = open_store(synced_db)
    try:
        artifacts = ExportArtifacts(limit=2)
        export_json(store, _Sink(), artifacts=artifacts)
    finally:
        store.close()
    (note,) = [n for n in artifacts.notes() if logged.parent in n]
    assert "more than 2 files and folders" in note


def test_cancelling_an_artifacts_sync_keeps_the_listings_made(server, tmp_path) -> None:
    from desktop.services.importing_server import import_server

    store = open_store(tmp_path / "store.db")
    cancel = threading.Event()
    try:
        sync = import_server(store, server.url, artifacts=True, cancel=cancel)
        listed = 0
        try:
            while True:
                progress = next(sync)
                if progress.phase == "artifacts" and progress.done == 2:
                    listed = progress.done
                    cancel.set()
        except StopIteration as stop:
            report = stop.value
        assert report.cancelled
        assert listed == 2
        with store.engine.connect() as conn:
            (stored,) = conn.exec_driver_sql(
                "SELECT count(*) FROM artifact_listings"
            ).one()
        assert stored == 2
    finally:
        store.close()
