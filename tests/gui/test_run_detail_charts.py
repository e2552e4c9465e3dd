"""The detail dock: charts open on a curve and frame lone points; datasets as fields."""

from __future__ import annotations

import json
import shutil

import pytest
from mlflow import MlflowClient
from PySide6.QtCore import QPoint, Qt

from desktop.services.importing import run_import
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.gui.conftest import wait_for_runs
from tests.gui.test_i18n import korean  # noqa: F401  (a fixture)
from tests.gui.test_run_detail import select_run
from tests.mlflow_detail_runs import TRAIN_COLUMNS, write_chart_store


@pytest.fixture(scope="module")
def chart_mlruns(tmp_path_factory):
    root = tmp_path_factory.mktemp("gui-charts") / "project" / "mlruns"
    return root, write_chart_store(root)


@pytest.fixture
def chart_window(qtbot, window, store, chart_mlruns, tmp_path):
    original, ids = chart_mlruns
    root = tmp_path / "project" / "mlruns"
    shutil.copytree(original, root)
    run_import(store, str(root))
    window.resize(1280, 720)
    window.reload_tree()
    wait_for_runs(qtbot, window, count=2)
    return window, ids


def show_metrics(qtbot, win, run_name=None):
    """Select a run (unless None: the one shown) and bring its metrics tab up."""
    if run_name is not None:
        select_run(qtbot, win, run_name)
    page = win.detail.metrics_page
    win.detail.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.is_loading() and bool(page.chart.histories()))
    return page


def test_the_chart_opens_on_a_metric_with_a_history(qtbot, chart_window):
    win, _ids = chart_window
    page = show_metrics(qtbot, win, "mixed")
    # accuracy and auc (one point each) sort first; loss has 30 steps.
    assert list(page.chart.histories()) == ["loss"]
    assert page.table.selected_keys() == ["loss"]


def test_a_single_point_sits_on_a_sensible_range(qtbot, chart_window):
    win, _ids = chart_window
    page = show_metrics(qtbot, win, "single")
    chart = page.chart
    assert list(chart.histories()) == ["accuracy"]
    item = chart.plot.getPlotItem()
    (x_lo, x_hi), (y_lo, y_hi) = item.vb.viewRange()
    assert -0.25 < x_lo <= 0 < x_hi  # no negative steps
    assert x_hi - x_lo >= 1.5  # not -0.4 to 0.4
    assert y_lo < 0.93 < y_hi
    assert 0.1 <= y_hi - y_lo <= 0.3
    axis = item.getAxis("bottom")
    ticks = [
        value
        for _spacing, values in axis.tickValues(x_lo, x_hi, item.vb.width())
        for value in values
    ]
    assert ticks
    assert all(t == int(t) and t >= 0 for t in ticks)  # whole steps


def test_dataset_inputs_render_as_fields_with_the_json_a_click_away(
    qtbot, chart_window, chart_mlruns
):
    win, ids = chart_window
    root, _ = chart_mlruns
    select_run(qtbot, win, "mixed")
    page = win.detail.overview_page
    client = MlflowClient(tracking_uri=root.as_uri())
    (logged,) = client.get_run(ids["mixed"]).inputs.dataset_inputs
    (card,) = page.datasets.cards
    assert card.isVisibleTo(page)
    assert card.title() == "churn-train"
    assert card.field_text("name") == "churn-train"
    assert card.field_text("digest") == logged.dataset.digest
    assert card.field_text("context") == "training"
    assert card.field_text("source_type") == "s3"
    assert card.field_text("source") == "s3://bucket/churn/train.csv"
    assert card.field_text("profile") == "num_rows: 4  ·  num_elements: 12"
    # The schema is a table of columns and types, not a JSON string.
    assert card.schema() == list(TRAIN_COLUMNS.items())
    assert card.schema_table.isVisibleTo(page)
    assert "{" not in "".join(label.text() for label in card.fields.values())
    # The JSON MLflow stored is one click away.
    assert not card.json_view.isVisibleTo(page)
    qtbot.mouseClick(card.json_button, Qt.MouseButton.LeftButton)
    assert card.json_view.isVisibleTo(page)
    shown = json.loads(card.json_view.toPlainText())
    assert shown["schema"] == json.loads(logged.dataset.schema)
    assert shown["source"] == json.loads(logged.dataset.source)
    qtbot.mouseClick(card.json_button, Qt.MouseButton.LeftButton)
    assert not card.json_view.isVisibleTo(page)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_nothing_in_the_dock_is_clipped_at_1280_px(
    qtbot, request, store, chart_mlruns, tmp_path, language
):
    if language == "ko":
        request.getfixturevalue("korean")
    original, _ids = chart_mlruns
    root = tmp_path / "project" / "mlruns"
    shutil.copytree(original, root)
    run_import(store, str(root))
    win = MainWindow(store, Settings())  # built after the translators
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    try:
        win.reload_tree()
        wait_for_runs(qtbot, win, count=2)
        select_run(qtbot, win, "mixed")
        dock = win.detail
        # Long paths (the artifact location) never make the overview scroll sideways.
        page = dock.overview_page
        dock.tabs.setCurrentWidget(page)
        qtbot.waitUntil(lambda: page.horizontalScrollBar().maximum() == 0)
        assert page.fields["artifacts"].path().endswith("artifacts")
        # The chart's controls, the Export button last, lie inside the dock.
        chart = show_metrics(qtbot, win).chart
        for widget in (chart.x_axis, chart.smoothing, chart.log_y, chart.export_button):
            right = widget.mapTo(dock, QPoint(widget.width() - 1, 0)).x()
            assert right < dock.width() - 2
            assert widget.width() >= widget.minimumSizeHint().width()
    finally:
        win.importer.cancel()
        win.importer.wait()
