"""Removing a source: confirm, then delete what was imported from it (never the
folder, database or server itself) in the background.

Its messages keep the main window's translation context (they were its own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog

translate = QCoreApplication.translate


class SourceRemoval(QObject):
    """Removes sources from the store once the user confirms."""

    removed = Signal()
    """A source is gone: the tree should reload."""

    def __init__(
        self, catalog: Catalog, importing: Callable[[], bool], window: QWidget
    ) -> None:
        super().__init__(window)
        self._catalog = catalog
        self._importing = importing  # whether an import runs (then: wait)
        self._window = window

    def remove(self, source_id: int) -> None:
        """Remove a source and everything imported from it (not the folder)."""
        window = self._window
        if self._importing():
            QMessageBox.information(
                window,
                translate("MainWindow", "Busy"),
                translate(
                    "MainWindow",
                    "Wait for the running import to finish, then remove the source.",
                ),
            )
            return
        answer = QMessageBox.question(
            window,
            translate("MainWindow", "Remove source"),
            translate(
                "MainWindow",
                "Remove this source and its runs from mlflow-desktop? The folder "
                "itself is not touched.",
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from desktop.services.store_actions import remove_source
        from desktop.ui.workers import LatestOnly

        catalog = self._catalog
        remover = LatestOnly(self)
        remover.finished.connect(lambda _r: self.removed.emit())
        remover.submit(lambda: remove_source(catalog, source_id))
