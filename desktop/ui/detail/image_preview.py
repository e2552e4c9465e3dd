"""The image preview: a picture fitted to the view, zoomed with buttons or Ctrl+wheel.

Vector images arrive rendered at a higher pixel ratio, so they stay sharp when
they grow to fit or are zoomed into.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.detail.preview_widgets import info_label

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.02, 32.0


class _ImageView(QGraphicsView):
    """A graphics view that zooms with Ctrl+wheel and reports zoom changes."""

    zoom_changed = Signal(float)
    """The new scale factor (1.0 = 100%)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fit_mode = True
        self.max_fit = 1.0
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # The viewport's palette colour: it follows the light or dark theme.
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)

    def scale_factor(self) -> float:
        """The current zoom (1.0 = one image pixel per screen pixel)."""
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        """Zoom to ``factor`` (clamped), leaving fit-to-view mode."""
        self.fit_mode = False
        factor = min(MAX_ZOOM, max(MIN_ZOOM, factor))
        self.resetTransform()
        self.scale(factor, factor)
        self.zoom_changed.emit(factor)

    def fit(self) -> None:
        """Scale the image to fit the view (not above :attr:`max_fit`)."""
        self.fit_mode = True
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        self.resetTransform()
        view = self.viewport().rect().adjusted(8, 8, -8, -8)
        factor = min(
            view.width() / rect.width(), view.height() / rect.height(), self.max_fit
        )
        factor = max(factor, MIN_ZOOM)
        self.scale(factor, factor)
        self.centerOn(rect.center())
        self.zoom_changed.emit(factor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP
            self.set_zoom(self.scale_factor() * step)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fit_mode:
            self.fit()


class ImagePreview(QWidget):
    """An image fitted to the view, with zoom buttons and Ctrl+wheel zoom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagePreview")
        self.scene = QGraphicsScene(self)
        self.view = _ImageView(self)
        self.view.setObjectName("imageView")
        self.view.setScene(self.scene)
        self.image_size = (0, 0)
        self.current_image: QImage | None = None
        self.info = info_label(self, "imageInfo")
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        buttons = []
        for name, text, tip, slot in (
            (
                "zoomOutButton",
                "\u2212",
                self.tr("Zoom out (Ctrl+wheel)"),
                self.zoom_out,
            ),
            ("zoomInButton", "+", self.tr("Zoom in (Ctrl+wheel)"), self.zoom_in),
            ("fitButton", self.tr("Fit"), self.tr("Fit to view"), self.view.fit),
            ("actualSizeButton", "1:1", self.tr("Actual size"), self.actual_size),
        ):
            button = QToolButton(self)
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            buttons.append(button)
        self.view.zoom_changed.connect(self._on_view_zoom_changed)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.info, 1)
        for button in buttons:
            bar.addWidget(button)
        bar.addWidget(self.zoom_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def set_image(self, image: QImage, info: str, upscale: float = 1.0) -> None:
        """Show ``image`` fitted to the view; ``info`` describes it. ``upscale``:
        how much a small raster image may grow to fit (1: never)."""
        self.current_image = image
        self.scene.clear()
        pixmap = QPixmap.fromImage(image)
        logical = pixmap.deviceIndependentSize()  # SVGs are rendered at a higher ratio
        rect = QRectF(0, 0, logical.width(), logical.height())
        backdrop = QGraphicsRectItem(rect)
        backdrop.setBrush(QBrush(_checkerboard()))
        backdrop.setPen(Qt.PenStyle.NoPen)
        self.scene.addItem(backdrop)
        item = QGraphicsPixmapItem(pixmap)
        item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(item)
        self.scene.setSceneRect(rect)
        self.image_size = (round(logical.width()), round(logical.height()))
        # Raster images are not blown up to fit; vector ones (rendered at a higher
        # pixel ratio) may grow as far as their pixels stay sharp.
        self.view.max_fit = max(upscale, image.devicePixelRatio())
        self.info.setText(info)
        self.view.fit()

    def zoom(self) -> float:
        """The current zoom factor."""
        return self.view.scale_factor()

    def zoom_in(self) -> None:
        """Zoom in one step."""
        self.view.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Zoom out one step."""
        self.view.set_zoom(self.zoom() / ZOOM_STEP)

    def actual_size(self) -> None:
        """Show the image at 100%."""
        self.view.set_zoom(1.0)

    def _on_view_zoom_changed(self, factor: float) -> None:
        self.zoom_label.setText(f"{factor * 100:.0f}%")


def _checkerboard() -> QPixmap:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor("#ffffff"))
    painter = QPainter(pixmap)
    painter.fillRect(0, 0, 8, 8, QColor("#d9dce1"))
    painter.fillRect(8, 8, 8, 8, QColor("#d9dce1"))
    painter.end()
    return pixmap
