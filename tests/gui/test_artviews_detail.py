"""The run detail dock on runs written by real MLflow: a logged table previewed as a
sortable table (and raw JSON), a malformed one explained, and the Images tab's step
slider moved with keys and the mouse."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider

from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.conftest import fresh_store, prepared_store
from tests.gui.conftest import wait_for_runs
from tests.mlflow_artviews import (
    IDS,
    RUNS,
    STEPS,
    score,
    shared_artviews_mlruns,
    step_colour,
)


@pytest.fixture(scope="module")
def artviews_store(store_template, tmp_path_factory):
    root, _ = shared_artviews_mlruns(tmp_path_factory)
    path = tmp_path_factory.mktemp("artviews-detail") / "store.db"
    return prepared_store(store_template, path, root)


@pytest.fixture
def win(qtbot, artviews_store, tmp_path):
    store = fresh_store(artviews_store, tmp_path / "store.db")
    window = MainWindow(store, Settings())
    qtbot.addWidget(window)
    window.resize(1600, 900)
    window.show()
    wait_for_runs(qtbot, window, count=len(RUNS))
    yield window
    window.importer.cancel()
    window.importer.wait()
    store.close()


def select_run(qtbot, window, name: str) -> None:
    model, table = window.runs.model, window.runs.table
    qtbot.waitUntil(lambda: model.row_data(0) is not None)
    row = next(r for r in range(model.rowCount()) if model.row_data(r).run_name == name)
    rect = table.visualRect(model.index(row, 0))  # the name (column 1 is ★)
    with qtbot.waitSignal(window.detail.loaded, timeout=10000):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_tab(qtbot, window, title: str) -> None:
    tabs = window.detail.tabs
    bar = tabs.tabBar()
    index = next(
        i for i in range(tabs.count()) if tabs.tabText(i).split(" (")[0] == title
    )
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def open_artifact(qtbot, window, path: str):
    click_tab(qtbot, window, "Artifacts")
    panel = window.detail.artifacts_page
    panel.select_path(path)
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=15000)
    return panel


def test_a_logged_table_is_a_sortable_table_with_raw_json(qtbot, win) -> None:
    select_run(qtbot, win, "beta")
    panel = open_artifact(qtbot, win, "eval/predictions.json")
    preview = panel.logged_table_preview
    assert panel.current_widget() is preview
    model, table = preview.model, preview.table
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["id", "text", "label", "score"]
    assert [model.index(r, 0).data() for r in range(4)] == IDS["beta"]
    assert "4 rows" in preview.info.text()
    assert "4 columns" in preview.info.text()
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) != right

    header = table.horizontalHeader()
    x = header.sectionViewportPosition(3) + header.sectionSize(3) // 2
    with qtbot.waitSignal(preview.sorter.sorted):  # sorted on a worker
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    scores = [float(model.index(r, 3).data()) for r in range(4)]
    assert scores == sorted(score("beta", q) for q in IDS["beta"])
    with qtbot.waitSignal(preview.sorter.sorted):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert float(model.index(0, 3).data()) == max(scores)

    qtbot.mouseClick(preview.raw_button, Qt.MouseButton.LeftButton)
    assert preview.showing_raw()
    raw = json.loads(preview.raw.toPlainText())
    assert raw["columns"] == headers
    qtbot.mouseClick(preview.raw_button, Qt.MouseButton.LeftButton)
    assert not preview.showing_raw()


def test_a_malformed_table_names_the_file(qtbot, win) -> None:
    select_run(qtbot, win, "alpha")
    panel = open_artifact(qtbot, win, "eval/broken.json")
    assert panel.current_widget() is panel.message
    text = panel.message.text()
    assert text.startswith("Cannot read the logged table")
    assert "eval/broken.json is not valid JSON" in text


def centre_colour(view) -> QColor:
    shown = view.shown_image()
    assert shown is not None
    return shown.pixelColor(shown.width() // 2, shown.height() // 2)


def screen_colour(view) -> QColor:
    viewport = view.image.view.viewport()
    grabbed = viewport.grab().toImage()
    return grabbed.pixelColor(grabbed.width() // 2, grabbed.height() // 2)


def handle_rect(slider: QSlider) -> QRect:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    return slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider,
        option,
        QStyle.SubControl.SC_SliderHandle,
        slider,
    )


def test_the_step_slider_scrubs_through_a_runs_logged_images(qtbot, win) -> None:
    select_run(qtbot, win, "alpha")
    click_tab(qtbot, win, "Images")
    view = win.detail.images_page
    qtbot.waitUntil(lambda: view.shown is not None, timeout=15000)
    combo, slider = view.key_combo, view.slider
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "attention/head 1",
        "samples",
    ]
    combo.setCurrentIndex(1)
    steps = STEPS["alpha"]
    qtbot.waitUntil(lambda: view.shown and view.shown.step == steps[-1])
    assert "Step 10" in view.step_label.text()
    assert "3 of 3" in view.step_label.text()
    assert centre_colour(view) == QColor(*step_colour("alpha", 10))
    assert screen_colour(view) == QColor(*step_colour("alpha", 10))

    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: view.shown.step == 0)
    assert view.step_label.text().startswith("Step 0")
    assert centre_colour(view) == QColor(*step_colour("alpha", 0))
    assert screen_colour(view) == QColor(*step_colour("alpha", 0))
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: view.shown.step == 5)
    assert centre_colour(view) == QColor(*step_colour("alpha", 5))

    # The handle dragged to the right end.
    handle = handle_rect(slider).center()
    end = QPoint(slider.width() - 2, handle.y())
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=handle)
    qtbot.mouseMove(slider, QPoint((handle.x() + end.x()) // 2, handle.y()))
    qtbot.mouseMove(slider, end)
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: view.shown.step == 10)
    assert screen_colour(view) == QColor(*step_colour("alpha", 10))

    # Another run: its own steps, its own colours.
    select_run(qtbot, win, "gamma")
    qtbot.waitUntil(lambda: view.shown is not None and view.run_pk is not None)
    qtbot.waitUntil(lambda: view.shown and view.shown.step == 12, timeout=15000)
    assert [view.key_combo.itemData(i) for i in range(view.key_combo.count())] == [
        "samples"
    ]
    assert centre_colour(view) == QColor(*step_colour("gamma", 12))


def test_the_image_cache_keeps_the_newest_within_its_budget(qtbot) -> None:
    from types import SimpleNamespace

    from PySide6.QtGui import QImage

    from desktop.ui.detail.artifact_loading import ImageResult
    from desktop.ui.detail.run_image_loading import ImageCache

    run = SimpleNamespace(root=SimpleNamespace(path="/root"), run_id="r")
    image = QImage(100, 100, QImage.Format.Format_ARGB32)  # 40,000 bytes
    cache = ImageCache(capacity=10, budget=100_000)
    for name in ("a", "b", "c"):
        cache.put(run, name, ImageResult(image, name))
    assert len(cache) == 2  # a third image would pass the budget
    assert cache.get(run, "a") is None
    assert cache.get(run, "b") is not None
    cache.put(run, "d", ImageResult(image, "d"))  # "c" is now the oldest
    assert cache.get(run, "c") is None
    assert cache.bytes == 80_000


def test_starring_the_shown_run_keeps_its_preview(qtbot, win) -> None:
    """A star re-reads the runs and re-selects the run: the dock keeps its tab."""
    select_run(qtbot, win, "beta")
    panel = open_artifact(qtbot, win, "eval/predictions.json")
    assert panel.current_widget() is panel.logged_table_preview
    model, table = win.runs.model, win.runs.table
    row = next(
        r for r in range(model.rowCount()) if model.row_data(r).run_name == "beta"
    )
    star = table.visualRect(model.index(row, 1))  # the ★ column
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=star.center())
    qtbot.waitUntil(lambda: model.index(row, 1).data() == "★")
    qtbot.waitUntil(
        lambda: not win.is_busy() and not win.runs.is_busy() and not panel.is_busy()
    )
    assert win.detail.run_pk == model.pk_at(row)
    assert panel.current_widget() is panel.logged_table_preview
