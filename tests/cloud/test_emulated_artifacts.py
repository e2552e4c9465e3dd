"""Artifacts MLflow logged to Google Cloud Storage and Azure Blob Storage
emulators on loopback (gcp-storage-emulator, Azurite) through its own GCS and
Azure Blob repositories, read by the app: listings and bytes equal what MLflow's
client reads, and failures are named."""

from __future__ import annotations

import logging
import os
import socket
import time
from pathlib import Path

import pytest

from desktop.services.cloud_artifacts import cloud_root
from desktop.services.remote_artifacts import RemoteArtifactError
from desktop.sources.cloud import azure, gcs
from desktop.sources.tracking_server.client import Cancelled
from tests.cloud.emulated import Emulated
from tests.cloud.emulators import AZURE_ACCOUNT, AZURE_KEY, azurite_connection_string
from tests.cloud.mlflow_s3 import NOTES
from tests.cloud.test_s3_artifacts import mlflow_recursive, ours_recursive

# Emulators on loopback with real MLflow logging there, and retries against one that
# is down: tens of seconds, so out of the inner loop (S3's moto tests stay in it).
pytestmark = pytest.mark.slow


def test_the_listing_equals_mlflows_recursively(emulated: Emulated):
    artifacts = emulated.load(emulated.run_name)
    assert artifacts.listing_error is None
    assert artifacts.root.uri == emulated.runs.artifact_uri
    client = emulated.mlflow()
    run_id = emulated.runs.run_id
    ours = ours_recursive(artifacts.remotes["run"])
    theirs = mlflow_recursive(lambda p: client.list_artifacts(run_id, p))
    assert ours == theirs
    assert {p for p, _, _ in ours} >= {
        "config.yaml",
        "bin/weights.bin",
        "nested/deeper/summary.txt",
        "notes/notes.txt",
        "summary.json",
        "images/gradient.png",
    }
    assert [(e.name, e.is_dir) for e in artifacts.entries] == [
        ("bin", True),
        ("images", True),
        ("nested", True),
        ("notes", True),
        ("config.yaml", False),
        ("summary.json", False),
    ]


def test_the_logged_model_is_listed_from_its_own_prefix(emulated: Emulated):
    artifacts = emulated.load(emulated.run_name)
    (model,) = artifacts.models
    model_id = emulated.runs.model_id
    assert model.model_id == model_id
    assert model.flavors == ("python_function", "sklearn")
    client = emulated.mlflow()
    location = client.get_logged_model(model_id).artifact_location
    assert artifacts.roots[f"model:{model_id}"].uri == location
    ours = ours_recursive(artifacts.remotes[f"model:{model_id}"])
    theirs = mlflow_recursive(lambda p: client.list_logged_model_artifacts(model_id, p))
    assert ours == theirs
    assert "MLmodel" in {p for p, _, _ in ours}


def test_a_download_has_the_bytes_mlflow_downloads_and_is_cached(
    emulated: Emulated, tmp_path
):
    remote = emulated.load(emulated.run_name).remotes["run"]
    client = emulated.mlflow()
    for path in ("bin/weights.bin", "notes/notes.txt", "images/gradient.png"):
        theirs = client.download_artifacts(emulated.runs.run_id, path, str(tmp_path))
        seen: list[tuple[int, int | None]] = []
        ours = remote.fetch_file(path, progress=lambda d, t, s=seen: s.append((d, t)))
        assert ours.read_bytes() == Path(theirs).read_bytes()
        assert Path(ours).is_relative_to(os.environ["MLFLOW_DESKTOP_CACHE"])
        assert "127.0.0.1" in Path(remote.cache_root).name  # the emulator's folder
        size = ours.stat().st_size
        assert seen[-1] == (size, size)  # the size is known before the bytes
    assert remote.fetch_file("notes/notes.txt").read_text("utf-8") == NOTES
    cached = remote.fetch_file("bin/weights.bin")
    again = (
        emulated.load(emulated.run_name)
        .remotes["run"]
        .fetch_file("bin/weights.bin", 1 << 20)
    )
    assert again == cached
    assert again.stat().st_ino == cached.stat().st_ino
    folder = remote.fetch_folder("nested")
    assert (folder / "deeper" / "summary.txt").read_text() == "deeply nested\n"


def test_a_big_folder_is_listed_across_pages(emulated: Emulated, monkeypatch):
    """Pages of 500 (Azurite pages; the GCS emulator answers in one page)."""
    monkeypatch.setattr(gcs, "PAGE_SIZE", 500)
    monkeypatch.setattr(azure, "PAGE_SIZE", 500)
    remote = emulated.load(emulated.many_name).remotes["run"]
    (many,) = remote.list_folder("")
    assert (many.name, many.is_dir) == ("many", True)
    entries = remote.list_folder("many")
    theirs = emulated.mlflow().list_artifacts(emulated.runs.many_run_id, "many")
    assert len(entries) == len(theirs) > 1000
    assert sorted((e.path, e.size) for e in entries) == sorted(
        (f.path, f.file_size) for f in theirs
    )


def test_a_download_can_be_cancelled_and_leaves_nothing(emulated: Emulated):
    remote = emulated.load(emulated.run_name).remotes["run"]
    seen: list[int] = []
    with pytest.raises(Cancelled):
        remote.fetch_file(
            "bin/weights.bin",
            progress=lambda done, _total: seen.append(done),
            cancelled=lambda: bool(seen),
        )
    assert seen
    assert seen[-1] < 1 << 20
    assert not any((Path(remote.cache_root) / "bin").iterdir())
    assert remote.fetch_file("bin/weights.bin").stat().st_size == 1 << 20


