"""File ▸ Open team database…: a user opens a team's PostgreSQL database with a
read-only role; a wrong password brings the dialog back with the server's
refusal, the right one imports the runs, and no password is saved (slow: a
real PostgreSQL server)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from tests.gui.conftest import wait_for_runs
from tests.team_db.servers import READER_PASSWORD

pytestmark = pytest.mark.slow


def _open(qtbot, dialog, url: str, password: str) -> None:
    dialog.url_edit.clear()
    qtbot.keyClicks(dialog.url_edit, url)
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, password)
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Open).click()


def test_open_team_database_signs_in_and_imports(qtbot, window, pg_server) -> None:
    from mlflow import MlflowClient

    pg_server.create_database("gui_team")
    client = MlflowClient(tracking_uri=pg_server.info.admin_uri("gui_team"))
    exp = client.create_experiment("team-experiment")
    for name in ("alpha", "beta"):
        run = client.create_run(exp, run_name=name)
        client.log_metric(run.info.run_id, "loss", 0.5, step=1)
        client.set_terminated(run.info.run_id)
    url = pg_server.info.reader_url("gui_team", password=False)

    window.open_team_db_action.trigger()
    first = window.team_db_dialog
    assert first is not None
    qtbot.waitUntil(first.isVisible)
    _open(qtbot, first, url, "not-the-password")

    # The server refused: the dialog comes back with the URL and the reason.
    qtbot.waitUntil(
        lambda: (
            window.team_db_dialog is not first
            and window.team_db_dialog is not None
            and window.team_db_dialog.isVisible()
        ),
        timeout=20_000,
    )
    again = window.team_db_dialog
    assert again.message_label.isVisible()
    assert "refused the user name or password" in again.message_label.text()
    assert again.url_edit.text() == url
    _open(qtbot, again, again.url_edit.text(), READER_PASSWORD)
    wait_for_runs(qtbot, window, 2, timeout=30_000)

    recent = window.settings.recent_sources()
    assert recent[0] == url
    assert all(READER_PASSWORD not in s and "not-the-password" not in s for s in recent)


def test_an_invalid_url_is_explained_in_the_dialog(qtbot, window) -> None:
    window.open_team_db_action.trigger()
    dialog = window.team_db_dialog
    qtbot.waitUntil(dialog.isVisible)
    _open(qtbot, dialog, "postgresql://db.example.com", "")
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "names no database" in dialog.error_label.text()
