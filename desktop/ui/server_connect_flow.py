"""Connecting to a tracking server: the Connect dialog, prefilled with the server's
saved settings (read in the background), and the sync it asks for.

Its messages keep the main window's translation context (they were its own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow

from desktop.services.source_locations import is_server_url, normalize_location

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog
    from desktop.services.server_connection import SessionCredentials
    from desktop.ui.connect_dialog import ConnectDialog
    from desktop.ui.settings import Settings

translate = QCoreApplication.translate


class ServerConnectFlow(QObject):
    """File ▸ Connect to server… and the sign-in after a server refused one."""

    sync_requested = Signal(str)
    """The user accepted the dialog: import (sync) this server URL."""

    def __init__(
        self,
        window: QMainWindow,
        settings: Settings,
        credentials: SessionCredentials,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._credentials = credentials
        self.catalog: Catalog | None = None  # set once the store is open
        self.dialog: ConnectDialog | None = None  # the last one opened

    def start(self, url: str = "", message: str = "") -> None:
        """Open the Connect dialog; ``url`` and ``message`` prefill it (after a
        sign-in failed), else the most recent server is offered."""
        url = url or next(
            (s for s in self._settings.recent_sources() if is_server_url(s)), ""
        )
        catalog = self.catalog
        if not url or catalog is None:
            self._open_dialog(url, None, message)
            return
        from desktop.ui.workers import LatestOnly

        location = normalize_location(url, self._credentials)
        # The settings saved for the server are read in the background.
        job = LatestOnly(self)
        job.finished.connect(lambda saved: self._open_dialog(url, saved, message))
        job.failed.connect(lambda _m: self._open_dialog(url, None, message))
        job.finished.connect(job.deleteLater)
        job.failed.connect(job.deleteLater)
        job.submit(lambda: catalog.server_options(location))

    def _open_dialog(
        self, url: str, saved: dict[str, object] | None, message: str
    ) -> None:
        from desktop.ui.connect_dialog import ConnectDialog

        dialog = ConnectDialog(
            url, saved, message, self._window, credentials=self._credentials
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_accepted(dialog))
        self.dialog = dialog
        dialog.open()

    def _on_accepted(self, dialog: ConnectDialog) -> None:
        url = dialog.connection().url
        if dialog.keyring_failed:
            self._window.statusBar().showMessage(
                translate(
                    "MainWindow",
                    "The system keyring refused the credentials: they are kept "
                    "until mlflow-desktop closes.",
                ),
                8000,
            )
        self.sync_requested.emit(url)
