"""Shared look of the plots: palette-aware colours, the colour map, colour bars."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.run_colors import PALETTE

COLOR_MAP = "viridis"
TAB10 = PALETTE[:10]
"""Tableau 10, the first colours of the run palette."""


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
