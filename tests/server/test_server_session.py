"""The main window signs in to servers in the session it was given by the
composition root (issue 18, seam 5), not in a module-level cache."""

from __future__ import annotations

from desktop.services import importing_server
from desktop.sources.tracking_server import credentials
from desktop.sources.tracking_server.client import TrackingClient
from desktop.sources.tracking_server.credentials import (
    TOKEN,
    Connection,
    SessionCredentials,
)
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.server.test_server_gui import (
    choose_auth,
    open_dialog,
    press_connect,
    type_into,
)

URL = "http://127.0.0.1:9"  # nothing listens: the sync fails at once


def test_the_connect_dialog_and_the_sync_use_the_windows_session(
    qtbot, store, monkeypatch
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
    qtbot, store
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
