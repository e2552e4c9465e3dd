"""Azure specifics: runs whose artifact URI is ``abfss://`` (Azure Data Lake
Storage Gen2), read through the account's Blob endpoint; the endpoint named by a
connection string; the Azurite that CI installs.

Azurite has no Data Lake (DFS) endpoint, and MLflow's Data Lake repository
always connects to ``https://<account>.<suffix>``, so MLflow cannot log there.
A hierarchical-namespace account shows the same files at its Blob endpoint:
the files are logged by MLflow's Blob repository at the run's path, and the
app reads the run's ``abfss://`` URI from Azurite through the connection string.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.sources.cloud.azure import AzureStore
from desktop.sources.cloud.location import parse_cloud_uri
from desktop.store.database import open_store
from desktop.store.schema import Run
from tests.cloud.emulators import (
    AZURE_ACCOUNT,
    AZURE_CONTAINER,
    AZURE_KEY,
    azure_variables,
)
from tests.cloud.mlflow_s3 import NOTES, environment
from tests.cloud.test_s3_artifacts import mlflow_recursive, ours_recursive

# Emulators on loopback with real MLflow logging there, and retries against one that
# is down: tens of seconds, so out of the inner loop (S3's moto tests stay in it).
pytestmark = pytest.mark.slow

LAKE = f"abfss://{AZURE_CONTAINER}@{AZURE_ACCOUNT}.dfs.core.windows.net/lake"


@pytest.fixture(scope="module")
def lake(azurite, tmp_path_factory) -> Iterator[tuple]:
    """(store, run's abfss URI, MLflow's Blob repository of the same path)."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient
    from mlflow.store.artifact.azure_blob_artifact_repo import (
        AzureBlobArtifactRepository,
    )

    base = tmp_path_factory.mktemp("lake")
    client = MlflowClient(tracking_uri=(base / "mlruns").as_uri())
    exp = client.create_experiment("lake", artifact_location=LAKE)
    run = client.create_run(exp, run_name="lake-run").info.run_id
    uri = client.get_run(run).info.artifact_uri
    blob_uri = uri.replace("abfss://", "wasbs://").replace(".dfs.", ".blob.")
    (base / "nested").mkdir()
    (base / "nested" / "notes.txt").write_text(NOTES, "utf-8")
    (base / "config.yaml").write_text("lr: 0.01\n")
    with environment(azure_variables(azurite.blob_endpoint)):
        repo = AzureBlobArtifactRepository(blob_uri)
        repo.log_artifact(str(base / "config.yaml"))
        repo.log_artifacts(str(base / "nested"), "nested")
    store = open_store(base / "store.db")
    run_import(store, str(base / "mlruns"))
    yield store, uri, repo
    store.close()


def test_an_abfss_run_is_read_through_the_blob_endpoint(lake, azure_env):
    store, uri, repo = lake
    assert uri.startswith(f"{LAKE}/")
    with store.engine.connect() as conn:
        pk = conn.execute(select(Run.id).where(Run.run_name == "lake-run")).scalar_one()
    artifacts = Catalog(store).run_artifacts(pk)
    assert artifacts.listing_error is None
    assert artifacts.root.uri == uri
    remote = artifacts.remotes["run"]
    assert ours_recursive(remote) == mlflow_recursive(repo.list_artifacts)
    assert remote.fetch_file("nested/notes.txt").read_text("utf-8") == NOTES


def without_connection_string(monkeypatch) -> None:
    for name in (
        "AZURE_STORAGE_CONNECTION_STRING",
        "AZURE_STORAGE_ACCESS_KEY",
        "AZURE_STORAGE_SAS_TOKEN",
    ):
        monkeypatch.delenv(name, raising=False)


def read_notes(store: AzureStore, uri: str, azurite) -> str:
    """The run's notes read from Azurite with the store's own credential (its
    ``https://<account>`` URL pointed at the emulator)."""
    location = parse_cloud_uri(uri)
    assert location is not None
    store.account_url = azurite.blob_endpoint
    listed = {item.key for item in store.list_level(location.folder_prefix([]))}
    assert location.key(["config.yaml"]) in listed
    chunks, _ = store.read(location.key(["nested", "notes.txt"]))
    return b"".join(chunks).decode("utf-8")