def a_missing_bucket_uri(emulated: Emulated) -> str:
    if emulated.kind == "gcs":
        return "gs://no-such-bucket/x"
    return f"wasbs://no-such-container@{AZURE_ACCOUNT}.blob.core.windows.net/x"


def test_a_missing_bucket_or_container_is_named(emulated: Emulated):
    _, bucket = cloud_root("run", "Run", a_missing_bucket_uri(emulated), "runs:/x")
    with pytest.raises(RemoteArtifactError) as caught:
        bucket.list_folder("")
    endpoint = os.environ.get("STORAGE_EMULATOR_HOST") or (
        f"127.0.0.1:{emulated.runs.endpoint.rsplit(':', 1)[1]}/{AZURE_ACCOUNT}"
    )
    assert (
        str(caught.value)
        == {
            "gcs": f"Bucket 'no-such-bucket' does not exist at {endpoint}.",
            "azure": f"Container 'no-such-container' does not exist at {endpoint}.",
        }[emulated.kind]
    )


def test_a_missing_file_is_named(emulated: Emulated):
    remote = emulated.load(emulated.run_name).remotes["run"]
    with pytest.raises(RemoteArtifactError) as caught:
        remote.fetch_file("notes/gone.txt")
    message = str(caught.value)
    assert "notes/gone.txt' was not found in" in message
    assert f"'{emulated.bucket}'" in message


def free_port() -> int:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return free.getsockname()[1]


def test_an_emulator_that_is_down_is_named_within_seconds(
    emulated: Emulated, monkeypatch
):
    port = free_port()
    if emulated.kind == "gcs":
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", f"http://user:pw@127.0.0.1:{port}")
        where = f"http://127.0.0.1:{port}"
    else:
        monkeypatch.setenv(
            "AZURE_STORAGE_CONNECTION_STRING",
            azurite_connection_string(f"http://127.0.0.1:{port}/{AZURE_ACCOUNT}"),
        )
        where = f"127.0.0.1:{port}/{AZURE_ACCOUNT}"
    started = time.monotonic()
    message = emulated.load(emulated.run_name).listing_error
    assert time.monotonic() - started < 30  # the libraries' defaults: 1.5 minutes
    assert message.startswith(f"Cannot connect to {where} to read ")
    assert f"'{emulated.bucket}'" in message
    assert "pw" not in message
    assert AZURE_KEY not in message


@pytest.mark.parametrize("emulated_store", ["azure"], indirect=True)
def test_bad_azure_credentials_are_named(emulated: Emulated, monkeypatch, caplog):
    wrong = "A" * 86 + "=="
    monkeypatch.setenv(
        "AZURE_STORAGE_CONNECTION_STRING",
        azurite_connection_string(os.environ["AZURE_BLOB_ENDPOINT"], wrong),
    )
    with caplog.at_level(logging.DEBUG):
        message = emulated.load(emulated.run_name).listing_error
    assert message.startswith(f"Access to container '{emulated.bucket}' at 127.0.0.1:")
    assert "AZURE_STORAGE_CONNECTION_STRING" in message
    for text in (message, caplog.text):
        assert wrong not in text
        assert "Traceback" not in message


@pytest.mark.parametrize("emulated_store", ["gcs"], indirect=True)
def test_missing_google_credentials_are_named(
    emulated: Emulated, monkeypatch, tmp_path
):
    """Without the emulator the client looks for Application Default
    Credentials; a credentials file that is not one fails before any request.
    (The GCS emulator accepts every request: no denial to test there.)"""
    monkeypatch.delenv("STORAGE_EMULATOR_HOST")
    secret = tmp_path / "key.json"
    secret.write_text('{"type": "service_account", "private_key": "SECRET-KEY"}')
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(secret))
    message = emulated.load(emulated.run_name).listing_error
    assert message.startswith(
        f"No Google Cloud credentials were found to read bucket '{emulated.bucket}'"
    )
    assert "SECRET-KEY" not in message


def test_nothing_secret_is_logged_even_at_debug_level(emulated: Emulated, caplog):
    with caplog.at_level(logging.DEBUG):
        remote = emulated.load(emulated.run_name).remotes["run"]
        remote.fetch_file("config.yaml")
        remote.list_folder("nested")
    if emulated.kind == "azure":  # the client logs its requests' headers
        assert "Request URL" in caplog.text
        assert "Authorization" in caplog.text
    assert AZURE_KEY not in caplog.text
    assert "SharedKey " not in caplog.text  # Azure's request signature


def test_an_mlflow_database_run(emulated: Emulated, tmp_path):
    """The same reader for a run of an ``mlflow.db`` (not only ``mlruns``)."""
    from tests.cloud.mlflow_s3 import log_to_s3
    from tests.cloud.test_s3_source_kinds import listed_and_read

    database = tmp_path / "mlflow.db"
    tracking_uri = f"sqlite:///{database}"
    location = emulated.runs.artifact_uri.split("/team/")[0] + "/db"
    run_id, uri = log_to_s3(tracking_uri, f"db-{emulated.kind}", location)
    assert uri == f"{location}/{run_id}/artifacts"
    ours, theirs, notes = listed_and_read(
        tmp_path / "store.db", str(database), run_id, tracking_uri
    )
    assert ours == theirs
    assert notes == NOTES
