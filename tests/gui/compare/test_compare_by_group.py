"""Compare by group beyond the curves: the table, parallel coordinates and the
scatter compare the groups (one column, line or point per group), checked
against MLflow's own ``search_runs``; a switch goes back to each run."""

from __future__ import annotations

import csv
import statistics
from collections import defaultdict

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop.core.columns import Column
from desktop.core.formatting import format_number
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.compare.table_model import BEST, DIFFER
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.conftest import fresh_store, prepared_store
from tests.gui.conftest import wait_for_runs
from tests.mlflow_seeds import write_seed_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, store_template):
    base = tmp_path_factory.mktemp("compare-by-group")
    client, exp = write_seed_runs(base / "mlruns")
    made = prepared_store(store_template, base / "store.db", base / "mlruns")
    by_lr = defaultdict(list)
    for run in client.search_runs([exp]):
        by_lr[f"lr={run.data.params['lr']}"].append(run)
    return made, dict(by_lr)


@pytest.fixture
def grouped(qtbot, seeds, tmp_path):
    """The runs table grouped by lr, both groups selected, Compare opened."""
    made, _ = seeds
    store = fresh_store(made, tmp_path / "store.db")
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    wait_for_runs(qtbot, win, 6)
    panel = win.runs
    panel.set_group_by((Column("param", "lr"),))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=10000)
    panel.table.selectAll()
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)

    def opened() -> list[CompareDialog]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, CompareDialog) and w.isVisible()
        ]

    qtbot.waitUntil(lambda: bool(opened()), timeout=10000)
    dialog = opened()[0]
    dialog.resize(1280, 720)
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15000)
    yield dialog
    dialog.close()
    win.close()
    store.close()


def _hover(qtbot, widget, point: QPoint) -> None:
    """Move the mouse (no button) to ``point`` of ``widget``."""
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(point),
        QPointF(widget.mapToGlobal(point)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, move)
    qtbot.wait(25)  # pyqtgraph drops moves closer than 10 ms


def _values(runs, key):
    return [r.data.metrics[key] for r in runs if key in r.data.metrics]


def _cell(model, row_id, column):
    return model.index(model.section_of(row_id), column)


def test_the_table_has_a_column_per_group_with_means_and_spreads(
    qtbot, grouped, seeds, tmp_path
):
    _, by_lr = seeds
    table = grouped.table
    model = table.view.model()
    assert table.mode.isVisible()
    assert table.by_group()
    names = list(grouped.groups)
    assert model.columnCount() == 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == [
        f"{n}\n3 runs" for n in names
    ]
    for column, name in enumerate(names):
        runs = by_lr[name]
        loss = _values(runs, "val_loss")
        index = _cell(model, "metric:latest:val_loss", column)
        mean, std = statistics.fmean(loss), statistics.stdev(loss)
        assert index.data() == f"{format_number(mean)} ± {std:.3g}"
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        assert f"min: {format_number(min(loss))}" in tip
        assert f"max: {format_number(max(loss))}" in tip
        seed = _cell(model, "param:seed", column)
        assert seed.data() == "varies (3 values)"
        assert "0 — 1 run" in seed.data(Qt.ItemDataRole.ToolTipRole)  # 1 run(s)
        assert _cell(model, "param:lr", column).data() == name.split("=")[1]
        assert _cell(model, "param:optimizer", column).data() == "adam"
    # lr=0.01 lost one seed's acc: counted as such
    acc = _cell(model, "metric:latest:acc", names.index("lr=0.01")).data()
    assert acc.endswith("(2 of 3 runs)")
    # the groups differ on lr, and lr=0.1 has the best (lowest) mean loss
    assert _cell(model, "param:lr", 0).data(Qt.ItemDataRole.BackgroundRole) == DIFFER
    assert (
        _cell(model, "param:optimizer", 0).data(Qt.ItemDataRole.BackgroundRole) is None
    )
    best = _cell(model, "metric:latest:val_loss", names.index("lr=0.1"))
    assert best.data(Qt.ItemDataRole.BackgroundRole) == BEST
    # min and max join the mean on demand
    qtbot.mouseClick(table.min_max, Qt.MouseButton.LeftButton)
    loss = _values(by_lr[names[0]], "val_loss")
    text = _cell(model, "metric:latest:val_loss", 0).data()
    assert text.endswith(f"[{format_number(min(loss))}, {format_number(max(loss))}]")
    # the export writes what is shown: means, stds, mins and maxes
    path = tmp_path / "groups.csv"
    table.export_csv(str(path))
    with path.open(newline="") as f:
        written = list(csv.reader(f))
    assert written[0] == ["field", *names]
    lines = {line[0]: line[1:] for line in written[1:]}
    for column, name in enumerate(names):
        loss = _values(by_lr[name], "val_loss")
        assert float(lines["metrics.val_loss (mean)"][column]) == pytest.approx(
            statistics.fmean(loss)
        )
        assert float(lines["metrics.val_loss (max)"][column]) == max(loss)
    # differences only hides the optimizer; groups as rows sort by a mean
    qtbot.mouseClick(table.diff_only, Qt.MouseButton.LeftButton)
    assert model.section_of("param:optimizer") == -1
    assert model.section_of("param:lr") >= 0
    qtbot.mouseClick(table.transpose, Qt.MouseButton.LeftButton)
    assert table.transpose.text() == "Groups as rows"
    assert model.rowCount() == 2
    column = model.section_of("metric:latest:val_loss")
    table.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    header = [model.headerData(r, Qt.Orientation.Vertical) for r in range(2)]
    assert header == ["lr=0.01 · 3 runs", "lr=0.1 · 3 runs"]  # higher mean loss first
    # back to each run
    table.mode.setCurrentIndex(table.mode.findText("Each run"))
    assert not table.by_group()
    assert table.view.model().rowCount() == 6
    assert table.transpose.text() == "Runs as rows"