def test_abfss_takes_the_sas_token_as_mlflows_data_lake_repository(
    lake, azurite, monkeypatch
):
    """Without a connection string or key: ``AZURE_STORAGE_SAS_TOKEN`` for
    ``abfss://`` (MLflow's Data Lake repository reads it), not for ``wasbs://``
    (MLflow's Blob repository does not)."""
    from azure.storage.blob import (
        AccountSasPermissions,
        ResourceTypes,
        generate_account_sas,
    )

    _, uri, _ = lake
    without_connection_string(monkeypatch)
    sas = generate_account_sas(
        AZURE_ACCOUNT,
        AZURE_KEY,
        ResourceTypes(container=True, object=True),
        AccountSasPermissions(read=True, list=True),
        expiry=datetime.now(UTC) + timedelta(hours=1),
    )
    monkeypatch.setenv("AZURE_STORAGE_SAS_TOKEN", f"?{sas}")
    location = parse_cloud_uri(uri)
    assert location is not None
    store = AzureStore(location.bucket, location.host, location.scheme)
    assert store.account_url == f"https://{AZURE_ACCOUNT}.blob.core.windows.net"
    assert read_notes(store, uri, azurite) == NOTES
    blob = AzureStore(AZURE_CONTAINER, f"{AZURE_ACCOUNT}.blob.core.windows.net")
    assert type(blob._credential()).__name__ == "DefaultAzureCredential"


def test_the_access_key_is_used_without_a_connection_string(lake, azurite, monkeypatch):
    _, uri, _ = lake
    without_connection_string(monkeypatch)
    monkeypatch.setenv("AZURE_STORAGE_ACCESS_KEY", AZURE_KEY)
    location = parse_cloud_uri(uri)
    assert location is not None
    store = AzureStore(location.bucket, location.host, location.scheme)
    assert read_notes(store, uri, azurite) == NOTES


def test_ci_installs_the_azurite_the_tests_start():
    """``.ci/azurite`` (run by ``.ci/run`` and the workflow) installs the version
    and folder that tests/cloud/emulators.py looks for."""
    from pathlib import Path

    from tests.cloud.emulators import AZURITE_VERSION

    script = (Path(__file__).parents[2] / ".ci" / "azurite").read_text()
    assert f"\nversion={AZURITE_VERSION}\n" in script
    assert "MLFLOW_DESKTOP_AZURITE_PREFIX" in script
    assert "mlflow-desktop-ci/azurite-$version" in script


@pytest.mark.parametrize(
    ("connection", "endpoint"),
    [
        (
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=k==;"
            "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
            "127.0.0.1:10000/devstoreaccount1",
        ),
        (
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=k==;"
            "EndpointSuffix=core.chinacloudapi.cn",
            "acct.blob.core.chinacloudapi.cn",
        ),
        ("AccountName=acct;AccountKey=k==", "acct.blob.core.windows.net"),
        (
            "BlobEndpoint=https://u:p@acct.blob.core.windows.net/;"
            "SharedAccessSignature=sv=1&sig=secret",
            "acct.blob.core.windows.net",
        ),
        ("", None),
        ("garbage", None),
    ],
)
def test_the_connection_strings_endpoint_is_named(connection, endpoint):
    from desktop.sources.cloud.azure import connection_endpoint

    assert connection_endpoint(connection) == endpoint


def test_messages_and_cache_follow_the_connection_strings_endpoint(monkeypatch):
    monkeypatch.setenv(
        "AZURE_STORAGE_CONNECTION_STRING",
        "AccountName=devstoreaccount1;AccountKey=k==;"
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1",
    )
    store = AzureStore(AZURE_CONTAINER, "teamaccount.blob.core.windows.net")
    assert store.host == "127.0.0.1:10000/devstoreaccount1"
    assert store.identity == f"azure/127.0.0.1:10000/devstoreaccount1/{AZURE_CONTAINER}"
