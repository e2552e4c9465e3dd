"""The Artifacts tab on runs whose artifacts MLflow logged to S3 (moto on
loopback): the tree, previews, the model card, saving and errors, as a user sees
them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.store.database import Store, open_store
from desktop.store.schema import Run
from desktop.ui import i18n
from desktop.ui.detail.artifact_tree import IDLE, LOADED
from desktop.ui.detail.artifacts_panel import ArtifactsPanel
from tests.cloud.mlflow_s3 import BUCKET, NOTES


@pytest.fixture(scope="module")
def imported(s3_runs, tmp_path_factory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("s3-panel") / "store.db")
    run_import(store, str(s3_runs.root))
    yield store
    store.close()


@pytest.fixture(scope="module")
def runs(imported) -> dict[str, int]:
    with imported.engine.connect() as conn:
        return {name: pk for pk, name in conn.execute(select(Run.id, Run.run_name))}


@pytest.fixture
def panel(qtbot, imported, s3_env) -> Iterator[ArtifactsPanel]:
    widget = ArtifactsPanel(Catalog(imported))
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    yield widget
    qtbot.waitUntil(lambda: not widget.is_busy(), timeout=15000)


def idle(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=20000)


def show_run(qtbot, panel, runs, name) -> None:
    panel.set_run(runs[name])
    idle(qtbot, panel)


def pick(qtbot, panel, path):
    panel.select_path(path)
    idle(qtbot, panel)
    return panel.current_widget()


def top_rows(panel) -> list[str]:
    model = panel.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_tree_lists_the_bucket_lazily(qtbot, panel, runs, s3_runs):
    show_run(qtbot, panel, runs, "s3-run")
    assert top_rows(panel) == [
        "Logged models (1)",
        "bin",
        "images",
        "nested",
        "notes",
        "config.yaml",
        "summary.json",
    ]
    assert panel.root_label.path() == s3_runs.artifact_uri
    assert panel.root_label.toolTip().startswith(
        f"Artifacts in a cloud bucket: {s3_runs.artifact_uri}\nDownloaded when opened"
    )
    config = panel.model.child_named(None, "config.yaml")
    assert panel.model.index_of(config, 1).data() == "20 bytes"
    assert panel.model.index_of(config, 2).data().startswith("20")  # S3's time
    nested = panel.model.child_named(None, "nested")
    assert nested.state == IDLE  # not listed until expanded
    panel.tree.expand(panel.model.index_of(nested))
    qtbot.waitUntil(lambda: nested.state == LOADED)
    assert [c.name for c in nested.children] == ["deeper"]


def test_files_preview_after_their_download(qtbot, panel, runs):
    show_run(qtbot, panel, runs, "s3-run")
    text = pick(qtbot, panel, "notes/notes.txt")
    assert text.objectName() == "textPreview"
    assert panel.text_preview.text() == NOTES
    image = pick(qtbot, panel, "images/gradient.png")
    assert image.objectName() == "imagePreview"
    assert image.image_size == (64, 48)
    deep = pick(qtbot, panel, "nested/deeper/summary.txt")
    assert deep.objectName() == "textPreview"
    assert panel.text_preview.text() == "deeply nested\n"


def test_a_newer_selection_replaces_a_running_download(qtbot, panel, runs):
    show_run(qtbot, panel, runs, "s3-run")
    panel.select_path("bin/weights.bin")
    panel.select_path("config.yaml")
    idle(qtbot, panel)
    assert panel.current_widget().objectName() == "textPreview"
    assert panel.text_preview.text() == "lr: 0.01\nepochs: 30\n"


def test_the_model_card_reads_the_models_bucket_prefix(qtbot, panel, runs, s3_runs):
    show_run(qtbot, panel, runs, "s3-run")
    node = panel.model.group.children[0]
    rect = panel.tree.visualRect(panel.model.index_of(node))
    qtbot.mouseClick(panel.tree.viewport(), Qt.LeftButton, pos=rect.center())
    idle(qtbot, panel)
    card = panel.current_widget()
    assert card.objectName() == "modelCard"
    assert s3_runs.model_id in card.text()
    assert "python_function, sklearn" in card.text()


def test_save_a_copy_downloads_the_file(
    qtbot, panel, runs, s3_runs, monkeypatch, tmp_path
):
    from mlflow import MlflowClient

    show_run(qtbot, panel, runs, "s3-run")
    pick(qtbot, panel, "bin/weights.bin")
    target = tmp_path / "weights-copy.bin"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "")
    )
    qtbot.mouseClick(panel.tool_buttons[2], Qt.LeftButton)  # save a copy
    idle(qtbot, panel)
    theirs = MlflowClient(tracking_uri=s3_runs.root.as_uri()).download_artifacts(
        s3_runs.run_id, "bin/weights.bin", str(tmp_path / "mlflow")
    )
    assert target.read_bytes() == Path(theirs).read_bytes()


@pytest.fixture
def korean(qapp, monkeypatch):
    monkeypatch.setenv(i18n.LANG_ENV, "ko")
    i18n.install_translators(i18n.resolve_language(None))
    yield
    i18n.install_translators(i18n.ENGLISH)


def test_missing_credentials_are_explained_in_korean(
    qtbot, panel, runs, monkeypatch, korean
):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    show_run(qtbot, panel, runs, "s3-run")
    text = panel.current_widget().text()
    assert f"'{BUCKET}'" in text
    assert "AWS 자격 증명" in text
    assert "Traceback" not in text
    assert "testing-secret-key" not in text
    assert f"'{BUCKET}'" in top_rows(panel)[-1]
