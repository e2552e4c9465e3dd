"""Export pyqtgraph plots as PNG or SVG files."""

from __future__ import annotations

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator

MIN_PNG_WIDTH = 1200


def export_plot(item: pg.GraphicsItem, path: str) -> None:
    """Write ``item`` (a PlotItem or a whole layout) to ``path``, by extension.

    SVG is drawn with Qt's own SVG generator: pyqtgraph's SVG exporter cannot parse
    the path data that current Qt versions write.
    """
    if path.lower().endswith(".svg"):
        _export_svg(item, path)
        return
    exporter = ImageExporter(item)
    exporter.parameters()["width"] = max(
        MIN_PNG_WIDTH, int(item.boundingRect().width())
    )
    exporter.export(path)


def _export_svg(item: pg.GraphicsItem, path: str) -> None:
    source = item.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(QSize(int(source.width()), int(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("mlflow-desktop chart")
    painter = QPainter(generator)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        item.scene().render(
            painter, QRectF(0, 0, source.width(), source.height()), source
        )
    finally:
        painter.end()