def test_parallel_coordinates_draw_a_line_per_group_at_its_means(qtbot, grouped, seeds):
    _, by_lr = seeds
    section = grouped.show_section("parallel")
    qtbot.waitUntil(section.is_built)
    assert section.mode.isVisible()
    assert not section.color_combo.isVisible()
    assert section.axis_ids() == ["param:lr", "metric:val_loss", "metric:acc"]
    assert section.item.matrix.shape == (2, 3)
    assert len(section.item.polylines(kept=True)) == 2
    assert section.item.colour_groups() == 2
    names = list(grouped.groups)
    assert section.group_legend.isVisible()
    legend = section.group_legend.text()
    assert all(f"{n} · 3 runs" in legend for n in names)
    loss = section.variables[1]
    for g, name in enumerate(names):
        assert loss.values[g] == pytest.approx(
            statistics.fmean(_values(by_lr[name], "val_loss"))
        )
    # hover names the group and its count (once the plot has its size)
    qtbot.waitUntil(lambda: section.view_box.rect().height() > 300)
    viewport = section.graphics.viewport()
    top = int(section.item.matrix[:, 0].argmax())
    for unit in (0.5, 1.0):  # enter the plot, then go to the top line
        at = section.view_box.mapViewToScene(QPointF(0.0, unit))
        _hover(qtbot, viewport, section.graphics.mapFromScene(at))
    qtbot.waitUntil(lambda: section.item.hovered_run() == top)
    assert section.item.hover_text() == f"{names[top]} · 3 runs"
    # brushing a group selects its runs
    section.set_brush("param:lr", 0.05, 0.2)
    assert sorted(section.kept_pks()) == sorted(grouped.groups["lr=0.1"])
    rows = section.csv_rows()
    assert rows[0][:2] == ["group", "runs"]
    assert [r[-1] for r in rows[1:]] == [n == "lr=0.1" for n in names]
    section.mode.setCurrentIndex(section.mode.findText("Each run"))
    qtbot.waitUntil(lambda: section.item.matrix.shape[0] == 6)
    assert section.color_combo.isVisible()


def test_scatter_plots_groups_at_their_means_with_error_bars(qtbot, grouped, seeds):
    _, by_lr = seeds
    section = grouped.show_section("scatter")
    qtbot.waitUntil(section.is_built)
    assert section.x_combo.currentData() == "param:lr"
    assert section.y_combo.currentData() == "metric:val_loss"
    assert section.log_y.isChecked() is False
    names = list(grouped.groups)
    shown, x, y = section.plotted()
    assert shown.tolist() == [0, 1]
    ends = section.error_bar_ends()
    for g, name in enumerate(names):
        loss = _values(by_lr[name], "val_loss")
        lr = float(name.split("=")[1])
        assert x[g] == pytest.approx(lr)
        assert y[g] == pytest.approx(statistics.fmean(loss))
        x_lo, x_hi, y_lo, y_hi = ends[g]
        assert (x_lo, x_hi) == pytest.approx((lr, lr))  # lr is the group's own
        assert (y_lo, y_hi) == pytest.approx((min(loss), max(loss)))
    assert len(section.error_bars) == 2
    assert section.legend_entries() == [f"{n} · 3 runs" for n in names]
    # coloured like the groups' curves
    curves = grouped.show_section("curves")
    brushes = [b.color().name() for b in section.points.data["brush"]]
    assert brushes == [c.name() for c in curves.colors]
    grouped.show_section("scatter")
    # ±1 std
    section.mode.setCurrentIndex(section.mode.findData("std"))
    ends = section.error_bar_ends()
    for g, name in enumerate(names):
        loss = _values(by_lr[name], "val_loss")
        mean, std = statistics.fmean(loss), statistics.stdev(loss)
        assert ends[g][2:] == pytest.approx((mean - std, mean + std))
    # hovering a point names the group and its count
    point = section.plot.vb.mapViewToScene(QPointF(x[0], y[0]))
    _hover(qtbot, section.graphics.viewport(), section.graphics.mapFromScene(point))
    view = section.plot.vb  # pyqtgraph puts the points' tip on their view
    qtbot.waitUntil(lambda: view.toolTip() != "")
    tip = view.toolTip().splitlines()
    assert tip[0] == f"{names[0]} · 3 runs"
    loss = _values(by_lr[names[0]], "val_loss")
    spread = statistics.stdev(loss)
    assert tip[2] == f"val_loss: {statistics.fmean(loss):.6g} ± {spread:.6g}"
    rows = section.csv_rows()
    assert rows[0] == [
        "group",
        "runs",
        "param:lr (mean)",
        "param:lr (low)",
        "param:lr (high)",
        "metric:val_loss (mean)",
        "metric:val_loss (low)",
        "metric:val_loss (high)",
    ]
    assert section.status.text() == "2 groups plotted"
    section.mode.setCurrentIndex(section.mode.findText("Each run"))
    qtbot.waitUntil(lambda: section.plotted()[0].size == 6)
    assert section.error_bars == []
    assert section.color_combo.isVisible()
