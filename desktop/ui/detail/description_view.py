"""A run's description (``mlflow.note.content``): Markdown within a budget.

Anyone who can set a tag writes this text, so it is hostile input: images load
only from the run's own artifact folder (contained like every artifact path,
regular files only, size-capped); nothing else on disk or on the network is read.
A long description is shown as plain text, cut at :data:`SHOWN_LIMIT` characters,
with a button that copies the whole text.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QGuiApplication, QImage, QTextOption
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.services.artifact_browser import format_size
from desktop.services.previews import markdown_fits
from desktop.ui.detail.preview_widgets import MarkdownPreview
from desktop.ui.detail.safe_images import load_contained_image

MARKDOWN_LIMIT = 32 * 1024
"""Longer descriptions are not rendered as Markdown (layout cost grows fast)."""
SHOWN_LIMIT = 64 * 1024
"""At most this many characters of a description are shown."""


class DescriptionView(QWidget):
    """The description text, a note when it is cut, and a copy button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = MarkdownPreview(self)
        self.browser.setObjectName("descriptionView")
        self.browser.setSearchPaths([])
        self.browser.setMinimumHeight(120)
        self.note = QLabel(self)
        self.note.setObjectName("descriptionNote")
        self.note.setWordWrap(True)
        self.copy_button = QToolButton(self)
        self.copy_button.setObjectName("copyDescriptionButton")
        self.copy_button.setText(self.tr("Copy the full description"))
        self.copy_button.clicked.connect(self._copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.copy_button)
        self._text = ""
        self._root: str | None = None
        self._set_cut(False)

    def show_description(self, text: str, artifact_root: str | None) -> None:
        """Show ``text``; relative images come from ``artifact_root`` only."""
        self._text = text
        local = artifact_root and os.path.isdir(artifact_root)
        self._root = artifact_root if local else None
        if not text.strip():
            self.browser.blocked = []
            self.browser.setHtml(
                "<i style='color:#888'>{}</i>".format(self.tr("No description."))
            )
            self._set_cut(False)
        elif markdown_fits(text, MARKDOWN_LIMIT):
            self.browser.setWordWrapMode(
                QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
            )
            self.browser.show_markdown(text, self._image)
            self._set_cut(False)
        else:
            self.browser.blocked = []
            # Wrapping anywhere keeps a long unbroken line from costing seconds.
            self.browser.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
            self.browser.setPlainText(text[:SHOWN_LIMIT])
            self._set_cut(True)

    def toPlainText(self) -> str:
        """The text shown."""
        return self.browser.toPlainText()

    def toMarkdown(self) -> str:
        """The shown text as Markdown."""
        return self.browser.toMarkdown()

    def _set_cut(self, cut: bool) -> None:
        self.note.setVisible(cut)
        self.copy_button.setVisible(cut)
        if not cut:
            return
        size = format_size(len(self._text.encode("utf-8", errors="replace")))
        if len(self._text) > SHOWN_LIMIT:
            note = self.tr(
                "Long description ({0}): the first {1} characters are shown as "
                "plain text."
            ).format(size, f"{SHOWN_LIMIT:,}")
        else:
            note = self.tr("Long description ({0}): shown as plain text.").format(size)
        self.note.setText(note)

    def _image(self, name: str) -> QImage | None:
        if self._root is None:
            return None
        return load_contained_image(self._root, name)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self._text)
