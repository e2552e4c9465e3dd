"""The Artifacts tab on runs whose artifacts MLflow logged to the GCS and Azure
emulators: the tree, previews, the model card, saving and errors, as a user
sees them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.services.catalog import Catalog
from desktop.ui.detail.artifacts_panel import ArtifactsPanel
from tests.cloud.emulated import Emulated
from tests.cloud.mlflow_s3 import NOTES
from tests.cloud.test_s3_panel import idle, pick, show_run, top_rows

# Emulators on loopback with real MLflow logging there, and retries against one that
# is down: tens of seconds, so out of the inner loop (S3's moto tests stay in it).
pytestmark = pytest.mark.slow


@pytest.fixture
def panel(qtbot, emulated: Emulated) -> Iterator[ArtifactsPanel]:
    widget = ArtifactsPanel(Catalog(emulated.store))
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    yield widget
    qtbot.waitUntil(lambda: not widget.is_busy(), timeout=15000)


def runs(emulated: Emulated) -> dict[str, int]:
    return {name: emulated.pk(name) for name in (emulated.run_name,)}


def test_the_tree_and_previews(qtbot, panel, emulated: Emulated):
    show_run(qtbot, panel, runs(emulated), emulated.run_name)
    assert top_rows(panel) == [
        "Logged models (1)",
        "bin",
        "images",
        "nested",
        "notes",
        "config.yaml",
        "summary.json",
    ]
    assert panel.root_label.path() == emulated.runs.artifact_uri
    config = panel.model.child_named(None, "config.yaml")
    assert panel.model.index_of(config, 1).data() == "20 bytes"
    text = pick(qtbot, panel, "notes/notes.txt")
    assert text.objectName() == "textPreview"
    assert panel.text_preview.text() == NOTES
    image = pick(qtbot, panel, "images/gradient.png")
    assert image.objectName() == "imagePreview"
    assert image.image_size == (64, 48)
    pick(qtbot, panel, "nested/deeper/summary.txt")
    assert panel.text_preview.text() == "deeply nested\n"


def test_the_model_card_reads_the_models_prefix(qtbot, panel, emulated: Emulated):
    show_run(qtbot, panel, runs(emulated), emulated.run_name)
    node = panel.model.group.children[0]
    rect = panel.tree.visualRect(panel.model.index_of(node))
    qtbot.mouseClick(panel.tree.viewport(), Qt.LeftButton, pos=rect.center())
    idle(qtbot, panel)
    card = panel.current_widget()
    assert card.objectName() == "modelCard"
    assert emulated.runs.model_id in card.text()
    assert "python_function, sklearn" in card.text()


def test_save_a_copy_downloads_the_file(
    qtbot, panel, emulated: Emulated, monkeypatch, tmp_path
):
    show_run(qtbot, panel, runs(emulated), emulated.run_name)
    pick(qtbot, panel, "bin/weights.bin")
    target = tmp_path / "weights-copy.bin"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "")
    )
    qtbot.mouseClick(panel.tool_buttons[2], Qt.LeftButton)  # save a copy
    idle(qtbot, panel)
    theirs = emulated.mlflow().download_artifacts(
        emulated.runs.run_id, "bin/weights.bin", str(tmp_path / "mlflow")
    )
    assert target.read_bytes() == Path(theirs).read_bytes()


def test_an_unreachable_emulator_is_explained(
    qtbot, panel, emulated: Emulated, monkeypatch
):
    from tests.cloud.emulators import azurite_connection_string
    from tests.cloud.test_emulated_artifacts import free_port

    port = free_port()
    if emulated.kind == "gcs":
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", f"http://127.0.0.1:{port}")
    else:
        monkeypatch.setenv(
            "AZURE_STORAGE_CONNECTION_STRING",
            azurite_connection_string(f"http://127.0.0.1:{port}/devstoreaccount1"),
        )
    panel.set_run(emulated.pk(emulated.run_name))
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=40000)
    text = panel.current_widget().text()
    assert f"Cannot connect to http://127.0.0.1:{port}" in text or (
        f"Cannot connect to 127.0.0.1:{port}" in text
    )
    assert f"'{emulated.bucket}'" in text
    assert "Traceback" not in text
