"""Lists the artifact tree's folders in the background as they are expanded.

Local folders are listed inside the artifact root only (see
:mod:`desktop.services.artifact_browser`); server folders through the tracking
server. Listings of a run the panel has left are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.services.artifact_browser import ArtifactError, list_folder
from desktop.services.remote_artifacts import RemoteArtifactError, ServerArtifacts
from desktop.ui.detail.artifact_tree import ArtifactTreeModel, Node
from desktop.ui.i18n import describe, error_text
from desktop.ui.workers import LatestOnly


class FolderListings(QObject):
    """Fills folders of an :class:`ArtifactTreeModel` from background listings."""

    listed = Signal()
    """A listing (or its error) reached the model."""

    def __init__(self, model: ArtifactTreeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._jobs: set[LatestOnly] = set()
        self._generation = 0

    def forget(self) -> None:
        """Drop the listings still running (the panel shows another run)."""
        self._generation += 1

    def is_busy(self) -> bool:
        """Whether a listing is still running."""
        return any(job.is_busy() for job in self._jobs)

    def list(self, node: Node, root_path: str, server: ServerArtifacts | None) -> None:
        """List folder ``node`` of the root at ``root_path`` (on ``server`` if any)."""
        generation = self._generation
        relative = node.path
        job = LatestOnly(self)
        self._jobs.add(job)

        def finish(result: object, failed: bool) -> None:
            self._jobs.discard(job)
            job.deleteLater()
            if generation != self._generation:
                return
            if failed or isinstance(result, str):
                self.model.set_listing_error(node, str(result))
            else:
                self.model.set_listing(node, result)  # type: ignore[arg-type]
            self.listed.emit()

        def work() -> object:
            try:
                if server is not None:
                    return server.list_folder(relative)
                return list_folder(root_path, relative)
            except (ArtifactError, RemoteArtifactError) as exc:
                return error_text(exc)

        job.finished.connect(lambda result: finish(result, False))
        job.failed.connect(lambda exc: finish(describe(exc), True))
        job.submit(work)
