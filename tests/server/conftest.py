"""Fixtures: real ``mlflow server`` processes (started once per session) and a
clean credential environment for every test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import keyring
import pytest
from keyring.backends import fail

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.sources.tracking_server import credentials
from desktop.ui.settings import SETTINGS_ENV, Settings
from tests.server.mlflow_server import (
    Logged,
    MlflowServer,
    auth_server,
    populate,
)


@pytest.fixture(scope="session", autouse=True)
def _quiet_mlflow() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_DISABLE_TELEMETRY", "true")
        patch.setenv("DO_NOT_TRACK", "true")
        yield


@pytest.fixture
def new_session(monkeypatch) -> Callable[[], credentials.SessionCredentials]:
    """Start a new session of the app: fresh session credentials
    (``credentials.SESSION``, which the command line and a window built without
    one use)."""

    def start() -> credentials.SessionCredentials:
        session = credentials.SessionCredentials()
        monkeypatch.setattr(credentials, "SESSION", session)
        return session

    return start


@pytest.fixture(autouse=True)
def clean_credentials(tmp_path, monkeypatch, new_session) -> Iterator[None]:
    """No MLflow credentials or keyring from the machine; private cache, settings
    and session."""
    for name in list(os.environ):
        if name.startswith("MLFLOW_TRACKING_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MLFLOW_DESKTOP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "settings.ini"))
    assert Settings()._s.fileName() == str(tmp_path / "settings.ini")
    new_session()
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # as on a machine without a keyring
    yield
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def server_data(tmp_path_factory) -> Iterator[tuple[MlflowServer, Logged]]:
    """A plain server (SQLite backend, proxied artifacts) with runs logged."""
    server = MlflowServer(tmp_path_factory.mktemp("mlflow-server")).start()
    try:
        yield server, populate(server.url)
    finally:
        server.kill()


@pytest.fixture
def server(server_data) -> MlflowServer:
    """The shared server, running (restarted if a test killed it)."""
    running = server_data[0]
    if running.process is None:
        running.start()
    return running


@pytest.fixture
def logged(server_data) -> Logged:
    return server_data[1]


@pytest.fixture(scope="session")
def secured_server(tmp_path_factory) -> Iterator[MlflowServer]:
    """A server with MLflow's basic-auth app (admin password in a temp config).

    The auth app needs Flask-WTF: the dev dependencies install ``mlflow[auth]``.
    """
    server = auth_server(tmp_path_factory.mktemp("mlflow-auth")).start()
    try:
        yield server
    finally:
        server.kill()
