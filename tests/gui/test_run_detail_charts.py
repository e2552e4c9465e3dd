"""The detail dock's metric chart opens on a curve and frames lone points sensibly."""

from __future__ import annotations

import shutil

import pytest

from desktop.services.importing import run_import
from tests.gui.conftest import wait_for_runs
from tests.gui.test_run_detail import select_run
from tests.mlflow_detail_runs import write_chart_store


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


def show_metrics(qtbot, win, run_name):
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
