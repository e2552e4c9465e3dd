"""Recent sources: File ▸ Recent sources and the welcome page's list.

Sources that no longer exist are shown as missing and can be removed; choosing one
says so instead of importing nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from desktop.services.source_locations import is_missing
from desktop.ui.settings import Settings


class RecentSources(QObject):
    """Opens, lists and forgets the recent sources kept in (store-scoped) settings."""

    open_requested = Signal(str)
    """An existing recent source was chosen; payload: its location."""
    changed = Signal()
    """A source was removed from the list."""

    def __init__(self, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings = settings
        self._window = parent

    def entries(self) -> list[tuple[str, bool]]:
        """``(location, missing)`` for each recent source, newest first."""
        return [(p, is_missing(p)) for p in self.settings.recent_sources()]

    def open(self, location: str) -> None:
        """Import ``location`` again, or say plainly that it is gone."""
        if not is_missing(location):
            self.open_requested.emit(location)
            return
        answer = QMessageBox.question(
            self._window,
            self.tr("Source missing"),
            self.tr(
                "{0} no longer exists: it was moved, renamed or deleted.\n\n"
                "Remove it from the recent sources?"
            ).format(location),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(location)

    def remove(self, location: str) -> None:
        """Forget ``location`` in the recent sources."""
        self.settings.remove_recent_source(location)
        self.changed.emit()

    def remove_missing(self) -> None:
        """Forget every recent source that no longer exists."""
        for location, missing in self.entries():
            if missing:
                self.settings.remove_recent_source(location)
        self.changed.emit()

    def fill_menu(self, menu: QMenu) -> None:
        """Fill File ▸ Recent sources: missing ones marked, and a way to clear them."""
        menu.clear()
        entries = self.entries()
        for location, missing in entries:
            text = self.tr("{0} (missing)").format(location) if missing else location
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, p=location: self.open(p))
        if not entries:
            menu.addAction(self.tr("(none yet)")).setEnabled(False)
        elif any(missing for _, missing in entries):
            menu.addSeparator()
            menu.addAction(self.tr("Remove missing sources"), self.remove_missing)
