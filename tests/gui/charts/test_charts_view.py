"""The runs charts view: cards over every run the filter shows, on runs written by
MLflow (the compare experiments: ``loss`` over 20 steps, ``score`` over 3, two
metrics logged once)."""

from __future__ import annotations

import statistics

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop.analysis.chart_cards import CardKind, CardSize, CardSpec
from desktop.ui.charts.bar_card import BarCard
from desktop.ui.charts.card import CARD_MIME
from desktop.ui.charts.line_card import LineCard
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.run_colors import run_colors
from desktop.ui.settings import Settings
from tests.gui.conftest import wait_for_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")


def open_window(qtbot, path, experiment="compare-a"):
    """A main window on the store, on one experiment, charts not yet shown."""
    from desktop.store.database import open_store

    store = open_store(path)
    window = MainWindow(store, Settings())
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    wait_for_runs(qtbot, window)
    tree = window.experiments
    pk = next(
        e.pk
        for e in window.runs.catalog.sources_and_experiments()[1]
        if e.name == experiment
    )
    tree.select_experiment(pk)
    qtbot.waitUntil(lambda: window.runs.experiment_pks == (pk,), timeout=10_000)
    wait_for_runs(qtbot, window, 20 if experiment == "compare-a" else 5)
    return window, store


def close_window(window, store) -> None:
    window.close()
    window.importer.cancel()
    window.importer.wait()
    store.close()


def show_charts(qtbot, window):
    """Press the Charts button and wait until every card is drawn."""
    qtbot.mouseClick(window.runs.views.charts_button, Qt.MouseButton.LeftButton)
    charts = window.runs.views.charts
    qtbot.waitUntil(
        lambda: charts.isVisible() and not charts.is_loading(), timeout=15_000
    )
    return charts


def cards_by_title(charts):
    return {c.title.text(): c for c in charts.cards}


@pytest.fixture
def win(qtbot, store_file):
    window, store = open_window(qtbot, store_file)
    yield window
    close_window(window, store)


def test_charts_show_a_card_per_metric_and_a_line_per_run(qtbot, win):
    assert win.runs.views.charts is None  # made when first shown
    charts = show_charts(qtbot, win)
    assert not win.runs.table.isVisible()
    cards = cards_by_title(charts)
    # Histories get line cards, metrics logged once per run a bar of their value.
    assert set(cards) == {"loss", "score", "constant (latest)", "val_loss (latest)"}
    assert isinstance(cards["loss"], LineCard)
    assert isinstance(cards["score"], LineCard)
    assert cards["loss"].curve_count() == 20
    assert cards["score"].curve_count() == 20
    assert cards["constant (latest)"].bar_count() == 20
    assert cards["val_loss (latest)"].bar_count() == 10  # logged by every other run
    # Every point is drawn: 20 steps of loss per run.
    chart = cards["loss"].chart
    assert [len(x) for x in chart.x] == [20] * 20
    # Each run has its own colour, the same in every card.
    runs = charts.runs
    expected = run_colors().colors(r.run_id for r in runs.runs.runs)
    for i in range(len(runs.runs)):
        assert cards["loss"].line_color(i) == expected[i]
        assert cards["score"].line_color(i) == expected[i]
    # The View menu action switches back to the table.
    win.runs.views.action.trigger()
    assert win.runs.table.isVisible()
    assert not charts.isVisible()


def test_a_filter_change_updates_the_cards(qtbot, win, compare_mlruns):
    charts = show_charts(qtbot, win)
    _, written = compare_mlruns
    driver_names = sorted(
        r.name
        for r in written
        if r.experiment == "compare-a" and r.latest["score"] > 15
    )
    assert 0 < len(driver_names) < 20
    win.runs.filter_edit.setText("metrics.score > 15")
    qtbot.waitUntil(
        lambda: win.runs.model.match_count() == len(driver_names), timeout=10_000
    )
    qtbot.waitUntil(lambda: not charts.is_loading(), timeout=15_000)
    loss = cards_by_title(charts)["loss"]
    assert loss.curve_count() == len(driver_names)
    assert sorted(charts.runs.names) == driver_names


