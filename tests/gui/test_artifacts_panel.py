"""The Artifacts panel on a store written by real MLflow: tree, every preview kind,
model cards, actions and refusals of paths outside the artifact folder."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontMetrics, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from sqlalchemy import select

from desktop.services.artifact_browser import format_size
from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.store.database import Store, open_store
from desktop.store.schema import Run
from desktop.ui.detail.artifact_tree import IDLE, LOADED
from desktop.ui.detail.artifacts_panel import ArtifactsPanel
from tests.mlflow_artifacts import (
    CSV_ROWS,
    FEATURES,
    KOREAN_TEXT,
    shared_artifact_store,
)


@pytest.fixture(scope="session")
def written(tmp_path_factory):
    """The MLflow store of tests/mlflow_artifacts.py (written once per session)."""
    return shared_artifact_store(tmp_path_factory)


@pytest.fixture(scope="module")
def imported(tmp_path_factory, written) -> Iterator[Store]:
    """A local store with the written store imported, shared by this module's tests
    (the panel only reads it)."""
    store = open_store(tmp_path_factory.mktemp("artifacts-panel") / "store.db")
    run_import(store, written.root)
    yield store
    store.close()


@pytest.fixture(scope="module")
def runs(imported):
    """Run pks by run name in the imported store."""
    with imported.engine.connect() as conn:
        return {name: pk for pk, name in conn.execute(select(Run.id, Run.run_name))}


@pytest.fixture
def panel(qtbot, imported, runs):
    """An artifacts panel on the shared imported store, shown offscreen."""
    widget = ArtifactsPanel(Catalog(imported))
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    yield widget
    qtbot.waitUntil(lambda: not widget.is_busy(), timeout=15000)


@pytest.fixture
def opened(monkeypatch):
    """URLs handed to the system instead of opening them."""
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(QUrl(url))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", record)
    return urls


def idle(qtbot, panel):
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=15000)


def show_run(qtbot, panel, runs, name):
    panel.set_run(runs[name])
    idle(qtbot, panel)


def pick(qtbot, panel, path):
    panel.select_path(path)
    idle(qtbot, panel)
    return panel.current_widget()


def top_rows(panel):
    model = panel.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_tree_lists_files_lazily_with_sizes_and_times(qtbot, panel, runs, written):
    show_run(qtbot, panel, runs, "demo")
    rows = top_rows(panel)
    assert rows[0] == "Logged models (1)"
    assert rows[1:8] == ["bin", "config", "data", "images", "logs", "notes", "reports"]
    model = panel.model
    readme = model.child_named(None, "README.md")
    size = (written.demo_artifacts / "README.md").stat().st_size
    assert model.index_of(readme, 1).data() == format_size(size)
    assert model.index_of(readme, 2).data().startswith("20")
    images = model.child_named(None, "images")
    assert images.state == IDLE  # not listed until expanded
    assert model.hasChildren(model.index_of(images))
    panel.tree.expand(model.index_of(images))
    qtbot.waitUntil(lambda: images.state == LOADED)
    assert [c.name for c in images.children] == [
        "anim.gif",
        "bitmap.bmp",
        "diagram.svg",
        "gradient.png",
        "photo.jpg",
    ]
    assert panel.root_label.path() == str(written.demo_artifacts)


def test_nested_folders_expand_on_the_way_to_a_path(qtbot, panel, runs):
    show_run(qtbot, panel, runs, "demo")
    assert pick(qtbot, panel, "reports/deep/nested/summary.txt").objectName() == (
        "textPreview"
    )
    assert panel.text_preview.text() == "deeply nested\n"
    node = panel.selected_node()
    assert node.path == "reports/deep/nested/summary.txt"
    assert panel.tree.isExpanded(panel.model.index_of(node.parent))
    assert "reports/deep/nested/summary.txt" in panel.preview_title.text()
    folder = pick(qtbot, panel, "reports")
    assert folder.objectName() == "previewMessage"
    assert "1 file in 2 folders" in folder.text()


@pytest.mark.parametrize(
    ("path", "size", "kind"),
    [
        ("images/gradient.png", (160, 96), "PNG"),
        ("images/photo.jpg", (160, 96), "JPEG"),
        ("images/anim.gif", (160, 96), "GIF"),
        ("images/bitmap.bmp", (160, 96), "BMP"),
        ("images/diagram.svg", (160, 100), "SVG"),
    ],
)
def test_images_fit_the_view_and_zoom(qtbot, panel, runs, path, size, kind):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, path)
    assert widget.objectName() == "imagePreview"
    assert widget.image_size == size
    assert kind in widget.info.text()
    assert f"{size[0]} \u00d7 {size[1]} px" in widget.info.text()
    fitted = widget.zoom()
    zoom_in = widget.findChild(object, "zoomInButton")
    qtbot.mouseClick(zoom_in, Qt.LeftButton)
    assert widget.zoom() == pytest.approx(fitted * 1.25)
    assert widget.zoom_label.text() == f"{fitted * 125:.0f}%"
    qtbot.mouseClick(widget.findChild(object, "fitButton"), Qt.LeftButton)
    assert widget.zoom() == pytest.approx(fitted)
    qtbot.mouseClick(widget.findChild(object, "actualSizeButton"), Qt.LeftButton)
    assert widget.zoom() == pytest.approx(1.0)


def test_a_vector_image_grows_to_fit_but_a_small_raster_does_not(qtbot, panel, runs):
    show_run(qtbot, panel, runs, "demo")
    assert pick(qtbot, panel, "images/diagram.svg").zoom() > 1.5
    assert pick(qtbot, panel, "images/gradient.png").zoom() == pytest.approx(1.0)


def test_a_long_log_is_streamed_with_load_more(qtbot, panel, runs, written):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, "logs/train.log")
    assert widget.objectName() == "textPreview"
    full = (written.demo_artifacts / "logs" / "train.log").read_text()
    assert len(full) > 3_000_000
    shown = widget.text()
    assert 900_000 < len(shown) <= 1 << 20
    assert full.startswith(shown)
    assert "showing 1.0 MB of 3." in widget.info.text()
    button = widget.load_more
    assert button.isVisible()
    assert "Load more" in button.text()
    clicks = 0
    while button.isVisible():
        qtbot.mouseClick(button, Qt.LeftButton)
        idle(qtbot, panel)
        clicks += 1
        assert widget.text() == full[: len(widget.text())]
    assert clicks == 3
    assert widget.text() == full
    assert widget.text().endswith("END OF LOG\n")
    assert "showing" not in widget.info.text()


@pytest.mark.parametrize(
    ("path", "expected", "info"),
    [
        ("notes/korean_cp949.txt", KOREAN_TEXT, "CP949 (Korean)"),
        ("config/settings.yaml", "epochs: 30\noptimizer: adam\n", "YAML"),
    ],
)
def test_text_files_show_in_a_monospace_view(qtbot, panel, runs, path, expected, info):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, path)
    assert widget.objectName() == "textPreview"
    assert widget.text() == expected
    assert info in widget.info.text()
    metrics = QFontMetrics(widget.editor.font())  # monospace: all glyphs as wide
    assert metrics.horizontalAdvance("iiii") == metrics.horizontalAdvance("WWWW")
    assert not widget.load_more.isVisible()


def test_minified_json_is_formatted_and_mlmodel_is_text(qtbot, panel, runs):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, "config/summary.json")
    assert '\n  "metrics": {\n    "accuracy": 0.93,' in widget.text()
    assert '"confusion": [\n    [50, 3],\n    [4, 43]\n  ]' in widget.text()
    assert "formatted" in widget.info.text()
    show_run(qtbot, panel, runs, "legacy")
    widget = pick(qtbot, panel, "model/MLmodel")
    assert widget.objectName() == "textPreview"
    assert "flavors:" in widget.text()
    assert "MLmodel (YAML)" in widget.info.text()
    widget = pick(qtbot, panel, "model/requirements.txt")
    assert "scikit-learn" in widget.text()


def test_csv_shows_the_first_rows_then_more_on_demand(qtbot, panel, runs):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, "data/metrics.csv")
    assert widget.objectName() == "csvPreview"
    model = widget.model
    assert model.header == ["step", "loss", "accuracy", "split"]
    assert widget.row_count() == 10_000
    assert model.index(0, 3).data() == "train, fold 1"
    assert model.index(9_999, 0).data() == "9999"
    assert "first 10,000 rows" in widget.info.text()
    assert widget.more_button.isVisible()
    qtbot.mouseClick(widget.more_button, Qt.LeftButton)
    idle(qtbot, panel)
    assert widget.row_count() == CSV_ROWS
    assert model.index(CSV_ROWS - 1, 0).data() == str(CSV_ROWS - 1)
    assert not widget.more_button.isVisible()
    assert f"{CSV_ROWS:,} rows" in widget.info.text()


def test_tsv_is_read_with_tabs(qtbot, panel, runs):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, "data/importance.tsv")
    assert widget.objectName() == "csvPreview"
    assert widget.model.header == ["feature", "importance"]
    assert widget.row_count() == 50
    assert widget.model.index(1, 1).data() == "0.5000"
    assert "tab-separated" in widget.info.text()
    assert not widget.more_button.isVisible()


def test_markdown_is_rendered_without_loading_remote_images(qtbot, panel, runs, opened):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, "README.md")
    assert widget.objectName() == "markdownPreview"
    text = widget.toPlainText()
    assert "Experiment notes" in text
    assert "# Experiment" not in text  # rendered, not shown as source
    assert "https://example.com/chart.png" in widget.blocked
    # a real click on the link opens the system browser, not the app
    cursor = widget.document().find("MLflow docs")
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 2, QTextCursor.MoveMode.MoveAnchor)
    point = widget.cursorRect(cursor).center()
    qtbot.mouseClick(widget.viewport(), Qt.LeftButton, pos=point)
    assert [u.toString() for u in opened] == [
        "https://mlflow.org/docs/latest/index.html"
    ]


def test_html_is_shown_as_source_with_open_in_browser(
    qtbot, panel, runs, written, opened
):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, "report.html")
    assert widget.objectName() == "htmlPreview"
    assert "<script>document.title = 'executed';</script>" in widget.text()
    assert "never run" in widget.info.text()
    qtbot.mouseClick(widget.open_button, Qt.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(written.demo_artifacts / "report.html"))]


def test_the_model_card_of_an_mlflow3_logged_model(qtbot, panel, runs, written):
    show_run(qtbot, panel, runs, "demo")
    group = panel.model.group
    assert [n.name for n in group.children] == ["classifier"]
    assert panel.tree.isExpanded(panel.model.index_of(group))
    node = group.children[0]
    rect = panel.tree.visualRect(panel.model.index_of(node))
    qtbot.mouseClick(panel.tree.viewport(), Qt.LeftButton, pos=rect.center())
    idle(qtbot, panel)
    card = panel.current_widget()
    assert card.objectName() == "modelCard"
    text = card.text()
    assert written.model_id in text
    assert "python_function, sklearn" in text
    for feature in FEATURES:
        assert feature in text
    assert "double" in text
    assert "Input example (input_example.json)" in text
    assert "sklearn_version" in text
    assert "3.17" in text  # mlflow version
    snippet = f'mlflow.pyfunc.load_model("models:/{written.model_id}")'
    assert snippet in text
    qtbot.mouseClick(card.copy_button, Qt.LeftButton)
    assert snippet in QGuiApplication.clipboard().text()
    # the model's own files expand below it
    panel.tree.expand(panel.model.index_of(node))
    qtbot.waitUntil(lambda: node.state == LOADED)
    assert "MLmodel" in [c.name for c in node.children]


def test_the_model_card_of_a_legacy_history_model(qtbot, panel, runs, written):
    show_run(qtbot, panel, runs, "legacy")
    assert top_rows(panel)[0] == "Logged models (1)"
    assert panel.select_model("model")
    idle(qtbot, panel)
    card = panel.current_widget()
    assert card.objectName() == "modelCard"
    text = card.text()
    assert f'load_model("runs:/{written.legacy_run_id}/model")' in text
    assert "tensor<float64>" in text
    assert "(-1, 3)" in text
    assert "model.pkl" in text
    assert "never loaded" in text
    # selecting the model folder itself shows the same card
    assert pick(qtbot, panel, "model").objectName() == "modelCard"
    pickle = pick(qtbot, panel, "model/model.pkl")
    assert pickle.objectName() == "previewMessage"
    assert "Pickled" in pickle.text()
    assert "never loads pickles" in pickle.text()


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("bin/weights.bin", "Binary file"),
        ("notes/empty.txt", "Empty file"),
    ],
)
def test_files_without_a_preview_say_so(qtbot, panel, runs, path, title):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, path)
    assert widget.objectName() == "previewMessage"
    assert widget.text().startswith(title)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("escape.txt", "link pointing outside"),
        ("escape_dir", "link pointing outside"),
        ("escape_dir/secret.txt", "link pointing outside"),
        ("../outside/secret.txt", "'..'"),
        ("images/../../outside/secret.txt", "'..'"),
        ("/etc/passwd", "absolute"),
    ],
)
def test_paths_outside_the_artifact_folder_are_refused(
    qtbot, panel, runs, written, path, reason
):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, path)
    assert widget.objectName() == "previewMessage"
    assert widget.text().startswith("Refused")
    assert reason in widget.text()
    assert path.split("/")[0] in widget.text()
    assert "not for the artifact viewer" not in panel.text_preview.text()
    if path.startswith("escape"):
        node = panel.selected_node()
        assert node.name == path.split("/")[0]
        assert str(written.outside_file.parent) in widget.text()
        tooltip = panel.model.index_of(node).data(Qt.ItemDataRole.ToolTipRole)
        assert "outside the artifact folder" in tooltip
    assert not panel.open_action.isEnabled()
    assert not panel.save_action.isEnabled()
    assert not panel.copy_path_action.isEnabled()


def test_a_link_inside_the_root_is_followed(qtbot, panel, runs):
    show_run(qtbot, panel, runs, "demo")
    widget = pick(qtbot, panel, "readme_link.md")
    assert widget.objectName() == "markdownPreview"
    assert "Experiment notes" in widget.toPlainText()


def test_a_bucket_without_credentials_says_so_naming_the_bucket(
    qtbot, panel, runs, written
):
    show_run(qtbot, panel, runs, "remote")
    widget = panel.current_widget()
    assert widget.objectName() == "previewMessage"
    assert "The artifact folder cannot be listed" in widget.text()
    assert "No AWS credentials were found to read bucket 'ml-bucket'" in widget.text()
    uri = f"s3://ml-bucket/experiments/remote/{written.remote_run_id}/artifacts"
    assert top_rows(panel)[0].startswith("No AWS credentials")
    assert panel.root_label.path() == uri


def test_actions_open_reveal_copy_and_save(
    qtbot, panel, runs, written, opened, monkeypatch, tmp_path
):
    show_run(qtbot, panel, runs, "demo")
    pick(qtbot, panel, "config/params.json")
    path = written.demo_artifacts / "config" / "params.json"
    assert all(a.isEnabled() for a in panel.actions_list)
    qtbot.mouseClick(panel.tool_buttons[3], Qt.LeftButton)  # copy path
    assert QGuiApplication.clipboard().text() == str(path)
    assert panel.status_label.text() == "Path copied"
    qtbot.mouseClick(panel.tool_buttons[0], Qt.LeftButton)  # open
    assert opened[-1] == QUrl.fromLocalFile(str(path))
    qtbot.mouseClick(panel.tool_buttons[1], Qt.LeftButton)  # reveal (no D-Bus here)
    assert opened[-1] == QUrl.fromLocalFile(str(path.parent))
    target = tmp_path / "copy.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "")
    )
    qtbot.mouseClick(panel.tool_buttons[2], Qt.LeftButton)  # save a copy
    idle(qtbot, panel)
    assert target.read_bytes() == path.read_bytes()
    assert "Saved 1 files" in panel.status_label.text()
    # a whole folder, leaving out the links pointing outside
    show_run(qtbot, panel, runs, "demo")
    pick(qtbot, panel, "images")
    folder = tmp_path / "images-copy"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(folder), "")
    )
    panel.file_actions.save_copy()
    idle(qtbot, panel)
    assert sorted(os.listdir(folder)) == [
        "anim.gif",
        "bitmap.bmp",
        "diagram.svg",
        "gradient.png",
        "photo.jpg",
    ]


def test_the_context_menu_offers_the_actions(qtbot, panel, runs):
    show_run(qtbot, panel, runs, "demo")
    node = panel.model.child_named(None, "README.md")
    index = panel.model.index_of(node)
    panel.tree.scrollTo(index)
    rect = panel.tree.visualRect(index)
    panel.tree.customContextMenuRequested.emit(rect.center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert [a.text() for a in menu.actions()] == [
        "Open with System Application",
        "Reveal in File Manager",
        "Save a Copy As…",
        "Copy Path",
    ]
    menu.close()
    assert panel.selected_node() is node
    idle(qtbot, panel)


def test_only_the_newest_run_is_shown_and_none_clears(qtbot, panel, runs):
    panel.set_run(runs["demo"])
    panel.set_run(runs["remote"])
    panel.set_run(runs["legacy"])
    idle(qtbot, panel)
    assert top_rows(panel) == ["Logged models (1)", "model"]
    panel.set_run(None)
    idle(qtbot, panel)
    assert panel.model.rowCount() == 0
    assert "Select a run" in panel.current_widget().text()


def test_the_tree_model_is_a_valid_qt_model(qtbot, panel, runs, qtmodeltester):
    show_run(qtbot, panel, runs, "demo")
    pick(qtbot, panel, "reports/deep/nested/summary.txt")
    pick(qtbot, panel, "images/gradient.png")
    qtmodeltester.check(panel.model, force_py=True)


def test_the_window_stays_responsive_while_a_long_log_loads(qtbot, panel, runs):
    """Text goes on screen in pieces: no event-loop turn blocks for long.

    A turn is measured in the CPU time of the GUI thread: a long wall-clock gap with
    that thread idle is the OS giving the core to another process (a loaded
    machine), not work we put on the GUI thread. The wall-clock bound is generous.
    """
    import time

    show_run(qtbot, panel, runs, "demo")
    panel.select_path("logs/train.log")
    gaps = []
    wall_gaps = []
    last, last_cpu = time.perf_counter(), time.thread_time()
    deadline = last + 15
    while (panel.is_busy() or gaps == []) and time.perf_counter() < deadline:
        QApplication.processEvents()
        now, cpu = time.perf_counter(), time.thread_time()
        gaps.append(cpu - last_cpu)
        wall_gaps.append(now - last)
        last, last_cpu = now, cpu
    assert panel.current_widget().objectName() == "textPreview"
    assert max(gaps) < 0.25  # generous: CI machines are slow and shared
    assert max(wall_gaps) < 2.0


def test_a_run_without_an_artifacts_folder_says_it_has_none(
    qtbot, store, sample_mlruns
):
    run_import(store, sample_mlruns)
    with store.engine.connect() as conn:
        pk = conn.scalar(select(Run.id).where(Run.run_name == "child-run"))
    panel = ArtifactsPanel(
        Catalog(store)
    )  # on its own store: the shared one is not changed
    qtbot.addWidget(panel)
    panel.show()
    panel.set_run(pk)
    idle(qtbot, panel)
    assert panel.current_widget().text().startswith("This run has no artifacts.")
    assert panel.model.rowCount() == 0
