"""Metric charts for the curves section: one plot per metric, one line per run.

Lines use pyqtgraph's peak-preserving auto downsampling and clip to the view, so
50 runs of 100,000 points each pan and zoom smoothly. Beyond :data:`MANY_RUNS` runs,
the lines of one colour are drawn as one item (runs separated by gaps): a thousand
items per chart took seconds to build and half a second per repaint. The x axes are
linked; a vertical crosshair follows the mouse across every chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.analysis.curves import XAxis, ema, value_at, x_values
from desktop.core.views import History
from desktop.ui.plot_style import muted, palette_colors, style_plot

CHART_HEIGHT = 250
RAW_ALPHA = 60  # the unsmoothed line behind a smoothed one
# Lines wider than one pixel go through Qt's slow stroker: keep big charts thin.
THICK_MAX_RUNS = 10
THICK_MAX_POINTS = 20_000
DOWNSAMPLE_FACTOR = 2.0
LEFT_AXIS_PX = 64
MANY_RUNS = 40


@dataclass(slots=True)
class LineGroup:
    """The lines of several runs of one colour, drawn as one item."""

    runs: list[int]
    line: pg.PlotDataItem
    raw: pg.PlotDataItem | None


@dataclass(slots=True)
class Chart:
    """One metric's plot with a line per run (``None`` where a run lacks it).

    With many runs, ``lines`` and ``raw`` hold ``None`` and ``groups`` the items.
    """

    key: str
    plot: pg.PlotItem
    crosshair: pg.InfiniteLine
    dots: pg.ScatterPlotItem
    lines: list[pg.PlotDataItem | None] = field(default_factory=list)
    raw: list[pg.PlotDataItem | None] = field(default_factory=list)
    x: list[np.ndarray | None] = field(default_factory=list)
    y: list[np.ndarray | None] = field(default_factory=list)
    groups: list[LineGroup] = field(default_factory=list)
    shown: list[bool] = field(default_factory=list)
    smoothing: float = 0.0

    def has_raw(self) -> bool | None:
        """Whether the faint unsmoothed lines are drawn (``None``: no lines)."""
        items = [g.raw for g in self.groups] or [
            raw for line, raw in zip(self.lines, self.raw, strict=True) if line
        ]
        return None if not items else items[0] is not None


def x_axis_combo(parent: QWidget, name: str) -> QComboBox:
    """The x-axis choice of the metric curves and the charts view: step, wall time
    or relative time (item data: the :class:`XAxis` value)."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    translate = QCoreApplication.translate
    for axis, text in (
        (XAxis.STEP, translate("MetricCurvesSection", "Step")),
        (XAxis.WALL_TIME, translate("MetricCurvesSection", "Wall time")),
        (XAxis.RELATIVE_TIME, translate("MetricCurvesSection", "Relative time")),
    ):
        combo.addItem(text, axis.value)
    return combo


def new_chart(key: str, axis: XAxis) -> Chart:
    """An empty plot for one metric, styled, with a hidden crosshair."""
    axis_items = {"bottom": pg.DateAxisItem()} if axis is XAxis.WALL_TIME else None
    plot = pg.PlotItem(axisItems=axis_items)
    style_plot(plot)
    plot.setMenuEnabled(False)
    # Set on the plot: PlotItem.addItem overrides the items' own settings.
    plot.setDownsampling(auto=True, mode="peak")
    plot.setClipToView(True)
    plot.setTitle(key, color=palette_colors()[1], size="10pt", bold=True)
    translate = QCoreApplication.translate
    label = {
        XAxis.STEP: translate("MetricCurvesSection", "step"),
        XAxis.WALL_TIME: translate("MetricCurvesSection", "time"),
        XAxis.RELATIVE_TIME: translate(
            "MetricCurvesSection", "seconds since the run started"
        ),
    }[axis]
    plot.setLabel("bottom", label)
    # Equal axis widths line the charts of a column up, so their linked x ranges
    # match (pyqtgraph aligns overlapping linked views on screen).
    plot.getAxis("left").setWidth(LEFT_AXIS_PX)
    crosshair = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(muted(150)))
    crosshair.hide()
    plot.addItem(crosshair, ignoreBounds=True)
    dots = pg.ScatterPlotItem(size=7, pen=pg.mkPen(palette_colors()[0]))
    plot.addItem(dots, ignoreBounds=True)
    return Chart(key, plot, crosshair, dots)


def line_x(history: History, axis: XAxis, origin: int | None) -> np.ndarray:
    """x values; integer steps are used as they are (no float copy of big runs)."""
    if axis is XAxis.STEP and len(history.steps) == len(history):
        return history.steps
    return x_values(history, axis, origin)


def x_span(xs: Sequence[np.ndarray | None]) -> tuple[float, float] | None:
    """The x range covering every line (sorted x arrays), ``None`` for no data."""
    ends = [(float(x[0]), float(x[-1])) for x in xs if x is not None and x.size]
    if not ends:
        return None
    lo, hi = min(e[0] for e in ends), max(e[1] for e in ends)
    return (lo - 0.5, hi + 0.5) if hi == lo else (lo, hi)


def add_lines(
    chart: Chart,
    histories: Sequence[History | None],
    xs: Sequence[np.ndarray | None],
    colors: Sequence[QColor],
    smoothing: float,
    total: int | None = None,
) -> None:
    """One line per run: ``histories[i]`` of run ``i`` drawn at ``xs[i]``.

    The y axis autoscales once all lines are in (not once per line). Lines drawn
    in parts (calls of a few lines each) add to the chart's; ``total`` is how
    many the chart gets in all (for their width).
    """
    longest = max((len(h) for h in histories if h is not None), default=0)
    count = len(histories) if total is None else total
    thick = count <= THICK_MAX_RUNS and longest <= THICK_MAX_POINTS
    width = 1.6 if thick else 1.0
    plot = chart.plot
    plot.disableAutoRange()
    chart.smoothing = smoothing
    first = len(chart.x)  # lines drawn before (in parts)
    for history, x in zip(histories, xs, strict=True):
        drawn = history is not None and x is not None and len(history) > 0
        chart.x.append(x if drawn else None)
        chart.y.append(history.values if drawn else None)
    chart.shown = [True] * len(chart.x)
    if len(histories) > MANY_RUNS:
        chart.lines = [None] * len(histories)
        chart.raw = [None] * len(histories)
        _add_groups(chart, colors, width)
    else:
        for i, (x, y) in enumerate(zip(chart.x[first:], chart.y[first:], strict=True)):
            if x is None or y is None:
                chart.lines.append(None)
                chart.raw.append(None)
                continue
            few = len(y) <= 3
            raw = None
            if smoothing > 0:
                faint = QColor(colors[i])
                faint.setAlpha(RAW_ALPHA)
                raw = _line(faint, few, width=1.0)
                plot.addItem(raw)
                raw.setData(x, y)
            line = _line(colors[i], few, width)
            # Data after addItem: the plot's settings then apply to an empty line,
            # and the clipped, downsampled display data is computed once.
            plot.addItem(line)
            line.setData(x, ema(y, smoothing) if smoothing > 0 else y)
            chart.lines.append(line)
            chart.raw.append(raw)
    plot.vb.setAutoVisible(y=True)
    plot.enableAutoRange(axis="y")


def _add_groups(chart: Chart, colors: Sequence[QColor], width: float) -> None:
    by_color: dict[int, list[int]] = {}
    for i, y in enumerate(chart.y):
        if y is not None:
            by_color.setdefault(colors[i].rgba(), []).append(i)
    for runs in by_color.values():
        color = colors[runs[0]]
        few = max(len(y) for i in runs if (y := chart.y[i]) is not None) <= 3
        raw = None
        if chart.smoothing > 0:
            faint = QColor(color)
            faint.setAlpha(RAW_ALPHA)
            raw = _joined_line(chart.plot, faint, few, 1.0)
        line = _joined_line(chart.plot, color, few, width)
        chart.groups.append(LineGroup(runs, line, raw))
    _fill_groups(chart)


