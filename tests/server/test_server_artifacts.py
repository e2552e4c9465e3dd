"""Artifacts through the server: folder listings, downloads into the cache, and
names that would leave the cache refused."""

from __future__ import annotations

import os

import pytest

from desktop.services.remote_artifacts import RemoteArtifactError, ServerClients
from desktop.services.run_artifacts import RUN_ROOT, load_run_artifacts
from desktop.services.sources import run_source_import
from desktop.sources.tracking_server.artifacts import (
    RemoteArtifacts,
    UnsafeArtifactPath,
    cache_base,
    safe_parts,
)
from desktop.sources.tracking_server.client import TrackingClient
from desktop.sources.tracking_server.credentials import Connection, SessionCredentials
from desktop.store import queries
from desktop.store.database import open_store


@pytest.fixture
def parent_artifacts(server, logged, tmp_path):
    """``load_run_artifacts`` for the parent run of a freshly synced store."""
    store = open_store(tmp_path / "store.db")
    run_source_import(store, server.url)
    with store.engine.connect() as conn:
        (pk,) = [
            d.pk
            for d in queries.run_details(
                conn,
                queries.run_pks(conn, [e.pk for e in queries.list_experiments(conn)]),
            )
            if d.run_id == logged.parent
        ]
        artifacts = load_run_artifacts(conn, pk, ServerClients(SessionCredentials()))
    yield artifacts
    store.close()


def test_listing_and_download_into_cache(parent_artifacts, logged, tmp_path) -> None:
    artifacts = parent_artifacts
    assert artifacts.listing_error is None
    remote = artifacts.remotes[RUN_ROOT]
    root = artifacts.roots[RUN_ROOT]
    assert root.uri
    assert root.uri.startswith("mlflow-artifacts:")
    assert root.path == remote.cache_root
    assert root.path.startswith(str(tmp_path / "cache"))  # the user cache dir
    assert [(e.name, e.is_dir) for e in artifacts.entries] == [
        ("reports", True),
        ("notes.txt", False),
    ]
    sub = remote.list_folder("reports")
    assert [(e.path, e.is_dir, e.size) for e in sub] == [
        ("reports/sub", True, None),
        ("reports/readme.md", False, 8),
    ]
    assert [e.path for e in remote.list_folder("reports/sub")] == [
        "reports/sub/table.csv"
    ]

    seen: list[tuple[int, int | None]] = []
    path = remote.fetch_file(
        "reports/sub/table.csv", 12, lambda d, t: seen.append((d, t))
    )
    assert path.read_text() == "a,b\n1,2\n3,4\n"
    assert seen[-1] == (12, 12)
    assert os.path.realpath(path).startswith(os.path.realpath(remote.cache_root))
    assert [p.name for p in path.parent.iterdir()] == ["table.csv"]  # no temp left

    folder = remote.fetch_folder("reports")
    assert sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
    ) == ["readme.md", "sub/table.csv"]
    (model,) = [m for m in artifacts.models if m.model_id == logged.model_id]
    assert model.root_key in artifacts.remotes


def test_path_escapes_are_refused(server, logged, tmp_path) -> None:
    with TrackingClient(Connection(server.url)) as client:
        remote = RemoteArtifacts(client, run_id=logged.parent)
        assert str(remote.cache_root).startswith(str(cache_base()))
        for bad in ("../outside.txt", "/etc/passwd", "a/../../x", "C:\\x", "a\x00b"):
            with pytest.raises(UnsafeArtifactPath):
                remote.download(bad)
            with pytest.raises(UnsafeArtifactPath):
                remote.list(bad)
        with pytest.raises(UnsafeArtifactPath):
            RemoteArtifacts(client, run_id="../../etc")
    assert not (tmp_path / "outside.txt").exists()
    assert safe_parts("a/./b//c") == ["a", "b", "c"]


def test_server_listing_with_escaping_names_is_refused(logged, tmp_path) -> None:
    """A hostile server that lists ``../`` names cannot make us write outside."""

    class HostileClient:
        url = "http://127.0.0.1:9"

        def get_json(self, path, params=None):
            return {"files": [{"path": "../../evil.sh", "is_dir": False}]}

    remote = RemoteArtifacts(HostileClient(), run_id=logged.parent)  # type: ignore[arg-type]
    with pytest.raises(UnsafeArtifactPath):
        remote.list("")
    from desktop.services.remote_artifacts import ServerArtifacts

    with pytest.raises(RemoteArtifactError):
        ServerArtifacts(remote).list_folder("")
