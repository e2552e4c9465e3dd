"""A label for long paths: elided in the middle to fit, never widening its panel."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QLabel, QMenu, QWidget


class PathLabel(QLabel):
    """Shows as much of a path as fits (``/tmp/…/artifacts``); the tooltip and
    Copy give it whole. A path of digits and slashes cannot wrap, so it elides."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._path = ""

    def set_path(self, path: str) -> None:
        """Show ``path`` (elided to the label's width)."""
        self._path = path
        self.setToolTip(path)
        self._elide()

    def path(self) -> str:
        """The whole path."""
        return self._path

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().averageCharWidth() * 8, super().sizeHint().height()
        )

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance(self._path) + 4
        return QSize(width, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Copy"), self._copy)
        menu.exec(event.globalPos())

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self._path)

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(
            metrics.elidedText(self._path, Qt.TextElideMode.ElideMiddle, self.width())
        )
