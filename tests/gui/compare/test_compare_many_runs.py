"""Metric curves of many runs: every run's line as MLflow logged it, few plot items."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from desktop.analysis.curves import ema
from desktop.core.run_colors import PALETTE
from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.store import queries
from desktop.ui.compare.curve_charts import MANY_RUNS
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.settings import Settings

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

RUNS = MANY_RUNS + 20
STEPS = 15
CURVES_TAB = 3


@pytest.fixture(scope="module")
def many_runs(tmp_path_factory):
    """``(mlruns, client)``: RUNS runs logged by MLflow, loss and acc over STEPS."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient
    from mlflow.entities import Metric

    root = tmp_path_factory.mktemp("many") / "mlruns"
    client = MlflowClient(tracking_uri=root.as_uri())
    experiment = client.create_experiment("many")
    now = int(time.time() * 1000)
    rng = np.random.default_rng(7)
    for i in range(RUNS):
        run = client.create_run(experiment, run_name=f"run-{i:03d}")
        steps = STEPS - i % 4  # lines of different lengths
        metrics = [
            Metric(key, float(value), now + step, step)
            for key, values in (
                ("loss", np.exp(-np.arange(steps) / (3 + i)) + rng.random(steps) / 9),
                ("acc", rng.random(steps)),
            )
            for step, value in enumerate(values)
        ]
        client.log_batch(run.info.run_id, metrics=metrics)
        client.set_terminated(run.info.run_id)
    return root, client


@pytest.fixture
def curves(qtbot, store, many_runs, analysis_process):
    """The curves section of a compare dialog on every run, drawn."""
    root, _ = many_runs
    run_import(store, root)
    with store.engine.connect() as conn:
        experiments = queries.list_experiments(conn)
        pks = queries.run_pks(conn, [e.pk for e in experiments])
    dialog = CompareDialog(Catalog(store), pks, Settings(), analysis=analysis_process)
    qtbot.addWidget(dialog)
    dialog.resize(1200, 800)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15000)
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(CURVES_TAB).center()
    )
    section = dialog.curves
    section.set_metrics(["loss", "acc"])
    qtbot.waitUntil(lambda: not section.is_loading() and len(section.charts) == 2)
    yield section  # holding the dialog: qtbot keeps only a weak reference
    dialog.close()


def _drawn(chart, smoothed: bool = True) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Each run's points as the chart draws them: runs follow one another in an
    item of their colour, separated by one NaN point."""
    lines: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for group in chart.groups:
        item = group.line if smoothed else group.raw
        x, y = item.getOriginalDataset()
        ends = np.flatnonzero(np.isnan(y))
        starts = np.concatenate([[0], ends[:-1] + 1])
        runs = [i for i in group.runs if chart.shown[i]]
        assert len(runs) == len(ends)
        for run, start, end in zip(runs, starts, ends, strict=True):
            lines[run] = (x[start:end], y[start:end])
    return lines


def _history(client, run_id, key) -> tuple[list[int], list[float]]:
    history = client.get_metric_history(run_id, key)
    return [m.step for m in history], [m.value for m in history]


def test_every_run_is_drawn_as_mlflow_logged_it_in_few_items(curves, many_runs):
    _, client = many_runs
    run_ids = [r.run_id for r in curves.runs.runs]
    assert len(run_ids) == RUNS
    for chart in curves.charts:
        drawn = _drawn(chart)
        assert sorted(drawn) == list(range(RUNS))
        for i, run_id in enumerate(run_ids):
            steps, values = _history(client, run_id, chart.key)
            np.testing.assert_array_equal(drawn[i][0], steps)
            np.testing.assert_array_equal(drawn[i][1], values)
        # One item per colour (and the crosshair's dots), not one per run; each
        # run's line has its legend colour.
        assert len(chart.plot.listDataItems()) <= len(PALETTE) + 1
        for group in chart.groups:
            pen = group.line.opts["pen"].color()
            assert {curves.colors[i].rgba() for i in group.runs} == {pen.rgba()}


def test_unticking_a_run_in_the_legend_removes_only_its_line(curves):
    curves.legend.topLevelItem(5).setCheckState(0, Qt.CheckState.Unchecked)
    for chart in curves.charts:
        drawn = _drawn(chart)
        assert 5 not in drawn
        assert sorted(drawn) == [i for i in range(RUNS) if i != 5]
    curves.legend.topLevelItem(5).setCheckState(0, Qt.CheckState.Checked)
    assert 5 in _drawn(curves.charts[0])


def test_smoothing_smooths_each_run_on_its_own(curves, many_runs):
    _, client = many_runs
    curves.smoothing.setValue(60)
    loss = curves.chart("loss")
    smooth, raw = _drawn(loss), _drawn(loss, smoothed=False)
    for i in (0, 1, RUNS - 1):
        _, values = _history(client, curves.runs.runs[i].run_id, "loss")
        np.testing.assert_array_equal(raw[i][1], values)
        np.testing.assert_allclose(smooth[i][1], ema(np.array(values), 0.6))
    curves.smoothing.setValue(0)
    assert all(group.raw is None for group in curves.chart("loss").groups)


def test_the_crosshair_reads_every_runs_value(qtbot, curves, many_runs):
    _, client = many_runs
    loss = curves.chart("loss")
    view = loss.plot.vb
    scene = view.mapViewToScene(QPointF(4, 0.5))
    curves._on_mouse((scene,))
    values = [
        curves.legend.topLevelItem(i).text(1)
        for i in range(curves.legend.topLevelItemCount())
    ]
    for i in (0, 7, RUNS - 1):
        _, history = _history(client, curves.runs.runs[i].run_id, "loss")
        assert float(values[i]) == pytest.approx(history[4], rel=1e-5)
