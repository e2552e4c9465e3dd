"""Small icons drawn in code (status dots), cached."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

STATUS_COLORS = {
    "FINISHED": "#2e9d4f",
    "RUNNING": "#2f7fd8",
    "SCHEDULED": "#8a8f98",
    "FAILED": "#d6453d",
    "KILLED": "#c78a1c",
}


@cache
def status_icon(status: str) -> QIcon:
    """A coloured dot for a run status."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(STATUS_COLORS.get(status, "#8a8f98")))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)
