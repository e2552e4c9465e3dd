"""The run detail dock, driven like a user: select a run, read, search, plot."""

from __future__ import annotations

import csv
import shutil

import numpy as np
import pytest
from mlflow import MlflowClient
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.analysis.curves import ema
from desktop.services.importing import run_import
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.conftest import fresh_store, prepared_store
from tests.gui.conftest import wait_for_runs
from tests.mlflow_runs import LONG_PARAM, write_detail_store


@pytest.fixture(scope="module")
def detail_mlruns(tmp_path_factory):
    root = tmp_path_factory.mktemp("gui-detail") / "project" / "mlruns"
    ids = write_detail_store(root)
    return root, ids


@pytest.fixture
def detail_window(qtbot, window, store, detail_mlruns, tmp_path):
    """A window with a private copy of the runs imported (for tests that change it)."""
    original, ids = detail_mlruns
    root = tmp_path / "project" / "mlruns"
    shutil.copytree(original, root)
    run_import(store, str(root))
    window.reload_tree()
    wait_for_runs(qtbot, window, count=3)
    return window, root, ids


@pytest.fixture(scope="module")
def detail_store(detail_mlruns, store_template, tmp_path_factory):
    """A store with the module's runs imported, made once."""
    original, _ids = detail_mlruns
    path = tmp_path_factory.mktemp("gui-detail-store") / "store.db"
    return prepared_store(store_template, path, original)


@pytest.fixture
def detail_view(qtbot, detail_mlruns, detail_store, tmp_path):
    """A window on a copy of ``detail_store``, for tests that only read the runs
    (importing them again for each test cost about a second)."""
    original, ids = detail_mlruns
    store = fresh_store(detail_store, tmp_path / "detail" / "store.db")
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.show()
    wait_for_runs(qtbot, win, count=3)
    yield win, original, ids
    win.importer.cancel()
    win.importer.wait()
    store.close()


def row_of(win, run_name):
    model = win.runs.model
    win.runs.set_all_unfolded(True)  # Unfold all: child runs too
    for row in range(model.rowCount()):
        if model.row_data(row) and model.row_data(row).run_name == run_name:
            return row
    raise AssertionError(f"{run_name} not in the table")


def select_run(qtbot, win, run_name):
    """Click the run's row and wait until the dock shows it."""
    table = win.runs.table
    qtbot.waitUntil(lambda: win.runs.model.row_data(0) is not None)
    rect = table.visualRect(win.runs.model.index(row_of(win, run_name), 1))
    with qtbot.waitSignal(win.detail.loaded, timeout=10000):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not win.detail.is_loading(), timeout=10000)


