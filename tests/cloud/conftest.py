"""Fixtures: one moto S3 server, one GCS emulator and one Azurite per session,
and runs MLflow logged into each."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.cloud.emulated import emulated, emulated_store  # noqa: F401 (fixtures)
from tests.cloud.emulators import (
    AZURE_ACCOUNT,
    AZURE_CONTAINER,
    GCS_BUCKET,
    AzuriteServer,
    GcsServer,
    azure_variables,
    gcs_variables,
    require_azurite,
)
from tests.cloud.mlflow_s3 import (
    PREFIX,
    S3Runs,
    S3Server,
    environment,
    s3_variables,
    write_runs,
    write_s3_runs,
)

EMULATED_MANY_FILES = 1_100
"""The big folder of the emulated stores: more than one listing page of the
lowered page size of tests/cloud/test_emulated_artifacts.py."""

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Starting the server and logging through it take tens of seconds.
SLOW_FIXTURES = frozenset({"s3_server", "s3_runs"})


@pytest.hookimpl(tryfirst=True)  # before ``-m`` selects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the S3 server are ``slow``."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """moto's S3-compatible server on a free loopback port."""
    server = S3Server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def s3_runs(s3_server, tmp_path_factory) -> S3Runs:
    """The runs of tests/cloud/mlflow_s3.py, logged once per session."""
    root = tmp_path_factory.mktemp("s3-store") / "mlruns"
    with environment(s3_variables(s3_server.endpoint)):
        return write_s3_runs(root, s3_server.endpoint)


@pytest.fixture
def s3_env(s3_server, monkeypatch, tmp_path) -> str:
    """The environment of a user pointed at the S3 server (fake keys), with a
    private download cache; the endpoint."""
    for name, value in s3_variables(s3_server.endpoint).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("MLFLOW_DESKTOP_CACHE", str(tmp_path / "cache"))
    return s3_server.endpoint


@pytest.fixture(scope="session")
def gcs_server() -> Iterator[GcsServer]:
    """The GCS emulator on a free loopback port."""
    server = GcsServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def azurite() -> Iterator[AzuriteServer]:
    """Azurite's Blob service on a free loopback port (fails, naming the fix,
    when Azurite is not installed)."""
    server = AzuriteServer(require_azurite())
    yield server
    server.stop()


@pytest.fixture(scope="session")
def gcs_runs(gcs_server, tmp_path_factory) -> S3Runs:
    """The runs of tests/cloud/mlflow_s3.py logged by MLflow's GCS repository."""
    root = tmp_path_factory.mktemp("gcs-store") / "mlruns"
    with environment(gcs_variables(gcs_server.endpoint)):
        return write_runs(
            root,
            f"gs://{GCS_BUCKET}/{PREFIX}",
            gcs_server.endpoint,
            EMULATED_MANY_FILES,
            "gcs",
        )


@pytest.fixture(scope="session")
def azure_runs(azurite, tmp_path_factory) -> S3Runs:
    """The runs of tests/cloud/mlflow_s3.py logged by MLflow's Azure Blob
    repository (``wasbs://``)."""
    root = tmp_path_factory.mktemp("azure-store") / "mlruns"
    location = f"wasbs://{AZURE_CONTAINER}@{AZURE_ACCOUNT}.blob.core.windows.net"
    with environment(azure_variables(azurite.blob_endpoint)):
        return write_runs(
            root, f"{location}/{PREFIX}", azurite.endpoint, EMULATED_MANY_FILES, "azure"
        )


@pytest.fixture
def gcs_env(gcs_server, monkeypatch, tmp_path) -> str:
    """A user pointed at the GCS emulator, with a private download cache."""
    for name, value in gcs_variables(gcs_server.endpoint).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("MLFLOW_DESKTOP_CACHE", str(tmp_path / "cache"))
    return gcs_server.endpoint


@pytest.fixture
def azure_env(azurite, monkeypatch, tmp_path) -> str:
    """A user pointed at Azurite (its connection string), with a private cache."""
    for name in ("AZURE_STORAGE_ACCESS_KEY", "AZURE_STORAGE_SAS_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in azure_variables(azurite.blob_endpoint).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AZURE_BLOB_ENDPOINT", azurite.blob_endpoint)  # for tests
    monkeypatch.setenv("MLFLOW_DESKTOP_CACHE", str(tmp_path / "cache"))
    return azurite.blob_endpoint
