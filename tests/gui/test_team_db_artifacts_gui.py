"""A team database whose artifacts a tracking server keeps: the Artifacts tab says
what to set; the user sets the server in the database's Artifact locations… (the
tab's button, and the database's context menu in the Experiments list) and the
files show (slow: real PostgreSQL
and a real ``mlflow server`` proxying the artifacts)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from sqlalchemy import select

from desktop.store.schema import Run
from tests.gui.conftest import wait_for_runs
from tests.team_db.fixtures import NOTES, ProxiedTeam

pytestmark = pytest.mark.slow


def _choose_in_context_menu(qtbot, window, text: str) -> None:
    tree = window.experiments.tree
    source = tree.model().index(0, 0)
    chosen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        chosen.extend(a.text() for a in menu.actions())
        action = next(a for a in menu.actions() if a.text() == text)
        menu.close()
        action.trigger()

    QTimer.singleShot(200, choose)
    tree.customContextMenuRequested.emit(tree.visualRect(source).center())
    qtbot.waitUntil(lambda: bool(chosen), timeout=10_000)


def _show_artifacts_of(qtbot, window, run_id: str):
    with window.store.engine.connect() as conn:
        pk = conn.scalar(select(Run.id).where(Run.run_id == run_id))
    table, model = window.runs.table, window.runs.model
    qtbot.waitUntil(lambda: pk in model.run_pks(), timeout=15_000)
    cell = model.index(model.run_pks().index(pk), 1)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(cell).center()
    )
    # The dock shows the run's tabs first (until its overview is read it shows a
    # message instead), then the user picks the Artifacts tab.
    dock = window.detail
    qtbot.waitUntil(
        lambda: dock.run_pk == pk
        and not dock.is_loading()
        and dock.stack.currentWidget() is dock.tabs,
        timeout=15_000,
    )
    panel = window.detail.artifacts_page
    window.detail.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.artifacts is not None, timeout=30_000)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=30_000)
    return panel


def test_the_user_sets_the_server_that_serves_the_artifacts(
    qtbot, window, proxied_team: ProxiedTeam
) -> None:
    window.import_paths([proxied_team.url])
    wait_for_runs(qtbot, window, 1, timeout=60_000)
    panel = _show_artifacts_of(qtbot, window, proxied_team.run_id)
    assert panel.preview.currentWidget() is panel.message
    assert panel.message.title.text() == "The artifacts are not on this computer"
    said = panel.message.detail.text()
    assert "mlflow-artifacts:/" in said
    assert "'Artifacts served by'" in said
    assert "Artifact locations…" in said
    button = panel.message.action
    assert button.isVisible()
    assert button.text() == "Artifact locations…"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    flow = window.artifact_places_flow
    qtbot.waitUntil(
        lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=10_000
    )
    dialog = flow.dialog
    assert dialog.form.served_by_edit.text() == ""
    # Half a folder mapping is refused, saying why.
    qtbot.keyClicks(dialog.form.server_root_edit, "/srv/mlflow")
    save = dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Save
    )
    save.click()
    assert dialog.isVisible()
    assert "or neither" in dialog.error_label.text()
    dialog.form.server_root_edit.clear()
    qtbot.keyClicks(dialog.form.served_by_edit, proxied_team.tracking.url)
    save.click()
    assert not dialog.isVisible()
    # Saved, then the database re-imported: wait for both before looking.
    qtbot.waitUntil(lambda: not flow.is_busy(), timeout=10_000)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=60_000)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=60_000)

    model = panel.model

    def names() -> list[str]:
        return [model.index(r, 0).data() for r in range(model.rowCount())]

    qtbot.waitUntil(lambda: "notes.txt" in names(), timeout=60_000)
    index = model.index(names().index("notes.txt"), 0)
    qtbot.mouseClick(
        panel.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.tree.visualRect(index).center(),
    )
    qtbot.waitUntil(
        lambda: (
            panel.current_widget() is panel.text_preview
            and panel.text_preview.text() == NOTES
        ),
        timeout=60_000,
    )
    assert not panel.message.action.isVisible()
    # Kept for the source, and offered again next time (from the tree's menu).
    _choose_in_context_menu(qtbot, window, "Artifact locations…")
    qtbot.waitUntil(
        lambda: flow.dialog is not dialog and flow.dialog.isVisible(), timeout=10_000
    )
    assert flow.dialog.form.served_by_edit.text() == proxied_team.tracking.url
    flow.dialog.reject()


def test_the_open_dialog_takes_a_mounted_artifact_folder(
    qtbot, window, proxied_team: ProxiedTeam, tmp_path
) -> None:
    import shutil

    from desktop.services.team_artifacts import places_of
    from tests.team_db.servers import READER_PASSWORD

    mounted = tmp_path / "mnt" / "team"
    shutil.copytree(proxied_team.artifacts, mounted)
    url = proxied_team.url.replace(f":{READER_PASSWORD}@", "@")
    window.open_team_db_action.trigger()
    dialog = window.team_db_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.url_edit, url)
    qtbot.keyClicks(dialog.password_edit, READER_PASSWORD)
    qtbot.keyClicks(dialog.places_form.server_root_edit, "mlflow-artifacts:/")
    qtbot.keyClicks(dialog.places_form.local_root_edit, str(mounted))
    dialog.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Open
    ).click()
    wait_for_runs(qtbot, window, 1, timeout=60_000)
    kept = places_of(window.store, url)
    assert (kept.server_root, kept.local_root) == ("mlflow-artifacts:/", str(mounted))
    assert kept.served_by is None
    panel = _show_artifacts_of(qtbot, window, proxied_team.run_id)
    names = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert names == ["plots", "notes.txt"]
    assert str(mounted) in panel.artifacts.root.path
    assert panel.artifacts.remotes == {}
    recent = window.settings.recent_sources()
    assert recent[0] == url