def _scene_point(card: LineCard, run: int, step_index: int) -> QPoint:
    """Where run ``run``'s point ``step_index`` is drawn, in the card's view."""
    chart = card.chart
    x, y = float(chart.x[run][step_index]), float(chart.y[run][step_index])
    scene = chart.plot.vb.mapViewToScene(QPointF(x, y))
    return card.graphics.mapFromScene(scene)


def move_mouse(widget, pos: QPoint) -> None:
    """A mouse move over ``widget`` (QTest's moves reach no view offscreen)."""
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        widget.mapToGlobal(QPointF(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def test_clicking_a_line_selects_its_run_and_hover_names_it(qtbot, win):
    charts = show_charts(qtbot, win)
    card = cards_by_title(charts)["loss"]
    runs = charts.runs
    at_10 = [float(y[10]) for y in card.chart.y]
    # The run whose line stands furthest from the others at step 10.
    target = max(
        range(len(at_10)),
        key=lambda i: min(abs(at_10[i] - v) for j, v in enumerate(at_10) if j != i),
    )
    pos = _scene_point(card, target, 10)
    move_mouse(card.graphics.viewport(), pos)
    qtbot.waitUntil(lambda: card.hover.text().startswith(runs.names[target] + ":"))
    qtbot.mouseClick(card.graphics.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    pk = runs.runs.pks[target]
    qtbot.waitUntil(lambda: win.runs.selected_pks() == {pk})
    qtbot.waitUntil(lambda: win.detail.isVisible(), timeout=5000)
    # The clicked run is highlighted: drawn on top, the others dimmed.
    qtbot.waitUntil(lambda: card.highlighted() == [target])


def test_selecting_in_the_table_highlights_the_runs(qtbot, win):
    charts = show_charts(qtbot, win)
    runs = charts.runs
    picked = {runs.runs.pks[2], runs.runs.pks[5]}
    win.runs.select_runs(picked)
    card = cards_by_title(charts)["loss"]
    assert sorted(card.highlighted()) == [2, 5]
    top = card._on_top
    assert len(top) == 2
    assert all(item.isVisible() for item in top)
    bar = cards_by_title(charts)["constant (latest)"]
    assert isinstance(bar, BarCard)
    assert bar._highlight == {2, 5}
    win.runs.select_runs(set())
    assert card.highlighted() == []


def test_added_removed_and_moved_cards_are_remembered(qtbot, store_file):
    path = store_file
    window, store = open_window(qtbot, path)
    charts = show_charts(qtbot, window)

    # Add a scatter card through the dialog.
    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        assert dialog.objectName() == "addChartDialog"
        dialog.kind_combo.setCurrentIndex(
            dialog.kind_combo.findData(CardKind.SCATTER.value)
        )
        dialog.x_combo.setCurrentIndex(dialog.x_combo.findData("param:driver"))
        dialog.y_combo.setCurrentIndex(dialog.y_combo.findData("metric:score"))
        dialog.accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, fill_dialog)
    qtbot.mouseClick(charts.add_button, Qt.MouseButton.LeftButton)
    scatter = charts.cards[-1]
    assert scatter.spec == CardSpec(
        CardKind.SCATTER, x="param:driver", y="metric:score"
    )
    assert scatter.point_count() == 20
    # Remove "constant", move "score" first, make "loss" large.
    cards = cards_by_title(charts)
    cards["constant (latest)"].remove_action.trigger()
    cards["score"].move_left_action.trigger()
    cards["loss"].size_actions[CardSize.LARGE].trigger()
    expected = [
        ("score", CardKind.LINE, CardSize.MEDIUM),
        ("loss", CardKind.LINE, CardSize.LARGE),
        ("val_loss", CardKind.BAR, CardSize.SMALL),
        ("", CardKind.SCATTER, CardSize.MEDIUM),
    ]
    specs = [(s.metric, s.kind, s.size) for s in charts.card_specs()]
    assert specs == expected
    close_window(window, store)

    window, store = open_window(qtbot, path)
    # The charts were shown: they are again.
    qtbot.waitUntil(window.runs.views.is_charts)
    charts = window.runs.views.charts
    qtbot.waitUntil(
        lambda: charts.isVisible() and not charts.is_loading(), timeout=15_000
    )
    assert [(s.metric, s.kind, s.size) for s in charts.card_specs()] == expected
    assert charts.cards[-1].point_count() == 20
    # Another experiment has its own layout: the defaults.
    other = next(
        e.pk
        for e in window.runs.catalog.sources_and_experiments()[1]
        if e.name == "compare-b"
    )
    window.experiments.select_experiment(other)
    qtbot.waitUntil(lambda: window.runs.experiment_pks == (other,), timeout=10_000)
    qtbot.waitUntil(
        lambda: len(charts.runs.names) == 5 and not charts.is_loading(), timeout=15_000
    )
    assert {c.title.text() for c in charts.cards} == {
        "loss",
        "score",
        "constant (latest)",
    }
    close_window(window, store)


def test_dropping_a_card_on_another_moves_it_there(qtbot, win):
    charts = show_charts(qtbot, win)
    cards = cards_by_title(charts)
    dragged, target = cards["val_loss (latest)"], cards["loss"]
    place = charts.cards.index(target)
    mime = QMimeData()
    mime.setData(CARD_MIME, dragged.drag_token.encode())
    center = QPointF(target.rect().center())
    for kind in (QEvent.Type.DragEnter, QEvent.Type.Drop):
        cls = QDragEnterEvent if kind == QEvent.Type.DragEnter else QDropEvent
        event = cls(
            center.toPoint() if cls is QDragEnterEvent else center,
            Qt.DropAction.MoveAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(target, event)
        assert event.isAccepted()
    titles = [c.title.text() for c in charts.cards]
    assert titles.index("val_loss (latest)") == place
    assert titles.index("loss") == place + 1


def test_clicking_a_bar_or_a_point_selects_its_run(qtbot, win, compare_mlruns):
    charts = show_charts(qtbot, win)
    runs = charts.runs
    bar = cards_by_title(charts)["constant (latest)"]
    # The third bar is the third run in the table's order.
    scene = bar.plot.vb.mapViewToScene(QPointF(2.0, 0.5))
    pos = bar.graphics.mapFromScene(scene)
    move_mouse(bar.graphics.viewport(), pos)
    qtbot.waitUntil(lambda: bar.hover.text() == f"{runs.names[2]}: 1")
    qtbot.mouseClick(bar.graphics.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: win.runs.selected_pks() == {runs.runs.pks[2]})
    # A scatter of a param against a metric: each point is a run.
    _, written = compare_mlruns
    scatter = charts.add_spec(
        CardSpec(CardKind.SCATTER, x="param:driver", y="metric:score")
    )
    assert scatter.point_count() == 20
    target = runs.names.index("a-run-07")
    oracle = next(r for r in written if r.name == "a-run-07")
    x, y = float(oracle.params["driver"]), oracle.latest["score"]
    charts.scroll_area.ensureWidgetVisible(scatter)
    qtbot.waitUntil(lambda: not scatter.visibleRegion().isEmpty())
    scene = scatter.plot.vb.mapViewToScene(QPointF(x, y))
    pos = scatter.graphics.mapFromScene(scene)
    move_mouse(scatter.graphics.viewport(), pos)
    qtbot.waitUntil(lambda: scatter.hover.text().startswith("a-run-07: driver = "))
    qtbot.mouseClick(scatter.graphics.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: win.runs.selected_pks() == {runs.runs.pks[target]})


def test_grouped_runs_chart_one_mean_line_per_group(qtbot, win, compare_mlruns):
    """With the table grouped, a line card draws each group's mean per step (over
    a band), checked against the histories MLflow logged."""
    from desktop.core.columns import Column

    _root, written = compare_mlruns
    panel = win.runs
    panel.set_group_by((Column("param", "optimizer"),))
    charts = show_charts(qtbot, win)
    card = cards_by_title(charts)["loss"]
    assert isinstance(card, LineCard)
    qtbot.waitUntil(lambda: card.chart is not None, timeout=15_000)
    runs = [r for r in written if r.experiment == "compare-a"]
    by_group: dict[str, list] = {}
    for run in runs:
        by_group.setdefault(run.params["optimizer"], []).append(run.history["loss"])
    assert card.curve_count() == len(by_group)
    chart = card.chart
    for name, x, y in zip(card.group_names(), chart.x, chart.y, strict=True):
        histories = by_group[name.split("=", 1)[1]]
        for step in (0, 10, 19):
            values = [v for h in histories for (s, _t, v) in h if s == step]
            at = int(x.tolist().index(step))
            assert y[at] == pytest.approx(sum(values) / len(values))
    # The band spans min to max; the Band switch (shown while grouped) makes it
    # ±1 std, and the view remembers the choice.
    assert charts.band_combo.isVisible()
    name = card.group_names()[0]
    histories = by_group[name.split("=", 1)[1]]
    at_step = [v for h in histories for (s, _t, v) in h if s == 10]
    drawn = card.group_band(name)
    at = int(drawn.x.tolist().index(10))
    assert drawn.low[at] == pytest.approx(min(at_step))
    assert drawn.high[at] == pytest.approx(max(at_step))
    std_band = charts.band_combo.findData("std")
    charts.band_combo.setCurrentIndex(std_band)
    qtbot.waitUntil(
        lambda: (
            card.chart is not None
            and (band := card.group_band(name)) is not None
            and band.high[at] != pytest.approx(max(at_step))
        ),
        timeout=15_000,
    )
    mean, spread = statistics.fmean(at_step), statistics.stdev(at_step)
    band = card.group_band(name)
    assert band.mean[at] == pytest.approx(mean)
    assert (band.low[at], band.high[at]) == pytest.approx(
        (mean - spread, mean + spread)
    )
    assert charts.layout_state.band.value == "std"
    panel.set_group_by(())
    qtbot.waitUntil(lambda: not charts.is_loading(), timeout=15_000)
    qtbot.waitUntil(lambda: card.chart is not None and card.curve_count() == 20)
    assert not charts.band_combo.isVisible()


def _clashing_runs(runs) -> list[int]:
    """Positions of two runs whose colours are the same or look alike."""
    from desktop.core.run_colors import DISTINCT, PALETTE
    from desktop.core.run_colors import _distance as distance

    by_color = {c: i for i, c in enumerate(PALETTE)}
    slots = [by_color[c.name()] for c in runs.colors]
    for a in range(len(slots)):
        for b in range(a + 1, len(slots)):
            if distance(slots[a], slots[b]) < DISTINCT:
                return [a, b]
    raise AssertionError("20 runs in 24 colours always have a clash")


def test_a_run_has_one_colour_in_compare_and_in_the_charts_view(qtbot, win):
    """Compare tells apart runs whose colours clash, and the charts view then draws
    them in the same colours as Compare."""
    charts = show_charts(qtbot, win)
    card = cards_by_title(charts)["loss"]
    runs = charts.runs
    pair = _clashing_runs(runs)
    names = [runs.names[i] for i in pair]
    # Back to the table: tick the two runs (Ctrl+click) and press Compare.
    win.runs.views.action.trigger()
    table, model = win.runs.table, win.runs.model
    table.clearSelection()
    for i in pair:
        row = model.row_of(runs.runs.pks[i])
        rect = table.visualRect(model.index(row, table.columnAt(table.width() // 2)))
        qtbot.mouseClick(
            table.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            rect.center(),
        )
    assert win.runs.selected_pks() == {runs.runs.pks[i] for i in pair}
    qtbot.mouseClick(win.runs.compare_button, Qt.MouseButton.LeftButton)
    (dialog,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, CompareDialog) and w.isVisible()
    ]
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15_000)
    curves = dialog.show_section("curves")
    assert set(curves.legend_names()) == set(names)
    compared = {
        name: curves.colors[k].name() for k, name in enumerate(curves.legend_names())
    }
    assert compared[names[0]] != compared[names[1]]
    # The compare table's run headers carry the same colours.
    model = dialog.show_section("table").model
    for column in range(model.columnCount()):
        icon = model.headerData(
            column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole
        )
        name = model.headerData(column, Qt.Orientation.Horizontal)
        image = icon.pixmap(12, 12).toImage()
        assert image.pixelColor(6, 6).name() == compared[name]
    dialog.close()
    # The charts view draws both runs in Compare's colours.
    win.runs.views.action.trigger()
    qtbot.waitUntil(lambda: charts.isVisible() and not charts.is_loading())
    qtbot.waitUntil(lambda: card.chart is not None)
    for i, name in zip(pair, names, strict=True):
        assert card.line_color(i).name() == compared[name]
