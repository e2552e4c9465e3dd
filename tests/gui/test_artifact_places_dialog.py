"""Artifact locations… of a team database: the dialog shows what is set, refuses
what cannot be used (saying why) and keeps what the user typed; the flow reads and
writes the setting off the GUI thread (no servers needed: the inner loop)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from desktop.core.artifact_places import ArtifactPlaces
from desktop.services.team_artifacts import places_of, set_places
from desktop.ui.artifact_places import ArtifactPlacesDialog

DB = "postgresql://reader@127.0.0.1:9/mlflow"


def _save(dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Save).click()


@pytest.mark.parametrize(
    ("served", "server_root", "local_root", "said"),
    [
        ("mlflow.example.com", "", "", "tracking server's address"),
        ("http://bob:pw@mlflow:5000", "", "", "Leave the password out"),
        ("", "/srv/mlflow", "", "or neither"),
        ("", "", "/mnt/team", "or neither"),
    ],
)
def test_what_cannot_be_used_is_refused(
    qtbot, served, server_root, local_root, said
) -> None:
    dialog = ArtifactPlacesDialog("mlflow @ db", ArtifactPlaces())
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    qtbot.keyClicks(form.served_by_edit, served)
    qtbot.keyClicks(form.server_root_edit, server_root)
    qtbot.keyClicks(form.local_root_edit, local_root)
    _save(dialog)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert said in dialog.error_label.text()
    assert dialog.result_places is None


def test_the_dialog_shows_and_keeps_the_setting(qtbot) -> None:
    dialog = ArtifactPlacesDialog(
        "mlflow @ db", ArtifactPlaces("http://mlflow:5000", "./mlruns", "/mnt/team")
    )
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert dialog.windowTitle() == "Artifact locations of mlflow @ db"
    assert form.served_by_edit.text() == "http://mlflow:5000"
    assert form.server_root_edit.text() == "./mlruns"
    assert form.local_root_edit.text() == "/mnt/team"
    form.served_by_edit.clear()
    _save(dialog)
    assert not dialog.isVisible()
    assert dialog.result_places == ArtifactPlaces(None, "./mlruns", "/mnt/team")


def test_the_flow_reads_and_writes_on_the_pool(qtbot, window) -> None:
    flow = window.artifact_places_flow
    assert flow is not None
    set_places(window.store, DB, ArtifactPlaces("http://mlflow:5000"))
    saved: list[str] = []
    flow.saved.connect(saved.append)
    flow.edit(DB, "mlflow @ 127.0.0.1")
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible())
    dialog = flow.dialog
    assert dialog.form.served_by_edit.text() == "http://mlflow:5000"
    qtbot.keyClicks(dialog.form.server_root_edit, "/srv/mlflow")
    qtbot.keyClicks(dialog.form.local_root_edit, "/mnt/team")
    _save(dialog)
    qtbot.waitUntil(lambda: saved == [DB] and not flow.is_busy())
    assert places_of(window.store, DB) == ArtifactPlaces(
        "http://mlflow:5000", "/srv/mlflow", "/mnt/team"
    )
