"""Downloads behind the previews of tracking-server files: one at a time, with
progress, the previous one cancelled when another file is selected."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.services.artifact_browser import ArtifactRoot
from desktop.services.remote_artifacts import ServerArtifacts
from desktop.ui.detail import artifact_loading as loading
from desktop.ui.detail.artifact_tree import Node


class DownloadSignals(QObject):
    """Progress of a download running on the thread pool."""

    progress = Signal(int, object, object)
    """(ticket, bytes done, total bytes or ``None``)."""


class PreviewDownloads(QObject):
    """Builds the work that previews a server file, downloading it first."""

    progress = Signal(object, object)
    """(bytes done, total bytes or ``None``) of the newest download only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = DownloadSignals(self)
        self._signals.progress.connect(self._on_progress)
        self._ticket = 0
        self._cancel = threading.Event()

    def preview_work(
        self,
        server: ServerArtifacts,
        root: ArtifactRoot,
        node: Node,
        table_paths: frozenset[str] = frozenset(),
    ) -> Callable[[], object]:
        """The work that previews ``node`` (cancelling the previous download)."""
        self._cancel.set()  # stop the download of the previous selection
        cancel = self._cancel = threading.Event()
        self._ticket += 1
        ticket, signals = self._ticket, self._signals
        path, name = node.path, node.name
        if node.entry is not None and node.entry.is_dir:
            return lambda: loading.load_remote_folder(server, root, path, name)
        size = node.entry.size if node.entry is not None else None

        def progress(done: int, total: int | None) -> None:
            signals.progress.emit(ticket, done, total)

        return lambda: loading.load_remote_preview(
            server, root, path, name, size, progress, cancel.is_set, table_paths
        )

    def _on_progress(self, ticket: int, done: int, total: object) -> None:
        if ticket == self._ticket:
            self.progress.emit(done, total)
