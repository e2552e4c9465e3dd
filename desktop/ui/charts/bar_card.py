"""A bar card: a metric's latest, min or max value, one bar per run."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QWidget

from desktop.analysis.chart_cards import CardSpec
from desktop.core.formatting import format_number
from desktop.ui.charts.card import ChartCard, ChartRuns, HoverThrottle
from desktop.ui.plot_style import layout_widget, style_plot

NAMED_BARS = 12
"""Bars are labelled with their run's name up to this many runs."""
DIMMED_ALPHA = 60
SPACED_BARS = 60
MIN_SLOTS = 4
"""The x axis has room for at least this many bars."""
"""Bars have gaps between them up to this many runs."""


def stat_name(stat: str) -> str:
    """latest / min / max as shown to the user."""
    translate = QCoreApplication.translate
    return {
        "latest": translate("BarCard", "latest"),
        "min": translate("BarCard", "min"),
        "max": translate("BarCard", "max"),
    }.get(stat, stat)


class BarCard(ChartCard):
    """One bar per run in view, in the table's order, in the run's colour."""

    def __init__(self, spec: CardSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.set_title(f"{spec.metric} ({stat_name(spec.stat)})")
        self.runs: ChartRuns | None = None
        self.values = np.empty(0)
        self.positions = np.empty(0, dtype=np.int64)  # run index of each bar
        self._highlight: set[int] = set()
        self.graphics = layout_widget(self)
        self.graphics.setObjectName("barCardView")
        self.body.addWidget(self.graphics)
        self.plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        style_plot(self.plot)
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=False, y=True, alpha=0.12)
        self.bars: pg.BarGraphItem | None = None
        scene = self.graphics.scene()
        self._hover = HoverThrottle(scene, self._on_mouse, self)
        scene.sigMouseClicked.connect(self._on_click)

    def set_runs(self, runs: ChartRuns) -> None:
        """Draw a bar per run that has the metric."""
        self.runs = runs
        values = runs.runs.metric(self.spec.metric, self.spec.stat).values
        self.positions = np.flatnonzero(np.isfinite(values))
        self.values = values[self.positions]
        self.show_status(
            "" if self.positions.size else self.tr("No run in view logged this metric")
        )
        self._draw()

    def bar_count(self) -> int:
        """How many bars are drawn."""
        return int(self.positions.size)

    def _draw(self) -> None:
        if self.bars is not None:
            self.plot.removeItem(self.bars)
            self.bars = None
        runs = self.runs
        if runs is None or not self.positions.size:
            return
        brushes = []
        dim = bool(self._highlight) and len(self._highlight) < self.positions.size
        for i in self.positions.tolist():
            color = QColor(runs.colors[i])
            if dim and i not in self._highlight:
                color.setAlpha(DIMMED_ALPHA)
            brushes.append(pg.mkBrush(color))
        x = np.arange(self.positions.size, dtype=np.float64)
        # Gaps between hundreds of one-pixel bars only make stripes.
        width = 0.8 if self.positions.size <= SPACED_BARS else 1.0
        self.bars = pg.BarGraphItem(
            x=x, height=self.values, width=width, brushes=brushes, pen=None
        )
        self.plot.addItem(self.bars)
        self._name_bars()
        self.plot.getAxis("bottom").setLabel(self.tr("runs, in the table's order"))
        lo = min(0.0, float(self.values.min()))
        hi = max(0.0, float(self.values.max()))
        if hi == lo:
            hi = lo + 1.0
        self.plot.setYRange(lo, hi, padding=0.05)
        slots = max(int(self.positions.size), MIN_SLOTS)  # one bar is not a wall
        self.plot.setXRange(-0.6, slots - 0.4, padding=0)

    def _name_bars(self) -> None:
        """Label the bars with run names shortened to the room each bar has
        (numbered positions for many bars)."""
        axis = self.plot.getAxis("bottom")
        runs, count = self.runs, int(self.positions.size)
        if runs is None or not count or count > NAMED_BARS:
            axis.setTicks(None)
            return
        room = self.graphics.width() / max(count, MIN_SLOTS)
        chars = max(3, int(room / max(1, self.fontMetrics().averageCharWidth())) - 2)
        axis.setTicks(
            [
                [
                    (float(n), _short(runs.names[i], chars))
                    for n, i in enumerate(self.positions)
                ]
            ]
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Shorten the bar names to the new width."""
        super().resizeEvent(event)
        self._name_bars()

    def set_highlight(self, indices: Sequence[int]) -> None:
        """Dim the bars of the runs not selected."""
        self._highlight = set(indices)
        self._draw()

    def bar_at(self, pos: QPointF) -> int | None:
        """The run position under a scene position (``None``: no bar)."""
        vb = self.plot.vb
        if not self.positions.size or not vb.sceneBoundingRect().contains(pos):
            return None
        x = round(vb.mapSceneToView(pos).x())
        if 0 <= x < self.positions.size:
            return int(self.positions[x])
        return None

    def _on_mouse(self, event: tuple[QPointF]) -> None:
        i = self.bar_at(event[0])
        runs = self.runs
        if i is None or runs is None:
            self.show_hover("")
            return
        n = int(np.searchsorted(self.positions, i))
        self.show_hover(
            self.tr("{0}: {1}").format(runs.names[i], format_number(self.values[n]))
        )

    def _on_click(self, event) -> None:
        runs = self.runs
        if runs is None or event.button() != Qt.MouseButton.LeftButton:
            return
        i = self.bar_at(event.scenePos())
        if i is not None:
            self.run_clicked.emit(runs.runs.pks[i])


def _short(name: str, length: int = 12) -> str:
    return name if len(name) <= length else name[: length - 1] + "…"
