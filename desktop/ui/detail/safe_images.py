"""Decode images from bytes read safely; SVGs only without external references.

Every image a preview or a description shows is read here: a regular file only
(never a FIFO or device), at most a size cap, and an SVG (recognised by its
content, whatever its name) is neutralised before Qt renders it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageReader

from desktop.services.artifact_browser import PathRefused, resolve_inside
from desktop.services.previews import read_image_bytes
from desktop.services.svg_safety import UnsafeSvg, neutralize_svg

MAX_INLINE_IMAGE_BYTES = 32 * 1024 * 1024
"""The largest image file shown inside a Markdown text or a description."""


@dataclass
class SafeReader:
    """A ``QImageReader`` over bytes in memory (the buffer must outlive it)."""

    reader: QImageReader
    buffer: QBuffer
    format: str


def _reader(data: bytes, fmt: bytes = b"") -> SafeReader:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(fmt))
    reader.setAutoTransform(True)
    reader.setDecideFormatFromContent(not fmt)
    return SafeReader(reader, buffer, bytes(reader.format().data()).decode())


def safe_reader(data: bytes) -> SafeReader:
    """A reader for ``data``; an SVG is neutralised first (raises ``UnsafeSvg``)."""
    found = _reader(data)
    looks_svg = data.lstrip()[:1] == b"<" or data.startswith(b"\x1f\x8b")
    if not found.format.startswith("svg") and not looks_svg:
        return found
    return _reader(neutralize_svg(data), b"svg")


def load_contained_image(
    root: str, relative: str, limit: int = MAX_INLINE_IMAGE_BYTES
) -> QImage | None:
    """The image at ``relative`` in ``root``; ``None`` when refused or unreadable."""
    try:
        data = read_image_bytes(resolve_inside(root, relative), limit)
        if data is None:
            return None
        safe = safe_reader(data)  # keeps the buffer alive while reading
        image = safe.reader.read()
    except (PathRefused, OSError, UnsafeSvg, ValueError):
        return None
    return None if image.isNull() else image
