"""The app's run colours (:mod:`desktop.core.run_colors`) as Qt colours, with a
signal when runs drawn together had to be moved apart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap

from desktop.core.run_colors import PALETTE, ColorSlots


class RunColors(QObject):
    """Each run's colour, the same in every view of the app."""

    moved = Signal(list)
    """Runs (their ids) that changed colour to stand apart from runs beside them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slots = ColorSlots()

    def colors(self, run_ids: Iterable[str]) -> list[QColor]:
        """The runs' colours as they are (where many runs are shown, some share one)."""
        return [QColor(PALETTE[s]) for s in self._slots.slots(run_ids)]

    def distinct(self, run_ids: Sequence[str]) -> list[QColor]:
        """Colours for runs drawn together, told apart (moving clashing runs for
        every view; :attr:`moved` says which)."""
        slots, moved = self._slots.assign(run_ids)
        if moved:
            self.moved.emit(moved)
        return [QColor(PALETTE[s]) for s in slots]

    def group_colors(self, names: Sequence[str]) -> list[QColor]:
        """Colours for groups of runs (by name), told apart, the same in each view."""
        return self.distinct([f"group:{name}" for name in names])


_APP_COLORS: RunColors | None = None


def run_colors() -> RunColors:
    """The app's run colours (made on first use, in the GUI thread)."""
    global _APP_COLORS
    if _APP_COLORS is None:
        _APP_COLORS = RunColors()
    return _APP_COLORS


def swatch(color: QColor) -> QIcon:
    """A small square of a run's (or group's) colour, for legends and headers."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(color)
    return QIcon(pixmap)
