"""Comparing groups: grouped rows of the runs table open Compare with one mean
line per group and its band in the metric curves, checked against MLflow."""

from __future__ import annotations

import math
import os
import statistics

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.columns import Column
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.conftest import fresh_store, prepared_store
from tests.gui.conftest import wait_for_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")
RATES = ("0.1", "0.01")
SEEDS = (0, 1, 2)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, store_template):
    """Two learning rates x three seeds, each logging val_loss over 8 steps."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient
    from mlflow.entities import Metric, Param

    base = tmp_path_factory.mktemp("compare-groups")
    client = MlflowClient(tracking_uri=(base / "mlruns").as_uri())
    exp = client.create_experiment("seeds")
    for rate in RATES:
        for seed in SEEDS:
            run = client.create_run(exp, run_name=f"lr{rate}-s{seed}")
            loss = [
                Metric(
                    "val_loss",
                    math.exp(-float(rate) * 10 * step) + 0.01 * seed,
                    1_750_000_000_000 + step,
                    step,
                )
                for step in range(8)
            ]
            client.log_batch(
                run.info.run_id,
                metrics=loss,
                params=[Param("lr", rate), Param("seed", str(seed))],
            )
    made = prepared_store(store_template, base / "store.db", base / "mlruns")
    return client, exp, made


def _expected(client, exp) -> dict[str, dict[int, list[float]]]:
    """By lr, MLflow's val_loss values per step over the seeds."""
    found: dict[str, dict[int, list[float]]] = {}
    for run in client.search_runs([exp]):
        by_step = found.setdefault(run.data.params["lr"], {})
        for m in client.get_metric_history(run.info.run_id, "val_loss"):
            by_step.setdefault(m.step, []).append(m.value)
    return found


def _open_grouped_compare(qtbot, store) -> tuple[MainWindow, CompareDialog]:
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    wait_for_runs(qtbot, win, 6)
    panel = win.runs
    panel.set_group_by((Column("param", "lr"),))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=10000)
    panel.table.selectAll()
    assert panel.compare_button.isEnabled()
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)

    def opened() -> list[CompareDialog]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, CompareDialog) and w.isVisible()
        ]

    qtbot.waitUntil(lambda: bool(opened()), timeout=10000)
    dialog = opened()[0]
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15000)
    return win, dialog


def test_grouped_rows_compare_as_group_means_with_bands(qtbot, seeds, tmp_path):
    client, exp, made = seeds
    store = fresh_store(made, tmp_path / "store.db")
    win, dialog = _open_grouped_compare(qtbot, store)
    assert dialog.groups is not None
    assert sorted(dialog.groups) == ["lr=0.01", "lr=0.1"]
    assert all(len(members) == 3 for members in dialog.groups.values())
    assert dialog.windowTitle() == "Comparing 6 runs by group"
    curves = dialog.show_section("curves")
    curves.set_metrics(["val_loss"])
    qtbot.waitUntil(curves.is_complete, timeout=15000)
    assert curves.lines_combo.isVisible()
    assert curves.legend_names() == list(dialog.groups)
    chart = curves.chart("val_loss")
    expected = _expected(client, exp)
    for at, name in enumerate(dialog.groups):
        rate = name.split("=")[1]
        x, mean = chart.x[at], chart.y[at]
        assert x.tolist() == list(range(8))
        for step in range(8):
            values = expected[rate][step]
            assert mean[step] == pytest.approx(statistics.fmean(values))
    bands = curves.bands("val_loss")
    assert len(bands) == 2
    assert all(b is not None for b in bands)
    assert not any(b.path().isEmpty() for b in bands)  # drawn, not just made
    # ±1 std, then back to one line per run.
    curves.lines_combo.setCurrentIndex(1)
    qtbot.waitUntil(curves.is_complete, timeout=15000)
    rows = list(curves.csv_rows())
    assert rows[0] == ["group", "metric", "x", "mean", "low", "high", "runs"]
    assert len(rows) == 1 + 2 * 8
    curves.lines_combo.setCurrentIndex(2)
    qtbot.waitUntil(curves.is_complete, timeout=15000)
    assert len(curves.chart("val_loss").y) == 6
    assert curves.bands("val_loss") == []
    dialog.close()
    win.close()
    store.close()


def test_runs_selected_without_groups_compare_as_runs(qtbot, seeds, tmp_path):
    _client, _exp, made = seeds
    store = fresh_store(made, tmp_path / "store.db")
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.show()
    wait_for_runs(qtbot, win, 6)
    win.runs.table.selectAll()
    assert win.runs.compare_groups() is None
    win.close()
    store.close()
