"""File ▸ Connect to server… driven with real clicks and keys, the 401 round trip,
and a server run's artifacts previewed in the run detail."""

from __future__ import annotations

import uuid

import pytest
from mlflow import MlflowClient
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QSpinBox
from sqlalchemy import select

from desktop.store.schema import Experiment, Run
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.gui.conftest import fast_ticks  # noqa: F401
from tests.server.mlflow_server import ADMIN, ADMIN_PASSWORD


@pytest.fixture
def window(qtbot, store):
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.show()
    yield win
    win.importer.cancel()
    win.importer.wait()


def open_dialog(qtbot, win):
    win.connect_server_action.trigger()
    dialog = win.connect_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def type_into(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def press_connect(qtbot, dialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_auth(qtbot, dialog, label: str) -> None:
    combo = dialog.auth_combo
    combo.setFocus()
    while combo.currentText() != label:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def shown_run_names(win) -> set[str]:
    """The run names in the table, child runs unfolded (Unfold all)."""
    win.runs.set_all_unfolded(True)
    model = win.runs.model
    rows = (model.row_data(row) for row in range(model.rowCount()))
    return {row.run_name for row in rows if row is not None}


def show_experiment(qtbot, win, experiment_id: str, location: str) -> None:
    with win.store.engine.connect() as conn:
        pk = conn.scalar(
            select(Experiment.id).where(Experiment.experiment_id == experiment_id)
        )
    qtbot.waitUntil(lambda: win.experiments.select_experiment(pk), timeout=15000)
    qtbot.waitUntil(lambda: win.runs.experiment_pks == (pk,), timeout=15000)
    qtbot.waitUntil(lambda: not win.runs.is_busy(), timeout=15000)


def test_connect_dialog_tests_and_syncs(qtbot, window, server, logged) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.auth_combo.currentData() == "none"
    assert not dialog.remember_box.isEnabled()  # no keyring backend on this machine
    assert "asked again" in dialog.keyring_note.text()
    type_into(qtbot, dialog.url_edit, server.url + "/")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "Connected: MLflow 3." in dialog.test_label.text(), timeout=60000
    )
    assert "experiments" in dialog.test_label.text()
    with qtbot.waitSignal(window.import_finished, timeout=120000) as finished:
        press_connect(qtbot, dialog)
    report = finished.args[0]
    assert report.problems == []
    assert report.root == server.url
    show_experiment(qtbot, window, logged.experiment, server.url)
    qtbot.waitUntil(
        lambda: {"parent-run", "child-run", "failed-run"} <= shown_run_names(window),
        timeout=15000,
    )
    assert window.settings.recent_sources()[0] == server.url


def test_test_button_reports_unreachable_server(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    type_into(qtbot, dialog.url_edit, "http://127.0.0.1:9")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "nothing answers" in dialog.test_label.text(), timeout=60000
    )
    dialog.reject()


def test_401_reopens_the_dialog_then_signs_in(qtbot, window, secured_server) -> None:
    dialog = open_dialog(qtbot, window)
    type_into(qtbot, dialog.url_edit, secured_server.url)
    with qtbot.waitSignal(window.import_finished, timeout=120000) as finished:
        press_connect(qtbot, dialog)
    assert finished.args[0].auth_failed
    qtbot.waitUntil(
        lambda: (
            window.connect_dialog is not dialog and window.connect_dialog.isVisible()
        ),
        timeout=15000,
    )
    again = window.connect_dialog
    assert "sign in" in again.message_label.text()
    assert again.url_edit.text() == secured_server.url
    choose_auth(qtbot, again, "User name and password")
    assert again.password_edit.isVisible()
    assert not again.token_edit.isVisible()
    type_into(qtbot, again.username_edit, ADMIN)
    type_into(qtbot, again.password_edit, ADMIN_PASSWORD)
    with qtbot.waitSignal(window.import_finished, timeout=120000) as finished:
        press_connect(qtbot, again)
    report = finished.args[0]
    assert report.problems == []
    assert not report.auth_failed
    assert report.experiments >= 1


def test_artifacts_tab_previews_a_server_file(qtbot, window, server, logged) -> None:
    window.import_paths([server.url])
    qtbot.waitUntil(lambda: not window.importer.is_running(), timeout=120000)
    show_experiment(qtbot, window, logged.experiment, server.url)
    with window.store.engine.connect() as conn:
        pk = conn.scalar(select(Run.id).where(Run.run_id == logged.parent))
    table = window.runs.table
    qtbot.waitUntil(lambda: pk in window.runs.model.run_pks(), timeout=15000)
    cell = window.runs.model.index(window.runs.model.run_pks().index(pk), 1)
    table.scrollTo(cell)
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(cell).center(),
    )
    panel = window.detail.artifacts_page
    window.detail.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.artifacts is not None, timeout=60000)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=60000)
    assert logged.parent in panel.root_label.toolTip() or "mlflow-artifacts:" in (
        panel.root_label.path()
    )
    model = panel.model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "notes.txt" in names
    assert "reports" in names
    index = model.index(names.index("notes.txt"), 0)
    panel.tree.scrollTo(index)
    rect = panel.tree.visualRect(index)
    qtbot.mouseClick(
        panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    qtbot.waitUntil(
        lambda: (
            panel.current_widget() is panel.text_preview
            and panel.text_preview.text() == "hello from the server\n"
        ),
        timeout=60000,
    )
    # Folders list through the server when expanded.
    folder = model.index(names.index("reports"), 0)
    panel.tree.expand(folder)
    qtbot.waitUntil(lambda: model.rowCount(folder) == 2, timeout=60000)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=60000)


