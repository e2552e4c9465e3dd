"""Many runs' lines painted once into an image of the view, which pans and zooms
as a picture until the view settles, then is painted again at the new range.

A thousand runs of a thousand steps are a million segments: stroking them took
100-250 ms, every frame of a pan. The compare dialog's line groups (a line item
per colour) still hold the data, give the axes their ranges and are what this
paints; they are only made transparent.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, QTimer
from PySide6.QtGui import QImage, QPainter, QPen

from desktop.ui.compare.curve_charts import Chart
from desktop.ui.workers import LatestOnly

SETTLE_MS = 80
"""The view is painted again this long after it last moved."""
MARGIN = 0.5
"""The image covers this much of the view's width on either side (room to pan)."""


class _Picture(pg.GraphicsObject):
    """An image stretched over a rectangle of data coordinates."""

    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.rect = QRectF()

    def set_image(self, image: QImage, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.image, self.rect = image, rect
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(self.rect)

    def paint(self, painter: QPainter, *_args) -> None:
        if self.image is not None:
            painter.drawImage(self.rect, self.image)


class RasterLines(QObject):
    """Paints a chart's line groups into a picture of the view."""

    def __init__(self, chart: Chart) -> None:
        super().__init__()
        self.chart = chart
        self.picture = _Picture()
        self.picture.setZValue(-1)
        chart.plot.addItem(self.picture, ignoreBounds=True)
        self.renders = 0
        for group in chart.groups:
            for item in (group.raw, group.line):
                if item is not None:
                    item.setOpacity(0.0)  # bounds and data kept, never stroked
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.render)
        self._job = LatestOnly(self)
        self._job.finished.connect(self._on_painted)
        chart.plot.vb.sigRangeChanged.connect(self._timer.start)
        chart.plot.vb.sigResized.connect(self._timer.start)

    def set_opacity(self, opacity: float) -> None:
        """Fade the lines (others selected) or show them fully."""
        self.picture.setOpacity(opacity)

    def is_busy(self) -> bool:
        """Whether a picture is waiting to be painted."""
        return self._timer.isActive() or self._job.is_busy()

    def schedule(self) -> None:
        """Paint again once the view settles (the data changed)."""
        self._timer.start()

    def render(self) -> None:
        """Paint every group's lines over the view and the margins beside it, on
        the worker pool (a million segments take 100-200 ms); the picture is
        replaced when they are painted."""
        self._timer.stop()
        vb = self.chart.plot.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        width, height = int(vb.width()), int(vb.height())
        if width <= 0 or height <= 0 or x1 <= x0 or y1 <= y0:
            return
        pad = (x1 - x0) * MARGIN
        x0, x1 = x0 - pad, x1 + pad
        ratio = vb.devicePixelRatioF() if hasattr(vb, "devicePixelRatioF") else 1.0
        size = (
            max(1, int(width * (1 + 2 * MARGIN) * ratio)),
            max(1, int(height * ratio)),
        )
        lines = []
        for group in self.chart.groups:
            for item in (group.raw, group.line):
                if item is None:
                    continue
                x, y = item.getData()
                if x is not None and len(x):
                    pen = QPen(item.opts["pen"])
                    pen.setCosmetic(True)
                    lines.append((x, y, pen))
        rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        self._job.submit(lambda: (paint_lines(lines, rect, size), rect))

    def _on_painted(self, result: tuple[QImage, QRectF]) -> None:
        image, rect = result
        self.picture.set_image(image, rect)
        self.renders += 1


def paint_lines(
    lines: list[tuple[np.ndarray, np.ndarray, QPen]],
    rect: QRectF,
    size: tuple[int, int],
) -> QImage:
    """Lines (data coordinates, NaN between runs) painted over ``rect`` into an
    image of ``size`` pixels, row 0 at ``rect``'s lowest y."""
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    sx, sy = size[0] / rect.width(), size[1] / rect.height()
    for x, y, pen in lines:
        px = (np.asarray(x, dtype=np.float64) - rect.left()) * sx
        py = (np.asarray(y, dtype=np.float64) - rect.top()) * sy
        painter.setPen(pen)
        painter.drawPath(pg.functions.arrayToQPath(px, py, connect="finite"))
    painter.end()
    return image
