"""Fixtures: one moto S3 server per session, and runs MLflow logged into it."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.cloud.mlflow_s3 import (
    S3Runs,
    S3Server,
    environment,
    s3_variables,
    write_s3_runs,
)

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