def test_remember_in_keyring_keeps_the_token_out_of_settings(
    qtbot, window, server, tmp_path
) -> None:
    import keyring

    from tests.server.test_server_credentials import MemoryKeyring

    backend = MemoryKeyring()
    keyring.set_keyring(backend)  # the autouse fixture restores the real one
    dialog = open_dialog(qtbot, window)
    assert dialog.remember_box.isEnabled()
    type_into(qtbot, dialog.url_edit, server.url)
    choose_auth(qtbot, dialog, "Access token")
    type_into(qtbot, dialog.token_edit, "tok-SECRET-123")
    qtbot.mouseClick(dialog.remember_box, Qt.MouseButton.LeftButton)
    assert dialog.remember_box.isChecked()
    with qtbot.waitSignal(window.import_finished, timeout=120000) as finished:
        press_connect(qtbot, dialog)
    assert finished.args[0].problems == []
    ((_service, account),) = backend.items
    assert account == server.url
    assert "tok-SECRET-123" in next(iter(backend.items.values()))
    window.settings.sync()
    for path in [tmp_path / "settings.ini", *tmp_path.glob("store.db*")]:
        assert b"tok-SECRET-123" not in path.read_bytes(), path


@pytest.mark.usefixtures("fast_ticks")  # set up before the window
def test_live_refresh_syncs_the_server_at_the_chosen_interval(
    qtbot, window, server
) -> None:
    window.import_paths([server.url])
    qtbot.waitUntil(lambda: not window.importer.is_running(), timeout=120000)
    assert window.live_refresh_action.isChecked()

    def set_five_seconds() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        spin = dialog.findChild(QSpinBox)
        spin.selectAll()
        qtbot.keyClicks(spin, "5")
        qtbot.keyClick(spin, Qt.Key.Key_Return)

    QTimer.singleShot(300, set_five_seconds)
    window.server_interval_action.trigger()  # View ▸ Server refresh interval…
    assert window.live_refresh.server_interval() == 5
    assert window.settings.server_refresh_seconds() == 5

    # The first live poll of the server has happened (it is stamped when it starts;
    # ticks come every 50 ms): the next one is due in 5 s.
    poller = window.live_refresh._poller
    qtbot.waitUntil(
        lambda: poller._last_server_poll and not window.live_refresh.is_busy(),
        timeout=30000,
    )
    client = MlflowClient(tracking_uri=server.url)
    experiment = client.create_experiment(f"live-{uuid.uuid4().hex[:8]}")
    client.create_run(experiment, run_name="pushed-by-trainer")

    def stored() -> bool:
        with window.store.engine.connect() as conn:
            return (
                conn.scalar(select(Run.id).where(Run.run_name == "pushed-by-trainer"))
                is not None
            )

    # Nobody pressed Refresh; at the default 30 s this would take too long.
    qtbot.waitUntil(stored, timeout=15000)
