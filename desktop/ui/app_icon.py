"""The application icon, from the PNG sizes bundled in ``resources/icons``."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from desktop.resources import resource_path

ICON_NAME = "mlflow-desktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@cache
def app_icon() -> QIcon:
    """The app icon in every bundled size (empty when the files are missing)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"{ICON_NAME}-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon
