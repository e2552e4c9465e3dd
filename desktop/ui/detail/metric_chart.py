"""A full-resolution chart of one run's metric histories (pyqtgraph)."""

from __future__ import annotations

import csv

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.chart_range import flat_x_range, flat_y_range
from desktop.analysis.curves import XAxis, ema, x_values
from desktop.core.views import History
from desktop.ui.detail.chart_axes import StepAxis
from desktop.ui.plot_export import export_plot
from desktop.ui.plot_style import TAB10, muted, plot_widget, style_legend, style_plot

POINTS_SHOWN_BELOW = 200
"""Histories shorter than this also draw a marker at each point."""
THIN_LINES_ABOVE = 5_000
"""Histories longer than this are drawn with 1-pixel lines."""


def color_for(index: int) -> str:
    """A distinct line colour for the ``index``-th curve."""
    return TAB10[index % len(TAB10)]


class MetricChart(QWidget):
    """Curves over step, wall time or relative time, with smoothing and a crosshair.

    Curves keep every point: pyqtgraph draws them with peak-preserving downsampling
    and clip-to-view, so a million-point history pans and zooms fluidly.
    """

    hovered = Signal(str)
    """The crosshair readout text (empty when the pointer leaves the plot)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metricChart")
        self._histories: dict[str, History] = {}
        self._raw: dict[str, pg.PlotDataItem] = {}
        self._smoothed: dict[str, pg.PlotDataItem] = {}
        self._x: dict[str, np.ndarray] = {}

        self.x_axis = QComboBox(self)
        self.x_axis.setObjectName("chartXAxis")
        for axis, text in (
            (XAxis.STEP, self.tr("Step")),
            (XAxis.WALL_TIME, self.tr("Wall time")),
            (XAxis.RELATIVE_TIME, self.tr("Relative time")),
        ):
            self.x_axis.addItem(text, axis)
        self.x_axis.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.x_axis.setMinimumContentsLength(6)
        self.smoothing = QSlider(Qt.Orientation.Horizontal, self)
        self.smoothing.setObjectName("chartSmoothing")
        self.smoothing.setRange(0, 99)
        self.smoothing.setMaximumWidth(160)
        self.smoothing.setMinimumWidth(40)
        self.smoothing.setToolTip(self.tr("Exponential moving average weight"))
        self.smoothing_label = QLabel(self)
        self.log_y = QCheckBox(self.tr("Log y"), self)
        self.log_y.setObjectName("chartLogY")
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("chartExport")
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("Image (PNG)…"), lambda: self._export_image("png"))
        menu.addAction(
            self.tr("Vector image (SVG)…"), lambda: self._export_image("svg")
        )
        menu.addAction(self.tr("Data (CSV)…"), self._export_csv_dialog)
        self.export_button.setMenu(menu)

        controls = QHBoxLayout()
        controls.setContentsMargins(6, 2, 6, 2)
        self.x_axis.setToolTip(self.tr("X axis"))  # its items say what it is
        controls.addWidget(self.x_axis)
        controls.addSpacing(6)
        controls.addWidget(QLabel(self.tr("Smoothing"), self))
        controls.addWidget(self.smoothing)
        controls.addWidget(self.smoothing_label)
        controls.addSpacing(6)
        controls.addWidget(self.log_y)
        controls.addStretch(1)
        controls.addWidget(self.export_button)

        self.plot = plot_widget(self)
        self.plot.setObjectName("chartPlot")
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.15)
        for name in ("left", "bottom"):
            item.getAxis(name).enableAutoSIPrefix(False)
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        self.legend = item.addLegend(offset=(-10, 10))
        style_legend(self.legend)
        self._crosshair = pg.InfiniteLine(angle=90, pen=pg.mkPen(muted(150), width=1))
        self._crosshair.hide()
        item.addItem(self._crosshair, ignoreBounds=True)
        self.readout = QLabel(self)
        self.readout.setObjectName("chartReadout")
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)  # many curves' values never widen the dock
        self.readout.setMinimumHeight(self.fontMetrics().height() + 4)
        self.empty = QLabel(self.tr("Select metrics to plot them."), self)
        self.empty.setObjectName("chartEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.readout)

        self.x_axis.currentIndexChanged.connect(lambda _i: self._redraw())
        self.smoothing.valueChanged.connect(self._on_smoothing)
        self.log_y.toggled.connect(self._on_log_y)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._on_smoothing(0)
        self._show_empty(True)

    # -- data -----------------------------------------------------------------------
    def set_histories(
        self, histories: dict[str, History], keep_view: bool = False
    ) -> None:
        """Plot these histories (one curve each, in the given order)."""
        self._histories = dict(histories)
        self._redraw(keep_view=keep_view)

    def histories(self) -> dict[str, History]:
        """What is plotted, by metric key."""
        return dict(self._histories)

    def curve(self, key: str) -> pg.PlotDataItem:
        """The raw (unsmoothed) curve of a metric."""
        return self._raw[key]

    def smoothed_curve(self, key: str) -> pg.PlotDataItem | None:
        """The smoothed curve of a metric, when smoothing is on."""
        return self._smoothed.get(key)

    def axis(self) -> XAxis:
        """The x axis in use."""
        return XAxis(self.x_axis.currentData())

    # -- drawing --------------------------------------------------------------------
    def _redraw(self, keep_view: bool = False) -> None:
        item = self.plot.getPlotItem()
        zoomed = not any(item.vb.autoRangeEnabled())
        view = item.vb.viewRange() if keep_view and zoomed and self._raw else None
        for curve in (*self._raw.values(), *self._smoothed.values()):
            item.removeItem(curve)
        self.legend.clear()
        self._raw.clear()
        self._smoothed.clear()
        self._x.clear()
        self._show_empty(not self._histories)
        if not self._histories:
            return
        axis = self.axis()
        self._set_bottom_axis(axis)
        origin = min(
            (int(h.timestamps.min()) for h in self._histories.values() if len(h)),
            default=0,
        )
        weight = self.smoothing.value() / 100.0
        for index, (key, history) in enumerate(self._histories.items()):
            color = color_for(index)
            x = x_values(history, axis, origin)
            y = history.values
            self._x[key] = x
            few = len(history) <= POINTS_SHOWN_BELOW
            # Thin lines rasterise several times faster: keep long curves fluid.
            width = 1.0 if len(history) > THIN_LINES_ABOVE else 1.5
            raw = pg.PlotDataItem(
                x,
                y,
                pen=pg.mkPen(color, width=width),
                symbol="o" if few else None,
                symbolSize=5,
                symbolBrush=color,
                symbolPen=None,
                connect="finite",
                name=None if weight else key,
                skipFiniteCheck=False,
            )
            item.addItem(raw)
            self._raw[key] = raw
            if weight:
                faint = pg.mkColor(color)
                faint.setAlpha(60)
                raw.setPen(pg.mkPen(faint, width=1))
                raw.setSymbolBrush(faint)
                smooth = pg.PlotDataItem(
                    x,
                    ema(y, weight),
                    pen=pg.mkPen(color, width=width + 0.5),
                    connect="finite",
                    name=key,
                )
                item.addItem(smooth)
                self._smoothed[key] = smooth
        if view is not None:
            item.vb.setRange(xRange=view[0], yRange=view[1], padding=0)
        else:
            self._fit_view()

    def _fit_view(self) -> None:
        """Show everything; a lone point (or flat line) on a sensible range."""
        item = self.plot.getPlotItem()
        item.enableAutoRange()
        x_range = flat_x_range(self._x.values(), self.axis())
        if x_range is not None:
            item.setXRange(*x_range)
        if not self.log_y.isChecked():
            y_range = flat_y_range(h.values for h in self._histories.values())
            if y_range is not None:
                item.setYRange(*y_range)

    def _set_bottom_axis(self, axis: XAxis) -> None:
        item = self.plot.getPlotItem()
        current = item.getAxis("bottom")
        kind = {XAxis.WALL_TIME: pg.DateAxisItem, XAxis.STEP: StepAxis}.get(
            axis, pg.AxisItem
        )
        if type(current) is not kind:
            new = kind("bottom")
            new.enableAutoSIPrefix(False)
            item.setAxisItems({"bottom": new})
            style_plot(item)
        labels = {
            XAxis.STEP: self.tr("Step"),
            XAxis.WALL_TIME: self.tr("Wall time"),
            XAxis.RELATIVE_TIME: self.tr("Relative time (s)"),
        }
        item.setLabel("bottom", labels[axis])

    def changeEvent(self, event: QEvent) -> None:
        # The theme changed: the plot itself is restyled by plot_style.restyle_all.
        if event.type() == QEvent.Type.PaletteChange:
            self._crosshair.setPen(pg.mkPen(muted(150), width=1))
        super().changeEvent(event)

    def _show_empty(self, empty: bool) -> None:
        self.plot.setVisible(not empty)
        self.empty.setVisible(empty)
        self.export_button.setEnabled(not empty)
        if empty:
            self.readout.clear()

    def _on_smoothing(self, value: int) -> None:
        self.smoothing_label.setText(f"{value / 100:.2f}")
        if self._histories:
            self._redraw(keep_view=True)

    def _on_log_y(self, on: bool) -> None:
        self.plot.getPlotItem().setLogMode(x=False, y=on)
        self._fit_view()

    # -- crosshair ------------------------------------------------------------------
    def _on_mouse_moved(self, pos: QPointF) -> None:
        item = self.plot.getPlotItem()
        if not self._raw or not item.sceneBoundingRect().contains(pos):
            self._crosshair.hide()
            self.readout.clear()
            self.hovered.emit("")
            return
        x = item.vb.mapSceneToView(pos).x()
        self.show_values_at(x)

    def show_values_at(self, x: float) -> str:
        """Put the crosshair at ``x`` and show every curve's nearest value."""
        self._crosshair.setPos(x)
        self._crosshair.show()
        parts = []
        for index, (key, history) in enumerate(self._histories.items()):
            xs = self._x.get(key)
            if xs is None or not len(xs):
                continue
            i = _nearest(xs, x, self.axis() is XAxis.STEP)
            color = color_for(index)
            step = int(history.steps[i]) if len(history.steps) == len(history) else i
            where = self.tr("step {0}").format(step)
            parts.append(
                f"<span style='color:{color}'>■</span> {key}: "
                f"<b>{history.values[i]:.6g}</b> ({where})"
            )
        text = "&nbsp;&nbsp; ".join(parts)
        self.readout.setText(text)
        self.hovered.emit(text)
        return text

    # -- export ---------------------------------------------------------------------
    def export_image(self, path: str) -> None:
        """Write the chart as PNG or SVG (by the file's extension)."""
        export_plot(self.plot.getPlotItem(), path)

    def export_csv(self, path: str) -> int:
        """Write the plotted histories as ``metric,step,timestamp,value`` rows."""
        written = 0
        with open(path, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["metric", "step", "timestamp", "value"])
            for key, history in self._histories.items():
                steps = (
                    history.steps
                    if len(history.steps) == len(history)
                    else np.arange(len(history))
                )
                for step, stamp, value in zip(
                    steps.tolist(),
                    history.timestamps.tolist(),
                    history.values.tolist(),
                    strict=True,
                ):
                    writer.writerow([key, step, stamp, repr(value)])
                    written += 1
        return written

    def _export_image(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export chart"),
            f"metrics.{kind}",
            f"{kind.upper()} (*.{kind})",
        )
        if path:
            self.export_image(path)

    def _export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export chart data"), "metrics.csv", "CSV (*.csv)"
        )
        if path:
            self.export_csv(path)


def _nearest(xs: np.ndarray, x: float, ordered: bool) -> int:
    """Index of the value in ``xs`` closest to ``x`` (binary search when ordered)."""
    if not ordered:
        return int(np.abs(xs - x).argmin())
    i = int(np.searchsorted(xs, x))
    if i <= 0:
        return 0
    if i >= len(xs):
        return len(xs) - 1
    return i if abs(xs[i] - x) < abs(xs[i - 1] - x) else i - 1
