"""Shared look of the plots: palette-aware colours, run colours."""

from __future__ import annotations

import colorsys
import zlib

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

COLOR_MAP = "viridis"
TAB10 = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def palette_colors() -> tuple[QColor, QColor]:
    """``(background, foreground)`` of the application's palette."""
    palette = QApplication.palette()
    return (
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.Text),
    )


def muted(alpha: int = 110) -> QColor:
    """The foreground colour made faint (grid lines, faded items)."""
    color = QColor(palette_colors()[1])
    color.setAlpha(alpha)
    return color


def style_plot(plot: pg.PlotItem) -> None:
    """Axis pens and text in the palette's colours, a faint grid, numbers as they
    are (no SI-prefix scaling such as "x0.001" on unitless values)."""
    _, fg = palette_colors()
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(muted(160)))
        axis.setTextPen(pg.mkPen(fg))
        axis.enableAutoSIPrefix(False)
    plot.showGrid(x=True, y=True, alpha=0.12)


def plot_widget(parent: QWidget | None = None) -> pg.PlotWidget:
    """A styled plot widget on the palette's background."""
    bg, _ = palette_colors()
    widget = pg.PlotWidget(parent, background=bg)
    style_plot(widget.getPlotItem())
    return widget


def layout_widget(parent: QWidget | None = None) -> pg.GraphicsLayoutWidget:
    """A styled layout widget (several plots, colour bars) on the background."""
    widget = pg.GraphicsLayoutWidget(parent)
    widget.setBackground(palette_colors()[0])
    return widget


def restyle_view(view: pg.GraphicsView) -> None:
    """Re-apply the palette to one plot view: background, axes, titles, legends."""
    bg, fg = palette_colors()
    view.setBackground(bg)
    for item in view.scene().items():
        if isinstance(item, pg.PlotItem):
            style_plot(item)
            title = item.titleLabel
            if title.text:
                title.setText(title.text, color=fg)
        elif isinstance(item, pg.LegendItem):
            style_legend(item)
        elif isinstance(item, pg.ColorBarItem):
            for name in ("left", "bottom", "right", "top"):
                axis = item.getAxis(name)
                axis.setTextPen(pg.mkPen(fg))
                axis.setPen(pg.mkPen(muted(160)))


def style_legend(legend: pg.LegendItem) -> None:
    """Legend text in the foreground colour on a translucent background."""
    bg, fg = palette_colors()
    fill = QColor(bg)
    fill.setAlpha(200)
    legend.setLabelTextColor(fg)
    legend.setBrush(pg.mkBrush(fill))
    legend.setPen(pg.mkPen(muted(60)))
    for _sample, label in legend.items:
        label.setText(label.text, color=fg)


def restyle_all() -> None:
    """Restyle every plot in every open window (after a theme change)."""
    for top in QApplication.topLevelWidgets():
        views = top.findChildren(pg.GraphicsView)
        if isinstance(top, pg.GraphicsView):
            views.append(top)
        for view in views:
            restyle_view(view)


RUN_COLOR_CYCLE = 24  # colours of many runs repeat: lines of one colour draw as one


def run_color(index: int, count: int) -> QColor:
    """A colour for run ``index`` of ``count``: Tableau 10 for few runs, distinct
    hues up to :data:`RUN_COLOR_CYCLE` runs, then the same hues again."""
    if count <= len(TAB10):
        return QColor(TAB10[index])
    index %= RUN_COLOR_CYCLE
    hue = (index * 0.618033988749895) % 1.0
    saturation = (0.72, 0.55, 0.85)[index % 3]
    value = (0.80, 0.62, 0.92)[(index // 3) % 3]
    r, g, b = colorsys.hsv_to_rgb(hue, saturation, value)
    return QColor.fromRgbF(r, g, b)


def color_map() -> pg.ColorMap:
    """The colour map for values (viridis)."""
    return pg.colormap.get(COLOR_MAP)


def color_bar(label: str, lo: float, hi: float) -> pg.ColorBarItem:
    """A non-interactive colour bar for values from ``lo`` to ``hi``."""
    bar = pg.ColorBarItem(
        values=(lo, hi if hi > lo else lo + 1),
        colorMap=color_map(),
        label=label,
        interactive=False,
        width=14,
        colorMapMenu=False,
    )
    _, fg = palette_colors()
    for name in ("left", "bottom", "right", "top"):
        axis = bar.getAxis(name)
        axis.setTextPen(pg.mkPen(fg))
        axis.setPen(pg.mkPen(muted(160)))
        axis.enableAutoSIPrefix(False)
    return bar


def stable_run_color(run_id: str) -> QColor:
    """A run's own colour, the same in every chart whatever runs are shown with it.

    :func:`run_color` colours by position among the runs drawn together (the
    compare dialog's few runs get Tableau 10); the runs charts view shows
    changing sets of runs, so it colours each run by its id: one of the
    :data:`RUN_COLOR_CYCLE` hues, the lines of one hue drawing as one item.
    """
    index = zlib.crc32(run_id.encode("utf-8")) % RUN_COLOR_CYCLE
    return run_color(index, RUN_COLOR_CYCLE + 1)
