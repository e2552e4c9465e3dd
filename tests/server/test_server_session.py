"""The main window signs in to servers in the session it was given by the
composition root (issue 18, seam 5), not in a module-level cache."""

from __future__ import annotations

import functools

import pytest

from desktop.services import importing_server
from desktop.services.catalog import Catalog
from desktop.services.import_pipeline import ImportOptions
from desktop.services.live_poller import LivePoller
from desktop.services.sources import run_source_import
from desktop.sources.tracking_server import client, credentials
from desktop.sources.tracking_server.client import TrackingClient
from desktop.sources.tracking_server.credentials import (
    BASIC,
    TOKEN,
    Connection,
    SessionCredentials,
)
from desktop.store import queries
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.server.mlflow_server import ADMIN, ADMIN_PASSWORD
from tests.server.test_server_gui import (
    choose_auth,
    open_dialog,
    press_connect,
    type_into,
)

URL = "http://127.0.0.1:9"  # nothing listens: the sync fails at once


@pytest.fixture
def no_backoff(monkeypatch) -> None:
    """Retries of a refused connection follow at once (not after 0.5 + 1 + 2 + 4 s)."""
    monkeypatch.setattr(
        client, "default_retry", functools.partial(client.default_retry, backoff=0)
    )


def test_the_connect_dialog_and_the_sync_use_the_windows_session(
    qtbot, store, monkeypatch, no_backoff
) -> None:
    used: list[Connection] = []

    class Client(TrackingClient):
        def __init__(self, connection: Connection, **kwargs: object) -> None:
            used.append(connection)
            super().__init__(connection, **kwargs)

    monkeypatch.setattr(importing_server, "TrackingClient", Client)
    session = SessionCredentials()
    win = MainWindow(store, Settings(), credentials=session)
    qtbot.addWidget(win)
    win.show()
    dialog = open_dialog(qtbot, win)
    type_into(qtbot, dialog.url_edit, URL)
    choose_auth(qtbot, dialog, "Access token")
    type_into(qtbot, dialog.token_edit, "tok")
    with qtbot.waitSignal(win.import_finished, timeout=60_000):
        press_connect(qtbot, dialog)
    remembered = session.remembered(URL)
    assert remembered is not None
    assert (remembered.auth, remembered.secret) == (TOKEN, "tok")
    assert credentials.SESSION.remembered(URL) is None  # nobody else's session
    assert used == [remembered]  # the sync signed in with it


def test_credentials_in_an_imported_url_stay_in_the_windows_session(
    qtbot, store, no_backoff
) -> None:
    session = SessionCredentials()
    win = MainWindow(store, Settings(), credentials=session)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.import_finished, timeout=60_000):
        win.import_paths([URL.replace("http://", "http://bob:pw@")])
    remembered = session.remembered(URL)
    assert remembered is not None
    assert (remembered.username, remembered.secret) == ("bob", "pw")
    assert credentials.SESSION.remembered(URL) is None


@pytest.fixture(scope="module")
def secured_run(secured_server):
    """The basic-auth server with one run (a metric and an artifact) logged by the
    admin."""
    from mlflow import MlflowClient

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_TRACKING_USERNAME", ADMIN)
        patch.setenv("MLFLOW_TRACKING_PASSWORD", ADMIN_PASSWORD)
        client = MlflowClient(tracking_uri=secured_server.url)
        exp = client.create_experiment("session-exp")
        run = client.create_run(exp, run_name="session-run").info.run_id
        client.log_metric(run, "loss", 0.5, step=0)
        client.log_text(run, "signed in", "notes.txt")
    return secured_server, run


def log_as_admin(url: str, run: str, step: int) -> None:
    from mlflow import MlflowClient

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_TRACKING_USERNAME", ADMIN)
        patch.setenv("MLFLOW_TRACKING_PASSWORD", ADMIN_PASSWORD)
        MlflowClient(tracking_uri=url).log_metric(run, "loss", 0.25, step=step)


def test_artifacts_and_live_refresh_sign_in_with_the_windows_session(
    qtbot, store, secured_run
) -> None:
    """Only the window's session knows the password (not ``credentials.SESSION``,
    not the environment): artifact listings and live refresh sign in with it."""
    server, run = secured_run
    session = SessionCredentials()
    session.remember(
        Connection(server.url, auth=BASIC, username=ADMIN, secret=ADMIN_PASSWORD),
        keyring=None,
    )
    win = MainWindow(store, Settings(), credentials=session)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.import_finished, timeout=60_000) as finished:
        win.import_paths([server.url])
    assert not finished.args[0].auth_failed
    catalog = win.catalog
    assert catalog.session is session
    assert credentials.SESSION.remembered(server.url) is None
    (pk,) = [r.pk for r in _runs(catalog) if r.run_id == run]

    artifacts = catalog.run_artifacts(pk)
    assert artifacts is not None
    assert artifacts.listing_error is None
    assert [e.name for e in artifacts.entries] == ["notes.txt"]

    log_as_admin(server.url, run, step=1)
    poller = LivePoller(catalog)
    poller.server_seconds = 0
    reports, errors = poller.cycle()
    assert errors == []
    assert [(r.problems, r.auth_failed) for r in reports] == [([], False)]
    assert list(catalog.metric_histories(pk, ["loss"])["loss"].steps) == [0, 1]


def test_a_new_session_is_not_signed_in(store, secured_run) -> None:
    """Another session (a catalog given a fresh one) does not borrow those
    sign-ins: its artifact listing and live refresh get the server's 401."""
    server, run = secured_run
    signed_in = SessionCredentials()
    signed_in.remember(
        Connection(server.url, auth=BASIC, username=ADMIN, secret=ADMIN_PASSWORD),
        keyring=None,
    )
    report = run_source_import(store, server.url, ImportOptions(credentials=signed_in))
    assert not report.auth_failed
    catalog = Catalog(store, SessionCredentials())
    (pk,) = [r.pk for r in _runs(catalog) if r.run_id == run]
    artifacts = catalog.run_artifacts(pk)
    assert artifacts is not None
    assert artifacts.listing_error is not None
    assert "401" in artifacts.listing_error
    poller = LivePoller(catalog)
    reports, _errors = poller.cycle()
    assert [r.auth_failed for r in reports] == [True]


def _runs(catalog: Catalog):
    experiments = catalog.sources_and_experiments()[1]
    with catalog.store.engine.connect() as conn:
        pks = queries.run_pks(conn, [e.pk for e in experiments])
        return queries.run_details(conn, pks)
