"""A line card: one metric's history, one line per run, built with the compare
dialog's curve charts (every point, peak downsampling, lines of a colour drawn as
one item beyond 40 runs). When the table groups the runs, each group's mean and
band are computed on the worker pool and drawn when they come back (unless the
runs, grouping or options changed meanwhile)."""

from __future__ import annotations

import time
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QTimer
from PySide6.QtGui import QColor, QPainterPath, QPalette
from PySide6.QtWidgets import QWidget

from desktop.analysis.chart_cards import CardSpec
from desktop.analysis.chart_range import flat_x_range, flat_y_range
from desktop.analysis.curves import XAxis, ema
from desktop.analysis.group_curves import GroupCurve
from desktop.core.formatting import format_number, format_time
from desktop.core.gc_tuning import collection_paused
from desktop.core.thread_switching import fast_thread_switching
from desktop.core.views import History
from desktop.ui.charts.card import ChartCard, ChartRuns, HoverThrottle, LineOptions
from desktop.ui.charts.raster_lines import RasterLines
from desktop.ui.compare.curve_charts import (
    Chart,
    add_lines,
    line_x,
    new_chart,
    set_smoothing,
    x_span,
)
from desktop.ui.compare.group_lines import add_group_lines, band_path, group_curves
from desktop.ui.i18n import describe
from desktop.ui.plot_style import layout_widget
from desktop.ui.run_colors import run_colors
from desktop.ui.workers import AFTER_REPAINT_MS, LatestOnly

HIT_PIXELS = 8
"""How near (in pixels) the mouse must be to a line to pick its run."""
MAX_HIGHLIGHTED = 200
"""Selected runs drawn on top of the others; beyond this many, none is dimmed."""
DIMMED = 0.22
DRAW_BUDGET_S = 0.015
"""GUI-thread time per turn of the event loop spent adding group lines (many
groups are drawn over several turns)."""
_Averaged = tuple[int, list[str], list[GroupCurve], list[QPainterPath]]
"""What the pool hands back: the drawing it was for, group names, their curves
and their bands' outlines."""


@dataclass(slots=True)
class _GroupDrawing:
    """Group lines being added to ``chart``, a few per turn of the event loop."""

    drawing: int
    chart: Chart
    legend: pg.LegendItem
    curves: list[GroupCurve]
    paths: list[QPainterPath]
    done: int = 0


