"""The "Higher/Lower is better" menu entries shared by the runs and compare tables."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from desktop.core.metric_direction import Direction


def add_direction_actions(
    menu: QMenu, current: Direction, chosen: Callable[[Direction], None]
) -> None:
    """Add two checkable entries; ``chosen`` gets the direction the user picks."""
    for direction, text in (
        (Direction.HIGHER, QCoreApplication.translate("Direction", "Higher is better")),
        (Direction.LOWER, QCoreApplication.translate("Direction", "Lower is better")),
    ):
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(current is direction)
        action.triggered.connect(lambda _c=False, d=direction: chosen(d))
