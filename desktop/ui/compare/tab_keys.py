"""Keys that switch a tab widget's pages wherever focus is in its window.

Ctrl+Tab / Ctrl+PgDn go to the next page, Ctrl+Shift+Tab / Ctrl+PgUp to the
previous one and Ctrl+1…9 to a page by number, even when a table (which would
move its current cell) or a plot has the focus.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_CTRL = Qt.KeyboardModifier.ControlModifier
_CTRL_SHIFT = _CTRL | Qt.KeyboardModifier.ShiftModifier
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


def tab_step(event: QKeyEvent, count: int) -> tuple[str, int] | None:
    """``("by", ±1)`` or ``("to", index)`` for a tab-switching key, else None."""
    key, mods = event.key(), event.modifiers() & _MODIFIERS
    if mods == _CTRL and key in (Qt.Key.Key_Tab, Qt.Key.Key_PageDown):
        return "by", 1
    if mods == _CTRL and key == Qt.Key.Key_PageUp:
        return "by", -1
    if mods in (_CTRL, _CTRL_SHIFT) and key == Qt.Key.Key_Backtab:
        return "by", -1
    if mods == _CTRL_SHIFT and key == Qt.Key.Key_Tab:
        return "by", -1
    if mods == _CTRL and _DIGITS.get(key, count + 1) <= count:
        return "to", _DIGITS[key] - 1
    return None


class TabKeys(QObject):
    """Watches the focused widget of ``tabs``'s window for tab-switching keys."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self._watched: QWidget | None = None
        app = QApplication.instance()
        app.focusChanged.connect(self._on_focus_changed)
        tabs.window().installEventFilter(self)  # nothing focused yet

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None:
            with contextlib.suppress(RuntimeError):  # already deleted
                self._watched.removeEventFilter(self)
            self._watched = None
        if new is not None and new.window() is self.tabs.window():
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        step = tab_step(event, self.tabs.count())  # type: ignore[arg-type]
        if step is None:
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # deliver it as a key press, to this filter
            return True
        how, value = step
        count = self.tabs.count()
        index = (self.tabs.currentIndex() + value) % count if how == "by" else value
        self.tabs.setCurrentIndex(index)
        return True
