"""Small widgets of the compare dialog's Artifacts tab: a progress strip with a
Cancel button, an image cell of the step grid and a per-run pane of a shared file."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.detail.logged_table_view import (
    CellsModel,
    fit_columns,
    make_table_view,
)
from desktop.ui.detail.preview_widgets import info_label, monospace_font

IMAGE_BOX = QSize(360, 300)


class ProgressStrip(QWidget):
    """What is loading, how far it got, and a Cancel button."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("artifactsProgress")
        self.label = QLabel(self)
        self.label.setObjectName("artifactsProgressLabel")
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(220)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton(self.tr("Cancel"), self)
        self.cancel.setObjectName("artifactsCancelButton")
        self.cancel.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.hide()

    def start(self, text: str) -> None:
        """Show ``text`` with a busy bar and an enabled Cancel button."""
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.cancel.setEnabled(True)
        self.show()

    def set_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps."""
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)


def swatch_title(parent: QWidget, name: str, colour: QColor) -> QLabel:
    """A bold run name with a colour square, as in the other compare sections."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    label.setText(f'<span style="color:{colour.name()}">■</span> <b>{escaped}</b>')
    label.setToolTip(name)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class ImageCell(QFrame):
    """One run's image in the step grid: run name, which step, the image."""

    def __init__(self, name: str, colour: QColor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("compareImageCell")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = name
        self.title = swatch_title(self, name, colour)
        self.caption = info_label(self, "compareImageCaption")
        self.picture = QLabel(self)
        self.picture.setObjectName("compareImage")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFixedSize(IMAGE_BOX)
        self.picture.setWordWrap(True)
        self.box = IMAGE_BOX
        self.image: QImage | None = None
        self.step: int | None = None
        """The step of the image shown."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.caption)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_image(
        self,
        image: QImage | None,
        caption: str,
        message: str = "",
        step: int | None = None,
    ) -> None:
        """Show ``image`` (of ``step``) fitted to the box (small ones grow), or
        ``message``."""
        self.image = image
        self.step = step if image is not None else None
        self.caption.setText(caption)
        if image is None:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(message)
            return
        self.picture.setText("")
        self._scale()

    def set_box(self, box: QSize) -> None:
        """Fit images into ``box`` from now on (the grid gives each cell its share)."""
        if box == self.box:
            return
        self.box = box
        self.picture.setFixedSize(box)
        if self.image is not None:
            self._scale()

    def _scale(self) -> None:
        assert self.image is not None
        scaled = self.image.scaled(
            self.box,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.picture.setPixmap(QPixmap.fromImage(scaled))


class FilePane(QFrame):
    """One run's copy of a shared file: an image, rows of a table, or text."""

    def __init__(self, name: str, colour: QColor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sharedFilePane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name = name
        self.title = swatch_title(self, name, colour)
        self.note = info_label(self, "sharedFileNote")
        self.note.setWordWrap(True)
        self.picture = QLabel(self)
        self.picture.setObjectName("sharedFileImage")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(120, 120)
        self.picture.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored
        )
        self.model = CellsModel(self)
        self.table = make_table_view(self.model, self, "sharedFileTable")
        self.table.setSortingEnabled(False)  # rows stay aligned across runs
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("sharedFileText")
        self.text.setReadOnly(True)
        self.text.setFont(monospace_font())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.message = QLabel(self)
        self.message.setObjectName("sharedFileMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedWidget(self)
        for widget in (self.message, self.picture, self.table, self.text):
            self.stack.addWidget(widget)
        self.image: QImage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)

    def show_message(self, text: str, note: str = "") -> None:
        """Say something instead of the file."""
        self.note.setText(note)
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def show_picture(self, image: QImage, note: str) -> None:
        """Show an image, fitted to the pane."""
        self.image = image
        self.note.setText(note)
        self.stack.setCurrentWidget(self.picture)
        self._fit_picture()

    def show_text(self, text: str, note: str) -> None:
        """Show text."""
        self.note.setText(note)
        self.text.setPlainText(text)
        self.stack.setCurrentWidget(self.text)

    def show_rows(
        self, columns, rows, labels, note: str, hidden: str | None = None
    ) -> None:
        """Show table rows (``None`` rows are gaps where the run has no such key);
        the column ``hidden`` (the key the row labels show) is left out."""
        self.note.setText(note)
        self.model.reset(columns, rows, labels)
        fit_columns(self.table, self.model)
        for column, name in enumerate(self.model.columns):
            self.table.setColumnHidden(column, name == hidden)
        self.stack.setCurrentWidget(self.table)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.stack.currentWidget() is self.picture:
            self._fit_picture()

    def _fit_picture(self) -> None:
        if self.image is None:
            return
        size = self.picture.size()
        if size.width() < 8 or size.height() < 8:
            size = IMAGE_BOX
        scaled = self.image.scaled(
            size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.picture.setPixmap(QPixmap.fromImage(scaled))
