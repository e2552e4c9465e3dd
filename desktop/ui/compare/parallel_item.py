"""A parallel-coordinates plot item for pyqtgraph, drawn as a few painter paths.

Runs are drawn as polylines across vertical axes at x = 0, 1, 2, ... with values
already mapped to [0, 1]. All lines go into a handful of paths (one faded path for
runs outside the brushes, one per colour bin for the rest), so a thousand runs
repaint in a few milliseconds. Dragging vertically on an axis brushes a range;
clicking an axis clears its brush; right-clicking asks for the axis menu.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from desktop.analysis.parallel import AxisScale, brush_mask, nearest_line, polylines
from desktop.ui.plot_style import muted, palette_colors

AXIS_GRAB_PX = 12  # how close to an axis a drag or click must start
HOVER_PX = 6  # how close to a line the cursor must be to pick it
BRUSH_PX = 10  # drawn width of a brush
TITLE_GAP_PX = 8  # space kept between neighbouring axis titles
STAGGER_BELOW_PX = 110  # closer axes put every other title one line higher
SMOOTH_MAX_RUNS = 300


class ParallelCoordinatesItem(pg.GraphicsObject):
    """Runs across axes as polylines, coloured by bin, with brushing and hover."""

    brush_changed = Signal()
    """The brushes (and so the kept runs) changed."""
    hovered = Signal(int)
    """The run under the cursor changed; payload: its index, or -1."""
    axis_menu_requested = Signal(int, QPointF)
    """Right-click on an axis; payload: axis index, screen position."""

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptHoverEvents(True)
        self.line_width = 1.0
        """Pen width of the coloured lines (set before :meth:`set_data`)."""
        self.matrix = np.empty((0, 0))
        self.names: list[str] = []
        self._bins = np.empty(0, dtype=np.int64)
        self._colors: list[QColor] = []
        self._missing_color = muted(140)
        self._brushes: dict[int, tuple[float, float]] = {}
        self._kept = np.empty(0, dtype=bool)
        self._faded = QPainterPath()
        self._paths: list[tuple[QPen, QPainterPath]] = []
        self._hover = -1
        self._drag_axis: int | None = None
        self._texts: list[pg.TextItem] = []
        self._titles: list[tuple[str, pg.TextItem]] = []
        self._ticks: list[tuple[int, str, pg.TextItem]] = []
        self._axis_px = 0.0
        self._margins = (0.0, 0.0)
        fg = palette_colors()[1]
        self._axis_pen = pg.mkPen(fg, width=1.5)
        self._faded_pen = pg.mkPen(muted(28), width=1)
        self._brush_fill = QColor(47, 127, 216, 70)
        self._brush_pen = pg.mkPen(QColor(47, 127, 216), width=1)
        self._label_fill = pg.mkBrush(_faded(palette_colors()[0], 170))
        self._hover_label = pg.TextItem(
            "", color=fg, fill=pg.mkBrush(palette_colors()[0]), anchor=(0, 1)
        )
        self._hover_label.setParentItem(self)
        self._hover_label.setZValue(10)
        self._hover_label.hide()
        # The hovered line is a child item, so hovering never repaints the
        # (cached) thousand lines below it.
        self._highlight = QGraphicsPathItem(self)
        self._highlight.setZValue(5)
        self._highlight.hide()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    # -- content -----------------------------------------------------------------------
    def set_data(
        self,
        matrix: np.ndarray,
        titles: list[str],
        scales: list[AxisScale],
        names: list[str],
        bins: np.ndarray,
        colors: list[QColor],
    ) -> None:
        """Runs x axes unit values, axis titles and scales, run names, colour bins.

        ``bins[i]`` indexes ``colors`` for run ``i`` (-1: no colour value). Brushes
        are cleared (see :meth:`set_brushes`).
        """
        self.prepareGeometryChange()
        self.matrix = matrix
        self.names = names
        self._bins = bins
        self._colors = colors
        self._brushes = {}
        self._hover = -1
        self._hover_label.hide()
        self._highlight.hide()
        self._make_labels(titles, scales)
        self._update_kept()

    def axis_count(self) -> int:
        """Number of axes."""
        return int(self.matrix.shape[1]) if self.matrix.ndim == 2 else 0

    def kept(self) -> np.ndarray:
        """Which runs lie inside every brush."""
        return self._kept.copy()

    def brushes(self) -> dict[int, tuple[float, float]]:
        """``{axis: (lo, hi)}`` in unit coordinates."""
        return dict(self._brushes)

    def set_brush(self, axis: int, lo: float, hi: float) -> None:
        """Keep runs whose value on ``axis`` lies in ``[lo, hi]`` (unit coordinates)."""
        lo, hi = sorted((float(np.clip(lo, 0, 1)), float(np.clip(hi, 0, 1))))
        self._brushes[axis] = (lo, hi)
        self._update_kept()
        self.brush_changed.emit()

    def set_brushes(self, brushes: dict[int, tuple[float, float]]) -> None:
        """Replace every brush at once (unit coordinates)."""
        self._brushes = {
            a: tuple(sorted(np.clip(r, 0, 1).tolist()))
            for a, r in brushes.items()
            if 0 <= a < self.axis_count()
        }
        self._update_kept()
        self.brush_changed.emit()

    def clear_brush(self, axis: int | None = None) -> None:
        """Remove one axis's brush, or all of them."""
        if axis is None:
            self._brushes.clear()
        else:
            self._brushes.pop(axis, None)
        self._update_kept()
        self.brush_changed.emit()

    def hovered_run(self) -> int:
        """The run under the cursor, or -1."""
        return self._hover

    def polylines(self, kept: bool | None = None) -> list[np.ndarray]:
        """The drawn lines as ``(k, 2)`` point arrays, read back from the paths.

        ``kept`` picks the coloured lines (True), the faded ones (False) or all.
        """
        paths = []
        if kept is not True:
            paths.append(self._faded)
        if kept is not False:
            paths.extend(p for _, p in self._paths)
        lines: list[np.ndarray] = []
        for path in paths:
            current: list[tuple[float, float]] = []
            for i in range(path.elementCount()):
                element = path.elementAt(i)
                if element.isMoveTo():
                    if len(current) > 1:
                        lines.append(np.array(current))
                    current = []
                current.append((element.x, element.y))
            if len(current) > 1:
                lines.append(np.array(current))
        return lines

    def colour_groups(self) -> int:
        """How many colour groups the kept lines are drawn in."""
        return len(self._paths)

    def hover_text(self) -> str:
        """The run name shown next to the cursor ("" when none is)."""
        label = self._hover_label
        return label.textItem.toPlainText() if label.isVisible() else ""

    # -- geometry and paths ------------------------------------------------------------
    def _update_kept(self) -> None:
        n_runs = self.matrix.shape[0]
        self._kept = (
            brush_mask(self.matrix, self._brushes)
            if self.axis_count()
            else np.zeros(n_runs, dtype=bool)
        )
        self._faded = QPainterPath()
        self._paths = []
        if self.axis_count():
            faded = np.flatnonzero(~self._kept)
            self._faded = self._path(faded)
            for b in range(-1, len(self._colors)):
                rows = np.flatnonzero(self._kept & (self._bins == b))
                if rows.size:
                    color = self._colors[b] if b >= 0 else self._missing_color
                    pen = pg.mkPen(color, width=self.line_width)
                    self._paths.append((pen, self._path(rows)))
        self.update()

    def _path(self, rows: np.ndarray) -> QPainterPath:
        if not rows.size:
            return QPainterPath()
        x, y, connect = polylines(self.matrix, rows)
        return pg.arrayToQPath(x, y, connect=connect, finiteCheck=False)

    def _make_labels(self, titles: list[str], scales: list[AxisScale]) -> None:
        for text in self._texts:
            text.setParentItem(None)
            if text.scene() is not None:
                text.scene().removeItem(text)
        self._texts = []
        self._titles = []
        self._ticks = []
        fg = palette_colors()[1]
        for axis, (title, scale) in enumerate(zip(titles, scales, strict=True)):
            label = pg.TextItem(title, color=fg, anchor=(0.5, 1.45))
            font = label.textItem.font()
            font.setBold(True)
            label.setFont(font)
            label.setPos(axis, 1.0)
            label.setToolTip(title)
            self._add_text(label)
            self._titles.append((title, label))
            for pos, text in scale.ticks():
                tick = pg.TextItem(
                    text, color=muted(230), fill=self._label_fill, anchor=(1, 0.5)
                )
                tick.setPos(axis, pos)
                tick.setToolTip(text)
                self._add_text(tick)
                self._ticks.append((axis, text, tick))

        self.fit_titles(self._axis_px, *self._margins)

    def fit_titles(
        self, axis_px: float, left_px: float = 0.0, right_px: float = 0.0
    ) -> None:
        """Elide the axis titles to ``axis_px``, the pixels between two axes.

        Closely spaced axes stagger their titles over two lines, so each may
        use twice the spacing; the first and last titles also fit in the
        ``left_px`` and ``right_px`` margins. The full name is the tooltip.
        """
        self._axis_px = axis_px
        self._margins = (left_px, right_px)
        stagger = 0 < axis_px < STAGGER_BELOW_PX and len(self._titles) > 1
        room = (2 * axis_px if stagger else axis_px) - TITLE_GAP_PX
        for axis, (title, label) in enumerate(self._titles):
            metrics = QFontMetricsF(label.textItem.font())
            width = room if len(self._titles) > 1 else math.inf
            if axis == 0 and left_px > 0:
                width = min(width, 2 * left_px - TITLE_GAP_PX)
            if axis == len(self._titles) - 1 and right_px > 0:
                width = min(width, 2 * right_px - TITLE_GAP_PX)
            text = title
            if axis_px > 0 and math.isfinite(width):
                text = metrics.elidedText(
                    title, Qt.TextElideMode.ElideMiddle, max(width, 12.0)
                )
            label.setText(text)
            label.setAnchor((0.5, 2.55 if stagger and axis % 2 else 1.45))
        for axis, full, tick in self._ticks:  # drawn left of their axis
            width = axis_px - TITLE_GAP_PX if axis else left_px - TITLE_GAP_PX / 2
            metrics = QFontMetricsF(tick.textItem.font())
            if axis_px > 0 and width > 0:
                full = metrics.elidedText(
                    full, Qt.TextElideMode.ElideMiddle, max(width, 12.0)
                )
            tick.setText(full)

    def titles(self) -> list[str]:
        """The axis titles as drawn (elided to fit)."""
        return [label.textItem.toPlainText() for _, label in self._titles]

    def tick_texts(self, axis: int) -> list[str]:
        """The tick labels of one axis as drawn (elided to fit)."""
        return [t.textItem.toPlainText() for a, _, t in self._ticks if a == axis]

    def title_items(self) -> list[pg.TextItem]:
        """The axis title items (their tooltips hold the full names)."""
        return [label for _, label in self._titles]

    def title_rects(self) -> list[QRectF]:
        """Where each axis title is drawn, in scene pixels."""
        rects = []
        for axis, (_, label) in enumerate(self._titles):
            size = label.textItem.boundingRect().size()
            at = self.mapToScene(QPointF(axis, 1.0))
            ax, ay = label.anchor.x(), label.anchor.y()
            rects.append(
                QRectF(
                    at.x() - ax * size.width(),
                    at.y() - ay * size.height(),
                    size.width(),
                    size.height(),
                )
            )
        return rects

    def _add_text(self, item: pg.TextItem) -> None:
        font = item.textItem.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        item.setFont(font)
        item.setParentItem(self)
        self._texts.append(item)

    def boundingRect(self) -> QRectF:
        n = max(1, self.axis_count())
        return QRectF(-0.5, -0.1, n, 1.2)

    def paint(self, painter: QPainter, *_args) -> None:
        """Faded lines, coloured lines, axes, brushes, the hovered line."""
        n_axes = self.axis_count()
        if not n_axes:
            return
        # Smooth lines cost ~10x more to draw; many lines do without.
        smooth = self.matrix.shape[0] <= SMOOTH_MAX_RUNS
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        painter.setPen(self._faded_pen)
        painter.drawPath(self._faded)
        for pen, path in self._paths:
            painter.setPen(pen)
            painter.drawPath(path)
        painter.setPen(self._axis_pen)
        for axis in range(n_axes):
            painter.drawLine(QPointF(axis, 0.0), QPointF(axis, 1.0))
        half = BRUSH_PX / 2 * self.pixelWidth()
        painter.setPen(self._brush_pen)
        painter.setBrush(self._brush_fill)
        for axis, (lo, hi) in self._brushes.items():
            painter.drawRect(QRectF(axis - half, lo, 2 * half, hi - lo))

    def _color_of(self, run: int) -> QColor:
        b = int(self._bins[run]) if run < self._bins.size else -1
        return self._colors[b] if 0 <= b < len(self._colors) else QColor("#e4572e")

    # -- mouse -------------------------------------------------------------------------
    def axis_at(self, pos: QPointF) -> int | None:
        """The axis a point (item coordinates) is on, if close enough."""
        n = self.axis_count()
        axis = round(pos.x())
        if not 0 <= axis < n or not -0.06 <= pos.y() <= 1.06:
            return None
        if abs(pos.x() - axis) > AXIS_GRAB_PX * self.pixelWidth():
            return None
        return axis

    def mouseDragEvent(self, ev) -> None:
        """Drag along an axis to brush a range."""
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            self._drag_axis = self.axis_at(ev.buttonDownPos())
        if self._drag_axis is None:
            ev.ignore()
            return
        ev.accept()
        start, now = ev.buttonDownPos().y(), ev.pos().y()
        axis = self._drag_axis
        if ev.isFinish():
            self._drag_axis = None
        self.set_brush(axis, start, now)

    def mouseClickEvent(self, ev) -> None:
        """Click an axis to clear its brush; right-click for its menu."""
        axis = self.axis_at(ev.pos())
        if axis is None:
            ev.ignore()
            return
        ev.accept()
        if ev.button() == Qt.MouseButton.RightButton:
            self.axis_menu_requested.emit(axis, ev.screenPos())
        elif ev.button() == Qt.MouseButton.LeftButton and axis in self._brushes:
            self.clear_brush(axis)

    def hoverEvent(self, ev) -> None:
        """Highlight the line under the cursor and show its run's name."""
        if ev.isExit():
            self._set_hover(-1, None)
            return
        pos = ev.pos()
        if self.axis_at(pos) is not None:
            ev.acceptDrags(Qt.MouseButton.LeftButton)
        candidates = np.flatnonzero(self._kept)
        if not candidates.size:
            candidates = np.arange(self.matrix.shape[0])
        run, distance = nearest_line(self.matrix, pos.x(), pos.y(), candidates)
        if run >= 0 and distance > HOVER_PX * self.pixelHeight():
            run = -1
        self._set_hover(run, pos)

    def _set_hover(self, run: int, pos: QPointF | None) -> None:
        if run >= 0 and pos is not None:
            self._hover_label.setText(self.names[run])
            self._hover_label.setPos(pos.x() + 0.02, pos.y() + 0.02)
            self._hover_label.show()
        else:
            self._hover_label.hide()
        if run != self._hover:
            self._hover = run
            if run >= 0:
                width = self.line_width + 2
                self._highlight.setPen(pg.mkPen(self._color_of(run), width=width))
                self._highlight.setPath(self._path(np.array([run])))
            self._highlight.setVisible(run >= 0)
            self.hovered.emit(run)


def _faded(color: QColor, alpha: int) -> QColor:
    out = QColor(color)
    out.setAlpha(alpha)
    return out