class LineCard(ChartCard):
    """A metric over steps or time for every run in view."""

    def __init__(
        self, spec: CardSpec, options: LineOptions, parent: QWidget | None = None
    ) -> None:
        super().__init__(spec, parent)
        self.set_title(spec.metric)
        self.options = options
        self.runs: ChartRuns | None = None
        self.histories: list[History | None] | None = None
        self.chart: Chart | None = None
        self._smoothed: dict[int, np.ndarray] = {}
        self._highlight: list[int] = []
        self._on_top: list[pg.PlotDataItem] = []
        self.raster: RasterLines | None = None
        # Group names and colours while the lines are the table's groups.
        self._group_names: list[str] | None = None
        self._group_colors: list[QColor] = []
        # Group means come from the pool; a result of an older drawing (other
        # runs, grouping, axis or smoothing) is dropped by its number.
        self._drawing = 0
        self._drawn_groups: dict[str, GroupCurve] = {}
        self._averaging = False
        self._group_job = LatestOnly(self)
        self._group_job.finished.connect(self._on_group_curves)
        self._group_job.failed.connect(self._on_group_failed)
        self._unfinished: _GroupDrawing | None = None
        self._draw_timer = QTimer(self)  # the next few groups, next turn
        self._draw_timer.setSingleShot(True)
        self._draw_timer.setInterval(0)
        self._draw_timer.timeout.connect(self._draw_more)
        self.graphics = layout_widget(self)
        self.graphics.setObjectName("lineCardView")
        self.body.addWidget(self.graphics)
        scene = self.graphics.scene()
        self._hover = HoverThrottle(scene, self._on_mouse, self)
        scene.sigMouseClicked.connect(self._on_click)
        self.show_status(self.tr("Loading histories…"))

    def wants_histories(self) -> str | None:
        """The card's metric, until its histories are in."""
        return self.spec.metric if self.histories is None else None

    # -- data ----------------------------------------------------------------------
    def set_runs(self, runs: ChartRuns) -> None:
        """New runs: wait for their histories."""
        self.runs = runs
        self.histories = None
        self._clear()
        self.show_status(self.tr("Loading histories…"))

    def set_histories(self, histories: Mapping[tuple[int, str], History]) -> None:
        """The metric's histories of the runs (absent ones: no line)."""
        if self.runs is None:
            return
        key = self.spec.metric
        self.histories = [histories.get((pk, key)) for pk in self.runs.runs.pks]
        self.redraw()

    def curve_count(self) -> int:
        """How many runs have a line in this card."""
        if self.chart is None:
            return 0
        return sum(
            1
            for y, shown in zip(self.chart.y, self.chart.shown, strict=True)
            if y is not None and shown
        )

    def is_averaging(self) -> bool:
        """Whether group means are being computed for this card."""
        return self._averaging

    def _clear(self) -> None:
        self._drawing += 1  # drops group means computed for the old drawing
        self._averaging = False
        self._unfinished = None
        self._draw_timer.stop()
        self.graphics.clear()
        self.chart = None
        self.raster = None
        self._smoothed.clear()
        self._on_top = []

    def redraw(self) -> None:
        """Rebuild the plot from the histories with the current options."""
        self._clear()
        runs, histories = self.runs, self.histories
        if runs is None or histories is None:
            return
        if not any(h is not None and len(h) for h in histories):
            self.show_status(self.tr("No run in view logged this metric"))
            return
        if runs.groups is not None:  # the table's groups: their means and bands
            self._average_groups(runs.groups, histories)
            return
        self.show_status("")
        axis, options = self.options.x_axis, self.options
        chart = self._new_chart()
        xs = [
            None if h is None else line_x(h, axis, run.start_time)
            for h, run in zip(histories, runs.runs.runs, strict=True)
        ]
        _set_x_range(chart, xs, axis)
        self._group_names = None
        add_lines(chart, histories, xs, runs.colors, options.smoothing)
        if chart.groups:  # many runs: painted as a picture of the view
            # y fits every point, not those in view: refitting a million points
            # to the visible x range cost 15 ms per frame of a pan.
            chart.plot.vb.setAutoVisible(y=False)
            self.raster = RasterLines(chart)
            self.raster.schedule()
        values = [h.values for h in histories if h is not None and len(h)]
        flat_y = flat_y_range(values) if _one_value(values) else None
        if flat_y is not None and not options.log_y:
            chart.plot.setYRange(*flat_y, padding=0)
        self.chart = chart
        self._apply_highlight()

    def group_names(self) -> list[str] | None:
        """The groups the lines stand for (``None``: one line per run)."""
        return None if self._group_names is None else list(self._group_names)

    def _new_chart(self) -> Chart:
        chart = new_chart(self.spec.metric, self.options.x_axis)
        chart.plot.setTitle(None)
        self.graphics.addItem(chart.plot, row=0, col=0)
        chart.plot.setLogMode(False, self.options.log_y)
        return chart

    def _average_groups(
        self, groups: Mapping[str, Sequence[int]], histories: Sequence[History | None]
    ) -> None:
        """Compute each group's mean and band on the pool (drawn when back)."""
        assert self.runs is not None
        key, options = self.spec.metric, self.options
        by_run = {
            (pk, key): h
            for pk, h in zip(self.runs.runs.pks, histories, strict=True)
            if h is not None
        }
        members = {name: list(pks) for name, pks in groups.items()}
        axis, smoothing, drawing = options.x_axis, options.smoothing, self._drawing
        band = options.band

        def work() -> _Averaged:
            with collection_paused(), fast_thread_switching():  # see TableSorter
                curves = group_curves(key, members, by_run, axis, band, smoothing)
                paths = [band_path(c) for c in curves]
            return drawing, list(members), curves, paths

        self._group_names = None
        self._averaging = True
        self.show_status(self.tr("Averaging {0} groups…").format(len(members)))
        # After that repaint (see AFTER_REPAINT_MS); a result for a drawing
        # replaced meanwhile is dropped when it comes.
        QTimer.singleShot(AFTER_REPAINT_MS, self, lambda: self._group_job.submit(work))

    def _on_group_curves(self, result: _Averaged) -> None:
        """Start drawing the groups: the chart now, their lines in later turns."""
        drawing, names, curves, paths = result
        if drawing != self._drawing:
            return  # computed for runs, groups or options since replaced
        chart = self._new_chart()
        _set_x_range(chart, [c.x for c in curves], self.options.x_axis)
        self._group_names = list(names)
        self._group_colors = run_colors().group_colors(list(names))
        legend = chart.plot.addLegend(offset=(-8, 8), labelTextSize="8pt")
        backdrop = QColor(self.palette().color(QPalette.ColorRole.Base))
        backdrop.setAlpha(215)  # the lines stay readable under it
        legend.setBrush(pg.mkBrush(backdrop))
        legend.setLabelTextColor(self.palette().color(QPalette.ColorRole.Text))
        self._unfinished = _GroupDrawing(drawing, chart, legend, curves, paths)
        self._draw_timer.start()

    def _draw_more(self) -> None:
        """Draw groups for up to :data:`DRAW_BUDGET_S`, then yield to the loop."""
        job = self._unfinished
        if job is None or job.drawing != self._drawing:
            self._unfinished = None
            return
        started, total = time.perf_counter(), len(job.curves)
        names, colors = self._group_names or [], self._group_colors
        while job.done < total and time.perf_counter() - started < DRAW_BUDGET_S:
            at = slice(job.done, job.done + 1)
            add_group_lines(job.chart, job.curves[at], colors[at], job.paths[at], total)
            pen = pg.mkPen(colors[job.done], width=2)
            job.legend.addItem(pg.PlotDataItem(pen=pen), names[job.done])
            job.done += 1
        if job.done < total:
            self._draw_timer.start()
            return
        self._unfinished = None
        self._averaging = False
        self.show_status("")
        self.chart = job.chart
        self._drawn_groups = dict(zip(names, job.curves, strict=True))

    def group_band(self, name: str) -> GroupCurve | None:
        """The mean and band drawn for group ``name`` (``None``: not drawn)."""
        return self._drawn_groups.get(name) if self._group_names else None

    def _on_group_failed(self, exc: Exception) -> None:
        self._averaging = False
        self.show_status(
            self.tr("Could not average the groups: {0}").format(describe(exc))
        )

    # -- options -------------------------------------------------------------------
    def set_smoothing(self, smoothing: float) -> None:
        """Re-smooth the lines (rebuilt when the faint raw lines come or go)."""
        old = self.options.smoothing
        self.options.smoothing = smoothing
        chart = self.chart
        if chart is None:
            if self._averaging:  # the means under way are of the old smoothing
                self.redraw()
            return
        if (old > 0) != (smoothing > 0) or self._group_names is not None:
            self.redraw()  # (group means are of smoothed runs)
            return
        self._smoothed.clear()
        set_smoothing(chart, smoothing)
        if self.raster is not None:
            self.raster.schedule()
        self._apply_highlight()

    def set_log_y(self, on: bool) -> None:
        """Log or linear y."""
        self.options.log_y = on
        if self.chart is not None:
            self.chart.plot.setLogMode(False, on)
            self._apply_highlight()

    # -- highlighting ----------------------------------------------------------------
    def set_highlight(self, indices: Sequence[int]) -> None:
        """Draw these runs' lines on top, thicker, and dim the others."""
        self._highlight = list(indices)
        self._apply_highlight()

    def highlighted(self) -> list[int]:
        """Positions of the runs drawn on top (empty: none dimmed)."""
        return [i for i, _ in self._top_runs()]

    def _top_runs(self) -> list[tuple[int, int]]:
        chart = self.chart
        if chart is None or not self._highlight:
            return []
        drawn = [
            (n, i)
            for n, i in enumerate(self._highlight)
            if 0 <= i < len(chart.y) and chart.y[i] is not None
        ]
        if len(drawn) > MAX_HIGHLIGHTED or len(drawn) >= self.curve_count():
            return []
        return [(i, n) for n, i in drawn]

    def _apply_highlight(self) -> None:
        chart = self.chart
        if chart is None or self._group_names is not None:  # lines are groups
            return
        for item in self._on_top:
            chart.plot.removeItem(item)
        self._on_top = []
        top = self._top_runs()
        opacity = DIMMED if top else 1.0
        if self.raster is not None:
            self.raster.set_opacity(opacity)
        for item in list(chart.lines) + list(chart.raw):
            if item is not None:
                item.setOpacity(opacity)
        assert self.runs is not None
        for i, _ in top:
            x, y = chart.x[i], self._display_y(i)
            if x is None or y is None:
                continue
            line = pg.PlotDataItem(
                pen=pg.mkPen(self.runs.colors[i], width=2.2),
                symbol="o" if len(y) <= 3 else None,
                symbolSize=6,
                symbolBrush=pg.mkBrush(self.runs.colors[i]),
                symbolPen=None,
            )
            line.setZValue(10)
            chart.plot.addItem(line)
            line.setData(x, y)
            self._on_top.append(line)

    def _display_y(self, i: int) -> np.ndarray | None:
        """Run ``i``'s values as drawn (smoothed when smoothing is on)."""
        chart = self.chart
        if chart is None or (y := chart.y[i]) is None:
            return None
        if chart.smoothing <= 0:
            return y
        if i not in self._smoothed:
            self._smoothed[i] = ema(y, chart.smoothing)
        return self._smoothed[i]

    # -- hover and click ---------------------------------------------------------------
    def run_near(self, pos: QPointF) -> tuple[int, float, float] | None:
        """The run whose line passes nearest a scene position, within a few pixels:
        ``(position, x, value)`` of its nearest point, or ``None``."""
        chart = self.chart
        if chart is None:
            return None
        vb = chart.plot.vb
        if not vb.sceneBoundingRect().contains(pos):
            return None
        at = vb.mapSceneToView(pos)
        px_w, px_h = vb.viewPixelSize()
        if px_h <= 0 or px_w <= 0:
            return None
        log_y = self.options.log_y
        best: tuple[float, int, float, float] | None = None
        for i, x in enumerate(chart.x):
            if x is None or not chart.shown[i] or not x.size:
                continue
            if not x[0] - HIT_PIXELS * px_w <= at.x() <= x[-1] + HIT_PIXELS * px_w:
                continue
            j = int(np.searchsorted(x, at.x()))
            candidates = [k for k in (j - 1, j) if 0 <= k < x.size]
            y = self._display_y(i)
            assert y is not None
            for k in candidates:
                value = float(y[k])
                if log_y:
                    if not value > 0:
                        continue
                    shown = float(np.log10(value))
                else:
                    shown = value
                dx = (float(x[k]) - at.x()) / px_w
                dy = (shown - at.y()) / px_h
                distance = dx * dx + dy * dy
                if best is None or distance < best[0]:
                    best = (distance, i, float(x[k]), float(chart.y[i][k]))  # type: ignore[index]
        if best is None or best[0] > HIT_PIXELS * HIT_PIXELS * 4:
            return None
        return best[1], best[2], best[3]

    def _where(self, x: float) -> str:
        axis = self.options.x_axis
        if axis is XAxis.STEP:
            return self.tr("step {0}").format(f"{x:,.0f}")
        if axis is XAxis.RELATIVE_TIME:
            return self.tr("{0:.1f} s").format(x)
        return format_time(int(x * 1000))

    def _on_mouse(self, event: tuple[QPointF]) -> None:
        chart, runs = self.chart, self.runs
        if chart is None or runs is None:
            return
        hit = self.run_near(event[0])
        if hit is None:
            chart.dots.setData([], [])
            self.show_hover("")
            return
        i, x, value = hit
        y = self._display_y(i)
        shown = value
        if y is not None and chart.x[i] is not None:
            k = int(np.searchsorted(chart.x[i], x))  # type: ignore[arg-type]
            shown = float(y[min(k, len(y) - 1)])
        if self.options.log_y:
            shown = float(np.log10(shown)) if shown > 0 else shown
        names, colors = runs.names, runs.colors
        if self._group_names is not None:
            names, colors = self._group_names, self._group_colors
        chart.dots.setData(x=[x], y=[shown], brush=[pg.mkBrush(colors[i])], size=9)
        self.show_hover(
            self.tr("{0}: {1} at {2}").format(
                names[i], format_number(value), self._where(x)
            )
        )

    def _on_click(self, event) -> None:
        runs = self.runs
        if runs is None or event.button() != pg.QtCore.Qt.MouseButton.LeftButton:
            return
        hit = self.run_near(event.scenePos())
        if hit is not None and self._group_names is None:  # a group is no run
            self.run_clicked.emit(runs.runs.pks[hit[0]])

    def line_color(self, index: int) -> QColor | None:
        """The colour run ``index``'s line is drawn in (``None``: not drawn)."""
        chart, runs = self.chart, self.runs
        if chart is None or runs is None or chart.y[index] is None:
            return None
        line = chart.lines[index] if index < len(chart.lines) else None
        if line is None:  # many runs: drawn in one line per colour
            line = next((g.line for g in chart.groups if index in g.runs), None)
        return runs.colors[index] if line is None else line.opts["pen"].color()


def _set_x_range(chart: Chart, xs: Sequence[np.ndarray | None], axis: XAxis) -> None:
    """Fit the x axis to the lines at ``xs`` (a lone x value: a span around it)."""
    drawn = [x for x in xs if x is not None]
    ends = [(float(x[0]), float(x[-1])) for x in drawn if x.size]
    # Only a lone x value needs a range of its own (checked on the ends
    # first: scanning a million points took 100 ms).
    same_x = bool(ends) and min(e[0] for e in ends) == max(e[1] for e in ends)
    flat = flat_x_range(drawn, axis) if same_x else None
    span = flat or x_span(xs)
    if span is not None:
        chart.plot.setXRange(*span, padding=0 if flat else 0.02)


def _one_value(arrays: list[np.ndarray]) -> bool:
    """Whether every finite value of the arrays is the same."""
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN arrays
        lows = [np.nanmin(a) for a in arrays]
        highs = [np.nanmax(a) for a in arrays]
    finite_lows = [v for v in lows if np.isfinite(v)]
    finite_highs = [v for v in highs if np.isfinite(v)]
    return bool(finite_lows) and min(finite_lows) == max(finite_highs)