def test_overview_shows_the_runs_facts(qtbot, detail_view):
    win, _root, ids = detail_view
    dock = win.detail
    assert dock.objectName() == "runDetailDock"
    assert dock.message.isVisible() or dock.stack.currentWidget() is dock.message
    select_run(qtbot, win, "tuned")
    page = dock.overview_page
    text = page.field_text
    assert text("name") == "tuned"
    assert text("run_id") == ids["tuned"]
    assert text("experiment").startswith("detail")
    assert "RUNNING" in text("status")
    assert text("end") == "(still running)"
    assert text("user") == "jiwoo"
    assert text("source") == "train.py (LOCAL)"
    assert text("commit") == "0123456789ab"
    assert text("parent") == "—"
    assert text("children") == "fold-0, fold-1"
    # The description is rendered Markdown, not source.
    rendered = page.description.toPlainText()
    assert "Best model" in rendered
    assert "#" not in rendered
    assert "**" not in rendered
    assert page.description.toMarkdown().strip().startswith("# Best model")
    # The dataset input with its context.
    assert page.datasets.isVisibleTo(page)
    (card,) = page.datasets.cards
    assert card.field_text("name") == "train-v3"
    assert card.field_text("context") == "training"
    assert card.field_text("source").endswith("train.csv")
    assert card.schema() == [("x", "double"), ("y", "long")]
    # Copy the run id with the button.
    qtbot.mouseClick(page.copy_id_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == ids["tuned"]


def test_child_links_select_the_child_and_back(qtbot, detail_view):
    win, _root, ids = detail_view
    select_run(qtbot, win, "tuned")
    label = win.detail.overview_page.fields["children"]
    with qtbot.waitSignal(win.detail.loaded, timeout=10000):
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert win.detail.overview.detail.run_id == ids["fold-0"]
    # The table follows (unfolding the parent first when the child is folded).
    qtbot.waitUntil(lambda: win.runs.selected_pks() == {win.detail.run_pk})
    parent = win.detail.overview_page.fields["parent"]
    assert win.detail.overview_page.field_text("parent") == "tuned"
    with qtbot.waitSignal(win.detail.loaded, timeout=10000):
        qtbot.mouseClick(parent, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert win.detail.overview.detail.run_id == ids["tuned"]


def test_params_are_searchable_and_long_values_readable(qtbot, detail_view):
    win, _root, _ids = detail_view
    select_run(qtbot, win, "tuned")
    page = win.detail.params_page
    win.detail.tabs.setCurrentWidget(page)
    assert page.visible_rows() == [
        ("architecture", LONG_PARAM),
        ("lr", "0.001"),
        ("optimizer", "adamw"),
    ]
    qtbot.keyClicks(page.search, "ADAM")
    assert page.visible_rows() == [("optimizer", "adamw")]
    page.search.clear()
    # Selecting the long parameter shows it in full, selectable, below the table.
    index = page.proxy.index(0, 0)
    rect = page.tree.visualRect(index)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.value_view.toPlainText() == LONG_PARAM
    qtbot.keyClick(page.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == f"architecture\t{LONG_PARAM}"


def test_tags_group_system_tags_apart(qtbot, detail_view):
    win, _root, _ids = detail_view
    select_run(qtbot, win, "tuned")
    page = win.detail.tags_page
    titles = page.group_titles()
    assert titles == ["Tags", "System tags (mlflow.*)"]
    rows = page.visible_rows()
    assert rows[0] == ("team", "vision")
    assert all(key.startswith("mlflow.") for key, _v in rows[1:])
    assert ("mlflow.user", "jiwoo") in rows
    qtbot.keyClicks(page.search, "git.commit")
    assert [k for k, _v in page.visible_rows()] == ["mlflow.source.git.commit"]


def test_metrics_table_and_plotted_histories_match_mlflow(
    qtbot, detail_window, tmp_path
):
    win, root, ids = detail_window
    select_run(qtbot, win, "tuned")
    page = win.detail.metrics_page
    win.detail.tabs.setCurrentWidget(page)
    client = MlflowClient(tracking_uri=root.as_uri())
    loss = client.get_metric_history(ids["tuned"], "loss")
    values = [m.value for m in loss]
    rows = {r[0]: r for r in page.table.visible_rows()}
    assert set(rows) == {"acc", "loss"}
    _key, latest, step, low, low_step, high, high_step, points = rows["loss"]
    assert float(latest) == pytest.approx(values[-1], rel=1e-5)
    assert step == "299"
    assert float(low) == pytest.approx(min(values), rel=1e-5)
    assert low_step == str(values.index(min(values)))
    assert float(high) == pytest.approx(2.0)
    assert high_step == "0"
    assert points == "300"
    # The first metric is plotted at once; its curve is the full history.
    chart = page.chart
    qtbot.waitUntil(lambda: list(chart.histories()) == ["acc"], timeout=10000)
    # Select both metrics with the keyboard: both are plotted, data = MLflow's.
    page.table.tree.setFocus()
    qtbot.keyClick(page.table.tree, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: set(chart.histories()) == {"acc", "loss"}, timeout=10000)
    x, y = chart.curve("loss").getData()
    np.testing.assert_array_equal(x, [m.step for m in loss])
    np.testing.assert_array_equal(y, values)
    # Wall-time x axis: seconds since the epoch of each point.
    chart.x_axis.setCurrentIndex(chart.x_axis.findData("wall"))
    x, _y = chart.curve("loss").getData()
    np.testing.assert_allclose(x, [m.timestamp / 1000 for m in loss])
    chart.x_axis.setCurrentIndex(chart.x_axis.findData("relative"))
    x, _y = chart.curve("loss").getData()
    assert x[0] == 0
    assert x[-1] == pytest.approx(299.0)
    # Smoothing keeps the raw curve and adds the moving average.
    chart.x_axis.setCurrentIndex(chart.x_axis.findData("step"))
    chart.smoothing.setValue(60)
    _x, smooth = chart.smoothed_curve("loss").getData()
    np.testing.assert_allclose(smooth, ema(np.array(values), 0.6))
    _x, raw = chart.curve("loss").getData()
    np.testing.assert_array_equal(raw, values)
    # The crosshair reads every curve's value at the hovered step.
    plot = chart.plot
    view = plot.getPlotItem().vb
    scene_pos = view.mapViewToScene(view.mapToView(view.boundingRect().center()))
    target = plot.mapFromScene(scene_pos)
    qtbot.mouseMove(plot.viewport(), target)
    qtbot.waitUntil(lambda: "loss" in chart.readout.text(), timeout=5000)
    assert "acc" in chart.readout.text()
    assert "step" in chart.readout.text()
    # Log y and export of the data.
    chart.log_y.setChecked(True)
    assert plot.getPlotItem().ctrl.logYCheck.isChecked()
    out = tmp_path / "chart.csv"
    assert chart.export_csv(str(out)) == 600
    with open(out, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["metric", "step", "timestamp", "value"]
    assert ["loss", "0", str(loss[0].timestamp), repr(values[0])] in rows
    png = tmp_path / "chart.png"
    chart.export_image(str(png))
    assert png.read_bytes()[:4] == b"\x89PNG"
    svg = tmp_path / "chart.svg"
    chart.export_image(str(svg))
    assert "<svg" in svg.read_text(encoding="utf-8")


def test_a_running_runs_curves_refresh_after_reimport(qtbot, detail_window):
    win, root, ids = detail_window
    select_run(qtbot, win, "tuned")
    chart = win.detail.metrics_page.chart
    qtbot.waitUntil(lambda: "acc" in chart.histories(), timeout=10000)
    client = MlflowClient(tracking_uri=root.as_uri())
    client.log_metric(ids["tuned"], "acc", 0.999, step=300)
    with qtbot.waitSignal(win.import_finished, timeout=60000):
        win.refresh_all()
    qtbot.waitUntil(lambda: len(chart.histories()["acc"]) == 301, timeout=10000)
    _x, y = chart.curve("acc").getData()
    assert y[-1] == pytest.approx(0.999)


def test_no_selection_shows_a_hint(qtbot, detail_view):
    win, _root, _ids = detail_view
    select_run(qtbot, win, "tuned")
    win.runs.table.clearSelection()
    win.runs.table.selectionModel().clearCurrentIndex()
    qtbot.waitUntil(lambda: win.detail.stack.currentWidget() is win.detail.message)
    assert "Select a run" in win.detail.message.text()


def test_fast_keyboard_browsing_shows_the_last_run(qtbot, detail_view):
    win, _root, _ids = detail_view
    select_run(qtbot, win, "fold-1")
    table = win.runs.table
    table.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Down):
        qtbot.keyClick(table, key)
    current = win.runs.model.row_data(table.currentIndex().row())
    qtbot.waitUntil(
        lambda: (
            win.detail.overview is not None
            and win.detail.overview.detail.pk == current.pk
        ),
        timeout=10000,
    )
    assert win.detail.overview_page.field_text("name") == current.run_name