def _joined_line(
    plot: pg.PlotItem, color: QColor, symbols: bool, width: float
) -> pg.PlotDataItem:
    item = _line(color, symbols, width)
    plot.addItem(item)
    # Runs follow one another in one array, so x is not sorted: no clipping or
    # downsampling, which need sorted x (set after addItem, which applies the
    # plot's settings).
    item.setClipToView(False)
    item.setDownsampling(ds=1, auto=False)
    return item


def _fill_groups(chart: Chart) -> None:
    """Give each group the lines of its shown runs, separated by gaps."""
    for group in chart.groups:
        lines = [
            (x, y)
            for i in group.runs
            if chart.shown[i]
            and (x := chart.x[i]) is not None
            and (y := chart.y[i]) is not None
        ]
        xs, ys = [x for x, _ in lines], [y for _, y in lines]
        x, y = _joined(xs, ys)
        if group.raw is not None:
            group.raw.setData(x, y, connect="finite")
        if chart.smoothing > 0:
            _, y = _joined(xs, [ema(v, chart.smoothing) for v in ys])
        group.line.setData(x, y, connect="finite")


def _joined(
    xs: Sequence[np.ndarray], ys: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Lines one after another, each followed by a NaN point (a gap)."""
    if not xs:
        return np.empty(0), np.empty(0)
    gap = np.array([np.nan])
    x = np.concatenate([part for v in xs for part in (v.astype(np.float64), gap)])
    y = np.concatenate([part for v in ys for part in (v.astype(np.float64), gap)])
    return x, y


def _line(color: QColor, symbols: bool, width: float) -> pg.PlotDataItem:
    item = pg.PlotDataItem(
        pen=pg.mkPen(color, width=width),
        symbol="o" if symbols else None,
        symbolSize=5,
        symbolBrush=pg.mkBrush(color),
        symbolPen=None,
    )
    # Peak downsampling to ~2 samples per pixel keeps every spike visible.
    item.opts["autoDownsampleFactor"] = DOWNSAMPLE_FACTOR
    return item


def set_smoothing(chart: Chart, smoothing: float) -> None:
    """Re-smooth every line (the raw lines must exist when ``smoothing > 0``)."""
    chart.smoothing = smoothing
    if chart.groups:
        _fill_groups(chart)
        return
    for line, x, y in zip(chart.lines, chart.x, chart.y, strict=True):
        if line is not None and x is not None and y is not None:
            line.setData(x, ema(y, smoothing) if smoothing > 0 else y)


def set_shown(chart: Chart, shown: Sequence[bool]) -> None:
    """Show only the lines of the runs ticked in ``shown``."""
    chart.shown = list(shown)
    if chart.groups:
        _fill_groups(chart)
        return
    for i, visible in enumerate(shown):
        for item in (chart.lines[i], chart.raw[i]):
            if item is not None:
                item.setVisible(visible)


def readout(chart: Chart, at: float) -> list[tuple[float, float] | None]:
    """Each run's nearest point to ``at`` (raw values), ``None`` outside its range."""
    return [
        None if x is None or y is None else value_at(x, y, at)
        for x, y in zip(chart.x, chart.y, strict=True)
    ]


def show_dots(
    chart: Chart,
    points: Sequence[tuple[float, float] | None],
    colors: Sequence[QColor],
    visible: Sequence[bool],
    log_y: bool,
) -> None:
    """Mark each visible run's value at the crosshair.

    Dots of many runs share one colour: each distinct brush costs the scatter item
    a rendered symbol on every move of the mouse.
    """
    many = len(points) > MANY_RUNS
    xs, ys, brushes = [], [], []
    for point, color, shown in zip(points, colors, visible, strict=True):
        if point is None or not shown:
            continue
        x, y = point
        if log_y:
            if y <= 0:
                continue
            y = float(np.log10(y))
        xs.append(x)
        ys.append(y)
        if not many:
            brushes.append(pg.mkBrush(color))
    if many:
        chart.dots.setData(x=xs, y=ys, brush=pg.mkBrush(palette_colors()[1]))
    else:
        chart.dots.setData(x=xs, y=ys, brush=brushes)
