"""Scatter, metric curves, importance and exports on MLflow-written runs."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from desktop.analysis.curves import ema
from desktop.analysis.importance import param_importance

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

NAMES = [f"a-run-{i:02d}" for i in range(12)]


SECTIONS = ("table", "parallel", "scatter", "curves", "importance")


def _show(qtbot, dialog, index):
    """Click a section's tab, as a user does; return the section once drawn."""
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    section = getattr(dialog, SECTIONS[index])
    assert dialog.tabs.currentIndex() == index
    assert section.isVisible()
    qtbot.waitUntil(section.is_built)
    return section


def _choose(combo, ident):
    index = combo.findData(ident)
    assert index >= 0, ident
    combo.setCurrentIndex(index)


def test_scatter_points_are_the_runs_values(qtbot, open_dialog, compare_mlruns):
    _, written = compare_mlruns
    by_name = {w.name: w for w in written}
    dialog = open_dialog(NAMES)
    section = _show(qtbot, dialog, 2)
    _choose(section.x_combo, "param:driver")
    _choose(section.y_combo, "metric:score")
    _choose(section.color_combo, "metric:loss")
    runs, x, y = section.plotted()
    assert [dialog.runs.names[i] for i in runs] == NAMES
    np.testing.assert_array_equal(
        x, [float(by_name[n].params["driver"]) for n in NAMES]
    )
    np.testing.assert_array_equal(y, [by_name[n].latest["score"] for n in NAMES])
    assert section.bar.isVisible()

    # Log axes: the same points, drawn on log10 coordinates.
    qtbot.mouseClick(section.log_y, Qt.MouseButton.LeftButton)
    _, _, y_log = section.plotted()
    np.testing.assert_allclose(y_log, y, rtol=1e-12)
    _drawn_x, drawn_y = section.points.getData()
    np.testing.assert_allclose(drawn_y, np.log10(y))
    assert section.plot.getAxis("left").logMode
    qtbot.mouseClick(section.log_y, Qt.MouseButton.LeftButton)

    # Trend line: score was built as 3 x driver.
    qtbot.mouseClick(section.trend, Qt.MouseButton.LeftButton)
    tx, ty = section.trend_line.getData()
    slope = (ty[1] - ty[0]) / (tx[1] - tx[0])
    assert slope == pytest.approx(3.0, rel=0.01)
    assert "r = +1.000" in section.trend_label.toPlainText()

    # Hover tooltips name the run.
    tip = section._tip(x[0], y[0], 0)
    assert tip.splitlines()[0] == NAMES[0]
    assert f"score: {by_name[NAMES[0]].latest['score']:.6g}" in tip

    # Categorical x: codes with the category names as ticks.
    _choose(section.x_combo, "param:optimizer")
    runs, x, _ = section.plotted()
    categories = sorted({by_name[n].params["optimizer"] for n in NAMES})
    assert list(x) == [categories.index(by_name[n].params["optimizer"]) for n in NAMES]
    assert not section.trend.isEnabled()


def test_curves_equal_the_stored_histories(
    qtbot, open_dialog, mlflow_client, compare_mlruns
):
    _, written = compare_mlruns
    by_name = {w.name: w for w in written}
    dialog = open_dialog(NAMES)
    section = _show(qtbot, dialog, 3)
    section.set_metrics(["loss", "score"])
    qtbot.waitUntil(lambda: not section.is_loading() and len(section.charts) == 2)
    assert [c.key for c in section.charts] == ["loss", "score"]
    for chart in section.charts:
        for i, name in enumerate(NAMES):
            history = mlflow_client.get_metric_history(by_name[name].run_id, chart.key)
            x, y = chart.lines[i].getOriginalDataset()
            np.testing.assert_array_equal(x, [m.step for m in history])
            np.testing.assert_array_equal(y, [m.value for m in history])
            assert chart.lines[i].opts["downsampleMethod"] == "peak"
            assert chart.lines[i].opts["autoDownsample"]
            assert chart.lines[i].opts["clipToView"]
    assert (
        section.charts[1].plot.getViewBox().linkedView(0) is section.charts[0].plot.vb
    )
    qtbot.wait(50)
    # Linked x axes: every chart shows steps 0..19 (score has only steps 0..2).
    for chart in section.charts:
        lo, hi = chart.plot.vb.viewRange()[0]
        assert lo <= 0 < 19 <= hi
        assert hi - lo < 25

    # Relative time: seconds since the run started.
    _choose(section.x_combo, "relative")
    loss = section.chart("loss")
    for i, name in enumerate(NAMES):
        run = mlflow_client.get_run(by_name[name].run_id)
        history = mlflow_client.get_metric_history(run.info.run_id, "loss")
        x, _ = loss.lines[i].getOriginalDataset()
        expected = [(m.timestamp - run.info.start_time) / 1000 for m in history]
        np.testing.assert_allclose(x, expected)
    _choose(section.x_combo, "step")

    # Smoothing: the line is the EMA, the raw values stay behind it.
    section.smoothing.setValue(60)
    loss = section.chart("loss")
    _, raw = loss.raw[0].getOriginalDataset()
    _, smooth = loss.lines[0].getOriginalDataset()
    np.testing.assert_array_equal(
        raw, [v for _, _, v in by_name[NAMES[0]].history["loss"]]
    )
    np.testing.assert_allclose(smooth, ema(raw, 0.6))
    section.smoothing.setValue(0)

    # Log y and hiding a run from the legend.
    qtbot.mouseClick(section.log_y, Qt.MouseButton.LeftButton)
    assert all(c.plot.getAxis("left").logMode for c in section.charts)
    section.legend.topLevelItem(1).setCheckState(0, Qt.CheckState.Unchecked)
    assert not section.chart("loss").lines[1].isVisible()
    assert section.chart("loss").lines[0].isVisible()


