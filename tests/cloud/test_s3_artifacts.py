"""Artifacts MLflow logged to an S3-compatible server (moto, on loopback), read
by the app: listings and bytes equal what MLflow's own client reads."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.services.remote_artifacts import RemoteArtifactError
from desktop.services.run_artifacts import RunArtifacts
from desktop.sources.tracking_server.client import Cancelled
from desktop.store.database import Store, open_store
from desktop.store.schema import Run
from tests.cloud.mlflow_s3 import BUCKET, MANY_FILES, NOTES, S3Runs


@pytest.fixture(scope="module")
def imported(s3_runs, tmp_path_factory) -> Iterator[Store]:
    """The S3 runs' file store imported into a local store."""
    store = open_store(tmp_path_factory.mktemp("s3-import") / "store.db")
    report = run_import(store, str(s3_runs.root))
    assert report.source_id is not None, report.problems
    yield store
    store.close()


def load(store: Store, name: str) -> RunArtifacts:
    """What the Artifacts tab loads for run ``name`` (through the catalog)."""
    with store.engine.connect() as conn:
        pk = conn.execute(select(Run.id).where(Run.run_name == name)).scalar_one()
    artifacts = Catalog(store).run_artifacts(pk)
    assert artifacts is not None
    return artifacts


def mlflow_client(s3_runs: S3Runs):
    from mlflow import MlflowClient

    return MlflowClient(tracking_uri=s3_runs.root.as_uri())


def ours_recursive(remote, relative: str = "") -> list[tuple[str, bool, int | None]]:
    out = []
    for entry in remote.list_folder(relative):
        out.append((entry.path, entry.is_dir, entry.size))
        if entry.is_dir:
            out += ours_recursive(remote, entry.path)
    return sorted(out)


def mlflow_recursive(list_level, relative: str = "") -> list:
    out = []
    for info in list_level(relative or None):
        out.append((info.path, info.is_dir, info.file_size))
        if info.is_dir:
            out += mlflow_recursive(list_level, info.path)
    return sorted(out)


def test_the_listing_equals_mlflows_recursively(s3_env, s3_runs, imported):
    artifacts = load(imported, "s3-run")
    assert artifacts.listing_error is None
    assert artifacts.root.uri == s3_runs.artifact_uri
    client = mlflow_client(s3_runs)
    ours = ours_recursive(artifacts.remotes["run"])
    theirs = mlflow_recursive(lambda p: client.list_artifacts(s3_runs.run_id, p))
    assert ours == theirs
    assert {p for p, _, _ in ours} >= {
        "config.yaml",
        "bin/weights.bin",
        "nested/deeper/summary.txt",
        "notes/notes.txt",
        "summary.json",
        "images/gradient.png",
    }
    top = [(e.name, e.is_dir) for e in artifacts.entries]
    assert top == [
        ("bin", True),
        ("images", True),
        ("nested", True),
        ("notes", True),
        ("config.yaml", False),
        ("summary.json", False),
    ]


def test_the_logged_model_is_listed_from_its_own_prefix(s3_env, s3_runs, imported):
    artifacts = load(imported, "s3-run")
    (model,) = artifacts.models
    assert model.model_id == s3_runs.model_id
    assert model.flavors == ("python_function", "sklearn")
    key = f"model:{s3_runs.model_id}"
    location = mlflow_client(s3_runs).get_logged_model(s3_runs.model_id)
    assert artifacts.roots[key].uri == location.artifact_location
    assert location.artifact_location.startswith(f"s3://{BUCKET}/")
    ours = ours_recursive(artifacts.remotes[key])
    client = mlflow_client(s3_runs)
    theirs = mlflow_recursive(
        lambda p: client.list_logged_model_artifacts(s3_runs.model_id, p)
    )
    assert ours == theirs
    assert "MLmodel" in {p for p, _, _ in ours}


def test_a_download_has_the_bytes_mlflow_downloads_and_is_cached(
    s3_env, s3_runs, imported, tmp_path
):
    remote = load(imported, "s3-run").remotes["run"]
    client = mlflow_client(s3_runs)
    for path in ("bin/weights.bin", "notes/notes.txt", "images/gradient.png"):
        theirs = client.download_artifacts(s3_runs.run_id, path, str(tmp_path))
        seen: list[tuple[int, int | None]] = []
        ours = remote.fetch_file(path, progress=lambda d, t, s=seen: s.append((d, t)))
        assert ours.read_bytes() == Path(theirs).read_bytes()
        assert Path(ours).is_relative_to(os.environ["MLFLOW_DESKTOP_CACHE"])
        assert seen[-1] == (ours.stat().st_size, ours.stat().st_size)
    assert (remote.fetch_file("notes/notes.txt")).read_text("utf-8") == NOTES
    cached = remote.fetch_file("bin/weights.bin")
    inode = cached.stat().st_ino
    # A new load of the run (another selection) reuses the cached copy.
    again = (
        load(imported, "s3-run").remotes["run"].fetch_file("bin/weights.bin", 1 << 20)
    )
    assert again == cached
    assert again.stat().st_ino == inode
    folder = remote.fetch_folder("nested")
    assert (folder / "deeper" / "summary.txt").read_text() == "deeply nested\n"


def test_a_big_folder_is_listed_across_pages(s3_env, s3_runs, imported):
    remote = load(imported, "s3-many").remotes["run"]
    (many,) = remote.list_folder("")
    assert (many.name, many.is_dir) == ("many", True)
    entries = remote.list_folder("many")
    theirs = mlflow_client(s3_runs).list_artifacts(s3_runs.many_run_id, "many")
    assert len(entries) == len(theirs) == MANY_FILES
    assert sorted((e.path, e.size) for e in entries) == sorted(
        (f.path, f.file_size) for f in theirs
    )
    assert [e.name for e in entries[:3]] == [
        "part_00000.txt",
        "part_00001.txt",
        "part_00002.txt",
    ]


@pytest.mark.parametrize(
    "path", ["../other-run/artifacts/x", "/etc/passwd", "notes/../../x", "C:/x"]
)
def test_paths_cannot_leave_the_runs_prefix(s3_env, imported, path):
    remote = load(imported, "s3-run").remotes["run"]
    with pytest.raises(RemoteArtifactError, match="Refused"):
        remote.fetch_file(path)
    with pytest.raises(RemoteArtifactError, match="Refused"):
        remote.list_folder(path)


def test_a_download_can_be_cancelled_and_leaves_nothing(s3_env, imported):
    remote = load(imported, "s3-run").remotes["run"]
    seen: list[int] = []
    with pytest.raises(Cancelled):
        remote.fetch_file(
            "bin/weights.bin",
            progress=lambda done, _total: seen.append(done),
            cancelled=lambda: bool(seen),
        )
    assert seen
    assert seen[-1] < 1 << 20
    folder = Path(remote.cache_root) / "bin"
    assert not any(folder.iterdir())  # no partial file, no cached copy
    assert remote.fetch_file("bin/weights.bin").stat().st_size == 1 << 20


def secrets_absent(message: str) -> None:
    for secret in ("testing-key-id", "testing-secret-key", "Traceback"):
        assert secret not in message


def test_missing_credentials_are_explained_naming_the_bucket(
    s3_env, imported, monkeypatch
):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    artifacts = load(imported, "s3-run")
    assert artifacts.entries == ()
    message = artifacts.listing_error
    assert f"No AWS credentials were found to read bucket '{BUCKET}'" in message
    assert "AWS_PROFILE" in message


def test_a_wrong_endpoint_is_explained_naming_bucket_and_endpoint(
    s3_env, imported, monkeypatch
):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    monkeypatch.setenv("MLFLOW_S3_ENDPOINT_URL", f"http://user:pw@127.0.0.1:{port}")
    message = load(imported, "s3-run").listing_error
    assert message.startswith(f"Cannot connect to http://127.0.0.1:{port}")
    assert f"bucket '{BUCKET}'" in message
    assert "pw" not in message
    secrets_absent(message)


def test_access_denied_is_explained_naming_the_bucket(
    s3_env, s3_server, imported, monkeypatch
):
    import boto3
    from moto.core.authorization import enable_iam_authentication

    iam = boto3.client("iam", endpoint_url=s3_server.endpoint)
    iam.create_user(UserName="no-rights")
    key = iam.create_access_key(UserName="no-rights")["AccessKey"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
    with enable_iam_authentication():
        message = load(imported, "s3-run").listing_error
    assert message.startswith(f"Access to bucket '{BUCKET}' at {s3_env} was denied")
    assert "AccessDenied" in message
    assert key["SecretAccessKey"] not in message
    assert key["AccessKeyId"] not in message


def test_a_missing_bucket_is_named(s3_env, imported, s3_server, monkeypatch, tmp_path):
    other = s3_server.client()
    other.create_bucket(Bucket="emptied-bucket")
    other.delete_bucket(Bucket="emptied-bucket")
    from desktop.services.cloud_artifacts import cloud_root

    _, bucket = cloud_root("run", "Run", "s3://emptied-bucket/x", "runs:/x")
    with pytest.raises(RemoteArtifactError) as caught:
        bucket.list_folder("")
    assert str(caught.value) == (
        f"Bucket 'emptied-bucket' does not exist at {s3_server.endpoint}."
    )


def test_nothing_secret_is_logged_even_at_debug_level(s3_env, imported, caplog):
    import logging

    with caplog.at_level(logging.DEBUG):
        remote = load(imported, "s3-run").remotes["run"]
        remote.fetch_file("config.yaml")
    logged = caplog.text
    assert "testing-secret-key" not in logged
    assert "testing-key-id" not in logged


def test_a_named_profile_in_the_aws_files_is_used(
    s3_env, s3_runs, imported, monkeypatch, tmp_path
):
    """``AWS_PROFILE`` picks a profile of the shared credentials file, as for
    MLflow (no keys in the environment)."""
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[team]\naws_access_key_id = profile-key\n"
        "aws_secret_access_key = profile-secret\n"
    )
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.setenv("AWS_PROFILE", "team")
    artifacts = load(imported, "s3-run")
    assert artifacts.listing_error is None
    notes = artifacts.remotes["run"].fetch_file("notes/notes.txt")
    assert notes.read_text("utf-8") == NOTES
    monkeypatch.setenv("AWS_PROFILE", "nobody")
    message = load(imported, "s3-run").listing_error
    assert message == (
        "The AWS profile named in AWS_PROFILE was not found in ~/.aws; bucket "
        f"'{BUCKET}' cannot be read."
    )
