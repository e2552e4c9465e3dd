"""Parallel coordinates on MLflow runs: lines, normalisation, brushing, hover."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

ALL_A = [f"a-run-{i:02d}" for i in range(20)]
ALL = ALL_A + [f"b-run-{i:02d}" for i in range(5)]
AXES = ["param:driver", "param:optimizer", "param:lr", "metric:score"]


def _unit(values, log=False):
    values = np.log10(values) if log else np.asarray(values, dtype=float)
    return (values - values.min()) / (values.max() - values.min())


@pytest.fixture
def parallel(qtbot, open_dialog):
    dialog = open_dialog(ALL)
    tab_bar = dialog.tabs.tabBar()
    qtbot.mouseClick(
        tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(1).center()
    )
    section = dialog.parallel
    assert section.isVisible()
    qtbot.waitUntil(section.is_built)
    section.set_axes(AXES, logged={"param:lr"})
    qtbot.wait(50)
    return dialog, section


def _expected_units(written):
    by_name = {w.name: w for w in written}
    runs = [by_name[n] for n in ALL]
    optimizers = sorted({r.params["optimizer"] for r in runs})
    return np.column_stack(
        [
            _unit([float(r.params["driver"]) for r in runs]),
            [optimizers.index(r.params["optimizer"]) / 2 for r in runs],
            _unit([float(r.params["lr"]) for r in runs], log=True),
            _unit([r.latest["score"] for r in runs]),
        ]
    )


def test_one_line_per_run_with_normalised_values(parallel, compare_mlruns):
    _, section = parallel
    _, written = compare_mlruns
    assert section.axis_ids() == AXES
    assert [s.log for s in section.scales] == [False, False, True, False]
    assert section.scales[1].categories == ("adam", "rmsprop", "sgd")
    expected = _expected_units(written)
    np.testing.assert_allclose(section.item.matrix, expected, atol=1e-12)
    lines = section.item.polylines()  # read back from the painted paths
    assert len(lines) == len(ALL)
    for line in lines:
        np.testing.assert_array_equal(line[:, 0], [0, 1, 2, 3])
    drawn = sorted(tuple(np.round(line[:, 1], 9)) for line in lines)
    assert drawn == sorted(tuple(np.round(row, 9)) for row in expected)


def _to_viewport(section, axis: int, unit: float) -> QPoint:
    scene = section.view_box.mapViewToScene(QPointF(axis, unit))
    return section.graphics.mapFromScene(scene)


def _drag(qtbot, widget, start: QPoint, end: QPoint, steps: int = 10) -> None:
    QTest.mousePress(
        widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start
    )
    for k in range(1, steps + 1):
        point = QPointF(start + (end - start) * (k / steps))
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            point,
            QPointF(widget.mapToGlobal(point.toPoint())),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, move)
        qtbot.wait(25)  # pyqtgraph drops moves closer than 10 ms
    QTest.mouseRelease(
        widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end
    )


def test_mouse_drag_on_an_axis_keeps_exactly_the_runs_inside(
    qtbot, parallel, compare_mlruns, compare_store
):
    dialog, section = parallel
    _, written = compare_mlruns
    _, pk_by_name = compare_store
    viewport = section.graphics.viewport()
    _drag(qtbot, viewport, _to_viewport(section, 0, 0.2), _to_viewport(section, 0, 0.7))
    brushes = section.item.brushes()
    assert list(brushes) == [0]
    lo, hi = brushes[0]
    assert lo == pytest.approx(0.2, abs=0.02)
    assert hi == pytest.approx(0.7, abs=0.02)
    driver = _expected_units(written)[:, 0]
    inside = (driver >= lo) & (driver <= hi)
    assert 0 < inside.sum() < len(ALL)
    np.testing.assert_array_equal(section.item.kept(), inside)
    assert section.status.text().startswith(f"{inside.sum()} of {len(ALL)} runs")
    # Kept lines are drawn in colour, the others faded.
    assert len(section.item.polylines(kept=True)) == inside.sum()
    assert len(section.item.polylines(kept=False)) == len(ALL) - inside.sum()

    with qtbot.waitSignal(dialog.select_runs_requested) as blocker:
        qtbot.mouseClick(section.select_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == [
        pk_by_name[n] for n, keep in zip(ALL, inside, strict=False) if keep
    ]

    # A second brush on the score axis ANDs with the first.
    score = _expected_units(written)[:, 3]
    _drag(qtbot, viewport, _to_viewport(section, 3, 0.1), _to_viewport(section, 3, 0.5))
    lo3, hi3 = section.item.brushes()[3]
    both = inside & (score >= lo3) & (score <= hi3)
    np.testing.assert_array_equal(section.item.kept(), both)

    # Clicking an axis clears its brush.
    qtbot.mouseClick(
        viewport, Qt.MouseButton.LeftButton, pos=_to_viewport(section, 3, 0.9)
    )
    assert list(section.item.brushes()) == [0]
    np.testing.assert_array_equal(section.item.kept(), inside)
    qtbot.mouseClick(section.clear_button, Qt.MouseButton.LeftButton)
    assert section.item.kept().all()


def test_brush_by_value_and_kept_across_axis_changes(parallel, compare_mlruns):
    _, section = parallel
    _, written = compare_mlruns
    by_name = {w.name: w for w in written}
    scores = np.array([by_name[n].latest["score"] for n in ALL])
    lo, hi = np.percentile(scores, [30, 60])
    section.set_brush("metric:score", lo, hi)
    expected = (scores >= lo) & (scores <= hi)
    np.testing.assert_array_equal(section.item.kept(), expected)
    # Removing another axis keeps the score range (now on axis 2).
    section.set_axes(["param:driver", "param:lr", "metric:score"])
    assert list(section.item.brushes()) == [2]
    np.testing.assert_array_equal(section.item.kept(), expected)


def test_hover_names_the_run_under_the_cursor(qtbot, parallel, compare_mlruns):
    _, section = parallel
    _, written = compare_mlruns
    by_name = {w.name: w for w in written}
    top = max(ALL, key=lambda n: float(by_name[n].params["driver"]))
    viewport = section.graphics.viewport()
    QTest.mouseMove(viewport, _to_viewport(section, 0, 0.5))
    qtbot.wait(30)
    QTest.mouseMove(viewport, _to_viewport(section, 0, 1.0))
    qtbot.waitUntil(lambda: section.item.hovered_run() == ALL.index(top))
    assert section.item.hover_text() == top
    QTest.mouseMove(viewport, _to_viewport(section, 1.5, -0.05))
    qtbot.waitUntil(lambda: section.item.hovered_run() == -1)
    assert section.item.hover_text() == ""


def test_colour_by_metric_bins_runs_and_shows_the_bar(parallel, compare_mlruns):
    _, section = parallel
    combo = section.color_combo
    combo.setCurrentIndex(combo.findData("metric:loss"))
    assert section.bar.isVisible()
    lo, hi = section.bar.levels()
    _, written = compare_mlruns
    losses = [w.latest["loss"] for w in written]
    assert lo == pytest.approx(min(losses))
    assert hi == pytest.approx(max(losses))
    assert section.item.colour_groups() > 3  # several colour bins drawn
    combo.setCurrentIndex(combo.findData(""))
    assert not section.bar.isVisible()
    assert section.item.colour_groups() == 1
