"""A team database's artifacts on the server's side, reached where the user says:
through the team's tracking server (proxied ``mlflow-artifacts:/`` URIs, a real
``mlflow server`` on PostgreSQL), or in a copy of the server's artifact folder
"mounted" elsewhere on this computer. Until then the Artifacts tab says what to
set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.artifact_places import ArtifactPlaces
from desktop.services.catalog import Catalog
from desktop.services.sources import run_source_import
from desktop.services.team_artifacts import places_of, set_places
from desktop.store import queries
from desktop.store.database import Store, open_store
from desktop.store.schema import Run
from tests.team_db.fixtures import CURVE, NOTES, ProxiedTeam, TeamServer

pytestmark = pytest.mark.slow


def run_pk(store: Store, run_id: str) -> int:
    with store.engine.connect() as conn:
        pk = conn.scalar(select(Run.id).where(Run.run_id == run_id))
    assert pk is not None
    return pk


def listed(store: Store, pk: int) -> list[tuple[str, int]]:
    with store.engine.connect() as conn:
        return [(f.path, f.size) for f in queries.artifact_files(conn, pk)]


def test_proxied_artifacts_come_through_the_server_set_for_the_database(
    proxied_team: ProxiedTeam, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "store.db")
    try:
        report = run_source_import(store, proxied_team.url)
        assert report.problems == []
        pk = run_pk(store, proxied_team.run_id)
        catalog = Catalog(store)
        shown = catalog.run_artifacts(pk)
        assert shown is not None
        assert shown.root.path is None
        assert shown.root.uri.startswith("mlflow-artifacts:/")
        assert "'Artifacts served by'" in (shown.root.problem or "")
        assert "Artifact locations…" in (shown.root.problem or "")

        set_places(store, report.root, ArtifactPlaces(proxied_team.tracking.url))
        assert places_of(store, report.root).served_by == proxied_team.tracking.url
        shown = catalog.run_artifacts(pk)
        assert shown is not None
        assert shown.listing_error is None
        assert [e.name for e in shown.entries] == ["plots", "notes.txt"]
        copy = shown.remotes["run"].fetch_file("notes.txt")
        assert copy.read_text(encoding="utf-8") == NOTES
        assert [e.path for e in shown.remotes["run"].list_folder("plots")] == [
            "plots/curve.csv"
        ]
    finally:
        store.close()


def test_a_mounted_copy_of_the_servers_artifact_folder_is_read_in_place(
    proxied_team: ProxiedTeam, tmp_path: Path
) -> None:
    mounted = tmp_path / "mnt" / "team-artifacts"
    shutil.copytree(proxied_team.artifacts, mounted)
    store = open_store(tmp_path / "store.db")
    try:
        first = run_source_import(store, proxied_team.url)
        pk = run_pk(store, proxied_team.run_id)
        assert listed(store, pk) == []
        set_places(
            store,
            first.root,
            ArtifactPlaces(server_root="mlflow-artifacts:/", local_root=str(mounted)),
        )
        again = run_source_import(store, proxied_team.url)
        assert again.runs_read == 1  # its folder is found now: read again
        pk = run_pk(store, proxied_team.run_id)
        assert listed(store, pk) == [
            ("notes.txt", len(NOTES)),
            ("plots/curve.csv", len(CURVE)),
        ]
        shown = Catalog(store).run_artifacts(pk)
        assert shown is not None
        expected = mounted / proxied_team.experiment_id / proxied_team.run_id
        assert shown.root.path == str(expected / "artifacts")
        assert shown.remotes == {}
    finally:
        store.close()


def test_a_file_root_on_the_servers_disk_maps_to_its_copy_here(
    pg_server: TeamServer, tmp_path: Path
) -> None:
    from mlflow import MlflowClient

    pg_server.create_database("file_root")
    server_disk = tmp_path / "srv" / "mlflow-artifacts"
    client = MlflowClient(tracking_uri=pg_server.info.admin_uri("file_root"))
    experiment = client.create_experiment("on-disk", server_disk.as_uri())
    run = client.create_run(experiment, run_name="r").info.run_id
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    client.log_artifact(run, str(notes))
    client.set_terminated(run)
    # The laptop sees the share elsewhere; the server's path is not here.
    laptop = tmp_path / "laptop" / "share"
    laptop.parent.mkdir()
    server_disk.rename(laptop)
    store = open_store(tmp_path / "store.db")
    try:
        url = pg_server.info.reader_url("file_root")
        first = run_source_import(store, url)
        pk = run_pk(store, run)
        shown = Catalog(store).run_artifacts(pk)
        assert shown is not None
        assert shown.root.path is None
        assert "the server's artifact folder" in (shown.root.problem or "")
        # As the user types it: the server's plain path, not its file:// URI.
        set_places(
            store,
            first.root,
            ArtifactPlaces(server_root=str(server_disk), local_root=str(laptop)),
        )
        shown = Catalog(store).run_artifacts(pk)  # before any re-import
        assert shown is not None
        assert shown.root.path == str(laptop / run / "artifacts")
        assert [e.name for e in shown.entries] == ["notes.txt"]
        run_source_import(store, url)
        assert listed(store, run_pk(store, run)) == [("notes.txt", len(NOTES))]
    finally:
        store.close()
