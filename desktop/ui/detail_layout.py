"""When and how wide the run detail dock is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from desktop.ui.detail.dock import RunDetailDock

DEFAULT_SHARE = 3
"""By default the dock takes a third of the window's width."""


class DetailDockLayout(QObject):
    """Keeps the run detail dock out of the way until a run is picked.

    Before the first run is picked the dock takes no space; then it opens at a
    third of the window unless the user's own width was restored. Closing it (its
    close button or View ▸ Run details) is respected until the user reopens it.
    """

    def __init__(self, window: QMainWindow, dock: RunDetailDock) -> None:
        super().__init__(window)
        self._window = window
        self._dock = dock
        self._wanted = True  # the user has not closed it
        self._sized = False  # it has a width the user chose or had restored
        self._waiting = True  # hidden until a run is picked
        dock.installEventFilter(self)
        dock.toggleViewAction().triggered.connect(self._on_toggled)
        dock.hide()

    def restored(self, had_state: bool) -> None:
        """The window's saved state was applied (``had_state``: there was one)."""
        if had_state:
            self._sized = True
            self._wanted = not self._dock.isHidden()
        if self._waiting:
            self._dock.hide()

    def on_run_selected(self, pk: int) -> None:
        """Show run ``pk`` (negative: none), opening the dock on the first run."""
        self._dock.set_run(pk)
        if pk >= 0 and self._waiting and self._wanted:
            self.show_dock()

    def show_dock(self) -> None:
        """Show the dock, at its default width the first time."""
        if not self._wanted:
            return
        self._waiting = False
        self._dock.show()
        if not self._sized and not self._dock.isFloating():
            self._sized = True
            self._window.resizeDocks(
                [self._dock],
                [self._window.width() // DEFAULT_SHARE],
                Qt.Orientation.Horizontal,
            )

    def before_save(self) -> None:
        """Let the saved state record the dock as the user wants it next time."""
        if self._waiting and self._wanted:
            self.show_dock()

    def _on_toggled(self, checked: bool) -> None:
        self._wanted = checked
        if checked:
            self.show_dock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on the dock's close button: the user does not want it."""
        if watched is self._dock and event.type() == QEvent.Type.Close:
            self._wanted = False
        return False
