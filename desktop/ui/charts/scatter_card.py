"""A scatter card: one point per run, x and y from any param or metric."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from desktop.analysis.chart_cards import CardSpec
from desktop.analysis.defaults import suggests_log
from desktop.analysis.parallel import can_log
from desktop.analysis.variables import Variable
from desktop.ui.charts.card import ChartCard, ChartRuns, HoverThrottle
from desktop.ui.plot_style import layout_widget, palette_colors, style_plot

HIT_PIXELS = 10
DIMMED_ALPHA = 50


def variable_label(ident: str) -> str:
    """A variable id (``param:lr``, ``metric:min:loss``) as a short label."""
    kind, _, rest = ident.partition(":")
    field, _, key = rest.partition(":")
    if kind == "metric" and field in ("min", "max") and key:
        return f"{key} ({field})"
    return rest


class ScatterCard(ChartCard):
    """Runs as points in their colours; hover names the run, click selects it."""

    def __init__(self, spec: CardSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.set_title(
            self.tr("{0} vs {1}").format(variable_label(spec.y), variable_label(spec.x))
        )
        self.runs: ChartRuns | None = None
        self.shown = np.empty(0, dtype=np.int64)  # run index of each point
        self.xs = np.empty(0)
        self.ys = np.empty(0)
        self._x: Variable | None = None
        self._y: Variable | None = None
        self._highlight: set[int] = set()
        self.log_x = self.log_y = False
        self.graphics = layout_widget(self)
        self.graphics.setObjectName("scatterCardView")
        self.body.addWidget(self.graphics)
        self.plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        style_plot(self.plot)
        self.plot.setMenuEnabled(False)
        self.points = pg.ScatterPlotItem(size=8, pen=pg.mkPen(palette_colors()[0]))
        self.plot.addItem(self.points)
        scene = self.graphics.scene()
        self._hover = HoverThrottle(scene, self._on_mouse, self)
        scene.sigMouseClicked.connect(self._on_click)

    def set_runs(self, runs: ChartRuns) -> None:
        """Plot every run that has both values."""
        self.runs = runs
        try:
            self._x = runs.runs.variable(self.spec.x)
            self._y = runs.runs.variable(self.spec.y)
        except KeyError:
            self._x = self._y = None
        if self._x is None or self._y is None:
            self.shown = np.empty(0, dtype=np.int64)
            self.log_x = self.log_y = False
        else:
            # Values spanning about three decades (lr, C) on log axes, as in
            # the compare dialog's scatter.
            self.log_x, self.log_y = (
                can_log(v) and suggests_log(v) for v in (self._x, self._y)
            )
            with np.errstate(divide="ignore", invalid="ignore"):
                x = np.log10(self._x.values) if self.log_x else self._x.values
                y = np.log10(self._y.values) if self.log_y else self._y.values
            self.shown = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
            self.xs, self.ys = x[self.shown], y[self.shown]
        self.show_status("" if self.shown.size else self.tr("No run has both values"))
        for name, variable, ident, log in (
            ("bottom", self._x, self.spec.x, self.log_x),
            ("left", self._y, self.spec.y, self.log_y),
        ):
            axis = self.plot.getAxis(name)
            axis.setLogMode(log)
            axis.logTickStrings = _plain_log_ticks
            axis.setLabel(variable_label(ident))
            axis.setTicks(
                [list(enumerate(variable.categories))]
                if variable is not None and variable.is_categorical
                else None
            )
        self._draw()
        self.plot.enableAutoRange()

    def point_count(self) -> int:
        """How many runs are plotted."""
        return int(self.shown.size)

    def _draw(self) -> None:
        runs = self.runs
        if runs is None or not self.shown.size:
            self.points.setData([], [])
            return
        dim = bool(self._highlight) and len(self._highlight) < self.shown.size
        brushes = []
        for i in self.shown.tolist():
            color = QColor(runs.colors[i])
            if dim and i not in self._highlight:
                color.setAlpha(DIMMED_ALPHA)
            brushes.append(pg.mkBrush(color))
        sizes = [11 if dim and i in self._highlight else 8 for i in self.shown.tolist()]
        self.points.setData(x=self.xs, y=self.ys, brush=brushes, size=sizes)

    def set_highlight(self, indices: Sequence[int]) -> None:
        """Dim the points of the runs not selected."""
        self._highlight = set(indices)
        self._draw()

    def point_near(self, pos: QPointF) -> int | None:
        """The run whose point is nearest a scene position, within a few pixels."""
        vb = self.plot.vb
        if not self.shown.size or not vb.sceneBoundingRect().contains(pos):
            return None
        at = vb.mapSceneToView(pos)
        px_w, px_h = vb.viewPixelSize()
        if px_w <= 0 or px_h <= 0:
            return None
        d = ((self.xs - at.x()) / px_w) ** 2 + ((self.ys - at.y()) / px_h) ** 2
        n = int(np.argmin(d))
        return int(self.shown[n]) if d[n] <= HIT_PIXELS**2 else None

    def _on_mouse(self, event: tuple[QPointF]) -> None:
        i = self.point_near(event[0])
        runs = self.runs
        if i is None or runs is None or self._x is None or self._y is None:
            self.show_hover("")
            return
        self.show_hover(
            self.tr("{0}: {1} = {2}, {3} = {4}").format(
                runs.names[i],
                variable_label(self.spec.x),
                self._x.text(i),
                variable_label(self.spec.y),
                self._y.text(i),
            )
        )

    def _on_click(self, event) -> None:
        runs = self.runs
        if runs is None or event.button() != Qt.MouseButton.LeftButton:
            return
        i = self.point_near(event.scenePos())
        if i is not None:
            self.run_clicked.emit(runs.runs.pks[i])


def _plain_log_ticks(values, _scale, _spacing) -> list[str]:
    """Log-axis ticks as the numbers they stand for (``0.01``, ``10``)."""
    return [f"{10.0**v:.4g}" for v in values]
