"""The compare dialog's Artifacts tab on runs written by real MLflow: one image per
run for a key and step (nearest step labelled), a PNG every run has shown side by
side, and logged tables with rows aligned by a key column."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.services.catalog import Catalog
from desktop.store import queries
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.settings import Settings
from tests.conftest import fresh_store, prepared_store
from tests.mlflow_artviews import (
    RUN_COLOURS,
    RUNS,
    score,
    shared_artviews_mlruns,
    step_colour,
)


@pytest.fixture(scope="module")
def artviews_store(store_template, tmp_path_factory):
    root, _ = shared_artviews_mlruns(tmp_path_factory)
    path = tmp_path_factory.mktemp("artviews-compare") / "store.db"
    return prepared_store(store_template, path, root)


@pytest.fixture
def dialog(qtbot, artviews_store, tmp_path, analysis_process):
    store = fresh_store(artviews_store, tmp_path / "store.db")
    with store.engine.connect() as conn:
        experiments = queries.list_experiments(conn)
        details = queries.run_details(
            conn, queries.run_pks(conn, [e.pk for e in experiments])
        )
    by_name = {d.run_name: d.pk for d in details}
    window = CompareDialog(
        Catalog(store),
        [by_name[n] for n in RUNS],
        Settings(),
        analysis=analysis_process,
    )
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=15000)
    yield window
    store.close()


def open_artifacts_tab(qtbot, dialog):
    tabs = dialog.tabs
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Artifacts")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    section = dialog.artifacts
    qtbot.waitUntil(lambda: section.scan is not None, timeout=20000)
    qtbot.waitUntil(lambda: not section.is_busy(), timeout=20000)
    return section


def centre(cell) -> QColor:
    pixmap = cell.picture.pixmap()
    image = pixmap.toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def test_one_image_per_run_at_the_chosen_step(qtbot, dialog) -> None:
    section = open_artifacts_tab(qtbot, dialog)
    grid = section.images
    assert section.modes.currentWidget() is grid
    combo = grid.key_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [
        "attention/head 1",
        "samples",
    ]
    assert combo.itemText(0) == "attention/head 1  (1 of 3 runs)"
    combo.setCurrentIndex(1)
    assert grid.steps == [0, 3, 5, 10, 12, 15]
    qtbot.waitUntil(lambda: grid.shown_steps() == [10, 15, 12])  # last step: 15
    captions = [c.caption.text() for c in grid.cells]
    assert captions == [
        "nearest: step 10 (none at 15)",
        "step 15",
        "nearest: step 12 (none at 15)",
    ]
    assert [centre(c) for c in grid.cells] == [
        QColor(*step_colour("alpha", 10)),
        QColor(*step_colour("beta", 15)),
        QColor(*step_colour("gamma", 12)),
    ]
    assert [c.name for c in grid.cells] == list(RUNS)

    slider = grid.slider
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: grid.shown_steps() == [0, 0, 0])
    assert grid.step_label.text() == "Step 0"
    assert [centre(c) for c in grid.cells] == [QColor(*step_colour(n, 0)) for n in RUNS]
    qtbot.keyClick(slider, Qt.Key.Key_Right)  # step 3: only gamma has it
    qtbot.waitUntil(lambda: grid.shown_steps() == [5, 5, 3])
    assert [c.caption.text() for c in grid.cells] == [
        "nearest: step 5 (none at 3)",
        "nearest: step 5 (none at 3)",
        "step 3",
    ]

    combo.setCurrentIndex(0)  # only alpha logged this key
    qtbot.waitUntil(lambda: grid.shown_steps() == [2, None, None])
    assert grid.cells[1].picture.text() == "No images for this key"


def choose_path(qtbot, section, path: str) -> None:
    page = section.files
    section.modes.setCurrentWidget(page)
    items = page.paths.findItems(path, Qt.MatchFlag.MatchExactly)
    assert items, [page.paths.item(i).text() for i in range(page.paths.count())]
    rect = page.paths.visualItemRect(items[0])
    qtbot.mouseClick(
        page.paths.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=20000)


def test_a_png_every_run_has_is_shown_side_by_side(qtbot, dialog) -> None:
    section = open_artifacts_tab(qtbot, dialog)
    page = section.files
    paths = [page.paths.item(i).text() for i in range(page.paths.count())]
    assert paths == [
        "data/summary.csv",
        "eval/predictions.json",
        "plots/confusion_matrix.png",
    ]
    choose_path(qtbot, section, "plots/confusion_matrix.png")
    for pane, name in zip(page.panes, RUNS, strict=True):
        assert pane.stack.currentWidget() is pane.picture
        image = pane.picture.pixmap().toImage()
        assert image.pixelColor(image.width() // 2, image.height() // 2) == QColor(
            *RUN_COLOURS[name]
        )
        assert pane.note.text().startswith("80 \u00d7 60 px")
    choose_path(qtbot, section, "data/summary.csv")
    assert page.panes[2].message.text() == "Not in this run"
    assert page.pane_rows(0) == [["accuracy", "0.8"]]


def test_logged_tables_align_rows_by_the_chosen_key(qtbot, dialog) -> None:
    section = open_artifacts_tab(qtbot, dialog)
    page = section.files
    choose_path(qtbot, section, "eval/predictions.json")
    assert page.align_bar.isVisible()
    assert page.key_combo.currentText() == "id"  # the first unique column
    keys = ["q1", "q2", "q3", "q4", "q5"]
    for index, name in enumerate(RUNS):
        model = page.panes[index].model
        labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(5)]
        assert labels == keys
        rows = page.pane_rows(index)
        for key, row in zip(keys, rows, strict=True):
            has = key in {"alpha": "q1 q2 q3 q4", "beta": "q1 q2 q3 q4"}.get(
                name, "q1 q2 q3 q5"
            )
            assert row[0] == (key if has else "")
            assert row[3] == (str(score(name, key)) if has else "")
    assert page.panes[0].note.text() == "rows: 4  ·  missing keys: 1"
    assert page.align_note.text() == "keys: 5"
    # The key is the row label: its column is not shown twice.
    assert page.panes[0].table.isColumnHidden(0)
    assert not page.panes[0].table.isColumnHidden(3)

    # The user's own order instead: each table as logged.
    page.key_combo.setCurrentIndex(0)
    assert page.pane_rows(1)[0][0] == "q3"  # beta logged q3 first
    assert not page.panes[1].table.isColumnHidden(0)
    assert page.panes[1].model.headerData(0, Qt.Orientation.Vertical) == "1"


def test_cancel_stops_reading_and_offers_to_read_again(
    qtbot, dialog, monkeypatch
) -> None:
    section_catalog = dialog.catalog
    release = threading.Event()
    original = section_catalog.run_artifacts

    def slow(pk):  # a slow server: the first run's listing waits for the click
        release.wait(10)
        return original(pk)

    monkeypatch.setattr(section_catalog, "run_artifacts", slow)
    tabs = dialog.tabs
    bar = tabs.tabBar()
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Artifacts")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    section = dialog.artifacts
    assert section.progress.isVisible()
    assert section.progress.label.text() == "Reading the artifacts of 3 runs…"
    qtbot.mouseClick(section.progress.cancel, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not section.is_busy(), timeout=20000)
    assert section.scan is None
    assert section.message.text().startswith("Cancelled")
    assert not section.progress.isVisible()
    assert section.again.isVisible()
    qtbot.mouseClick(section.again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.scan is not None, timeout=20000)
    assert section.modes.isVisible()
    assert len(section.images.cells) == 3