def test_crosshair_reads_every_runs_value_at_the_hovered_step(
    qtbot, open_dialog, compare_mlruns
):
    _, written = compare_mlruns
    by_name = {w.name: w for w in written}
    dialog = open_dialog(NAMES[:5])
    section = _show(qtbot, dialog, 3)
    section.set_metrics(["loss"])
    qtbot.waitUntil(lambda: not section.is_loading() and len(section.charts) == 1)
    qtbot.wait(50)
    chart = section.charts[0]
    scene_pos = chart.plot.vb.mapViewToScene(QPointF(10.2, 1.0))
    QTest.mouseMove(
        section.graphics.viewport(), section.graphics.mapFromScene(scene_pos)
    )
    qtbot.waitUntil(lambda: section.legend.topLevelItem(0).text(1) != "")
    assert chart.crosshair.isVisible()
    assert chart.crosshair.value() == pytest.approx(10.2, abs=0.05)
    assert section.readout_label.text() == "loss at step 10"
    for i, name in enumerate(NAMES[:5]):
        step, _, value = by_name[name].history["loss"][10]
        assert step == 10
        assert section.legend.topLevelItem(i).text(1) == f"{value:.6g}"


def test_importance_ranks_the_driving_param_first(qtbot, open_dialog):
    dialog = open_dialog(NAMES)
    section = _show(qtbot, dialog, 4)
    _choose(section.metric_combo, "score")
    # The analysis process may be loading scikit-learn (seconds, the first time).
    qtbot.waitUntil(
        lambda: not section.is_busy() and section.result is not None, timeout=60000
    )
    qtbot.waitUntil(lambda: section.result.metric == "score")
    assert section.ranked_params()[0] == "driver"
    # In the analysis process, not the GUI's.
    assert dialog.analysis.has_run(param_importance)
    top = section.result.scores[0]
    assert top.importance > 0.5
    assert top.correlation == pytest.approx(1.0, abs=0.01)
    assert "batch_size" not in section.ranked_params()  # constant: dropped
    ticks = section.importance_plot.getAxis("left")._tickLevels[0]
    assert max(ticks)[1] == "driver"  # drawn at the top
    assert "12 runs" in section.message.text()

    qtbot.mouseClick(section.all_runs, Qt.MouseButton.LeftButton)
    # All 20 active runs of experiment compare-a (the 12 compared come from it).
    qtbot.waitUntil(lambda: not section.is_busy() and section.result.runs_used == 20)
    assert section.ranked_params()[0] == "driver"


def test_importance_says_when_there_are_too_few_runs(qtbot, open_dialog):
    dialog = open_dialog(NAMES[:3])
    section = _show(qtbot, dialog, 4)
    qtbot.waitUntil(
        lambda: not section.is_busy() and section.result is not None, timeout=60000
    )
    assert section.result.scores == ()
    assert "at least 5" in section.message.text()
    assert not section.graphics.isVisible()


def test_every_plot_exports_png_svg_and_csv(qtbot, open_dialog, tmp_path):
    dialog = open_dialog(NAMES)
    for index in (1, 2, 3, 4):
        section = _show(qtbot, dialog, index)
        if index == 3:
            qtbot.waitUntil(lambda s=section: not s.is_loading() and bool(s.charts))
        if index == 4:
            qtbot.waitUntil(lambda s=section: not s.is_busy() and s.result is not None)
        button = section.export_button
        png, svg, data = (
            tmp_path / f"{button.name}.{e}" for e in ("png", "svg", "csv")
        )
        button.export_png(png)
        image = QImage(str(png))
        assert image.width() > 1000
        assert image.height() > 300
        button.export_svg(svg)
        assert "<svg" in svg.read_text(encoding="utf-8")
        with qtbot.waitSignal(button.exported, timeout=10000):
            button.export_csv(data)
        with open(data, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) > 1
        if index in (1, 2):
            assert rows[0][:2] == ["run_id", "run_name"]
            assert len(rows) == len(NAMES) + 1
        if index == 3:
            keys = section.metric_keys()
            assert {r[2] for r in rows[1:]} == set(keys)
        if index == 4:
            assert rows[1][0] == section.ranked_params()[0]


def test_scatter_colours_a_categorical_param_with_a_legend(
    qtbot, open_dialog, compare_mlruns
):
    _, written = compare_mlruns
    by_name = {w.name: w for w in written}
    dialog = open_dialog(NAMES)
    section = _show(qtbot, dialog, 2)
    _choose(section.x_combo, "param:driver")
    _choose(section.y_combo, "metric:score")
    _choose(section.color_combo, "param:optimizer")
    assert not section.bar.isVisible()
    optimizers = {by_name[n].params["optimizer"] for n in NAMES}
    assert sorted(section.legend_entries()) == sorted(optimizers)
    assert len(optimizers) > 1
    # Runs with the same optimizer share a colour; different ones differ.
    runs, _x, _y = section.plotted()
    brushes = [b.color().name() for b in section.points.data["brush"]]
    colour_of: dict[str, str] = {}
    for i, brush in zip(runs, brushes, strict=True):
        optimizer = by_name[dialog.runs.names[i]].params["optimizer"]
        assert colour_of.setdefault(optimizer, brush) == brush
    assert len(set(colour_of.values())) == len(optimizers)
    dialog.grab()
    assert section.legend.isVisible()
    _choose(section.color_combo, "metric:loss")  # numbers: the bar again
    assert section.bar.isVisible()
    assert not section.legend.isVisible()
