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
        chart.plot.vb.sigRangeChanged.connect(self._timer.start)
        chart.plot.vb.sigResized.connect(self._timer.start)

    def set_opacity(self, opacity: float) -> None:
        """Fade the lines (others selected) or show them fully."""
        self.picture.setOpacity(opacity)

    def schedule(self) -> None:
        """Paint again once the view settles (the data changed)."""
        self._timer.start()

    def render(self) -> None:
        """Paint every group's lines over the view and the margins beside it."""
        self._timer.stop()
        vb = self.chart.plot.vb
        (x0, x1), (y0, y1) = vb.viewRange()
        width, height = int(vb.width()), int(vb.height())
        if width <= 0 or height <= 0 or x1 <= x0 or y1 <= y0:
            return
        pad = (x1 - x0) * MARGIN
        x0, x1 = x0 - pad, x1 + pad
        pixels = int(width * (1 + 2 * MARGIN))
        ratio = vb.devicePixelRatioF() if hasattr(vb, "devicePixelRatioF") else 1.0
        w, h = max(1, int(pixels * ratio)), max(1, int(height * ratio))
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        sx, sy = w / (x1 - x0), h / (y1 - y0)
        for group in self.chart.groups:
            for item in (group.raw, group.line):
                if item is None:
                    continue
                x, y = item.getData()
                if x is None or not len(x):
                    continue
                px = (np.asarray(x, dtype=np.float64) - x0) * sx
                py = (np.asarray(y, dtype=np.float64) - y0) * sy
                path = pg.functions.arrayToQPath(px, py, connect="finite")
                pen = QPen(item.opts["pen"])
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.drawPath(path)
        painter.end()
        self.picture.set_image(image, QRectF(x0, y0, x1 - x0, y1 - y0))
        self.renders += 1
