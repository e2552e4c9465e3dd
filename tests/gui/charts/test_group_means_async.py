"""Group means of a line card are computed on the worker pool: the card draws them
when they come back, and never draws means computed for runs, groups or options
that were replaced meanwhile (runs written by MLflow: the compare experiments)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool

from desktop.analysis.curves import XAxis
from desktop.analysis.group_curves import Band, group_curve
from desktop.core.columns import Column
from desktop.ui.charts.card import ChartRuns
from desktop.ui.charts.line_card import LineCard
from tests.gui.charts.test_charts_view import (
    cards_by_title,
    close_window,
    open_window,
    show_charts,
)

pytestmark = pytest.mark.usefixtures("in_process_imports")


@pytest.fixture
def grouped(qtbot, store_file):
    """The ``loss`` card, drawn with the table grouped by optimizer."""
    win, store = open_window(qtbot, store_file)
    win.runs.set_group_by((Column("param", "optimizer"),))
    charts = show_charts(qtbot, win)
    card = cards_by_title(charts)["loss"]
    assert isinstance(card, LineCard)
    qtbot.waitUntil(lambda: card.chart is not None, timeout=15_000)
    yield charts, card
    QThreadPool.globalInstance().waitForDone()
    close_window(win, store)


def settle() -> None:
    """Let every pool job finish and deliver (or have dropped) its result."""
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()


def halves(card: LineCard) -> ChartRuns:
    """The card's runs in two groups of their own ("first", "second")."""
    runs = card.runs
    assert runs is not None
    pks = list(runs.runs.pks)
    groups = {"first": pks[: len(pks) // 2], "second": pks[len(pks) // 2 :]}
    return ChartRuns.of(runs.runs, runs.colors, groups)


def expected_means(charts, card: LineCard, smoothing: float = 0.0) -> list:
    runs = card.runs
    assert runs is not None
    assert runs.groups is not None
    key = card.spec.metric
    return [
        group_curve(
            [h for pk in members if (h := charts.histories.get((pk, key)))],
            XAxis.STEP,
            Band.RANGE,
            smoothing,
        ).mean
        for members in runs.groups.values()
    ]


def test_means_of_replaced_groups_are_never_drawn(qtbot, grouped) -> None:
    charts, card = grouped
    names = card.group_names()
    assert names is not None
    assert all(n.startswith("optimizer=") for n in names)
    card.redraw()  # averaging the optimizer groups again, on the pool
    assert card.is_averaging()
    assert card.chart is None
    assert card.status.text().startswith("Averaging")
    card.set_runs(halves(card))  # the grouping changed before they came back
    settle()
    assert card.chart is None  # the optimizer means were dropped
    assert card.group_names() is None
    card.set_histories(charts.histories)
    qtbot.waitUntil(lambda: card.chart is not None, timeout=10_000)
    assert card.group_names() == ["first", "second"]
    for y, mean in zip(card.chart.y, expected_means(charts, card), strict=True):
        np.testing.assert_allclose(y, mean)


def test_smoothing_changed_while_averaging_draws_the_new_smoothing(
    qtbot, grouped
) -> None:
    charts, card = grouped
    card.redraw()
    assert card.is_averaging()
    card.set_smoothing(0.6)  # before the unsmoothed means came back
    qtbot.waitUntil(lambda: card.chart is not None, timeout=10_000)
    settle()
    assert not charts.is_loading()
    smoothed = expected_means(charts, card, 0.6)
    for y, mean in zip(card.chart.y, smoothed, strict=True):
        np.testing.assert_allclose(y, mean)
    plain = expected_means(charts, card, 0.0)
    assert not np.allclose(card.chart.y[0], plain[0])
