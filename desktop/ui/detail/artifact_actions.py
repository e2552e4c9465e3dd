"""What the user can do with a selected artifact: open it with the system's
application, reveal it in the file manager, save a copy, copy its path.

The actions work on a :class:`Target` that the artifacts panel provides (always a
path already checked to be inside the artifact root); copies run in the background.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStyle, QWidget

from desktop.services.artifact_browser import CopyReport, copy_out, format_size
from desktop.ui.detail.file_actions import (
    is_risky_to_open,
    open_with_system,
    reveal_in_file_manager,
)
from desktop.ui.i18n import describe
from desktop.ui.workers import LatestOnly


@dataclass(frozen=True)
class Target:
    """A selected file or folder: its root, path inside it and real local path.

    For artifacts on a tracking server, ``path`` is the download cache, ``fetch``
    downloads the target there (run off the GUI thread before acting) and ``uri``
    is what "Copy Path" copies.
    """

    root_path: str
    relative: str
    path: str
    name: str
    fetch: Callable[[], object] | None = None
    uri: str | None = None


class ArtifactActions(QObject):
    """The four artifact actions, enabled while ``target()`` returns something."""

    status_changed = Signal(str)
    """A short note for the user about what just happened."""

    def __init__(self, target: Callable[[], Target | None], parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = parent
        self.target = target
        self._copy_job = LatestOnly(self)
        self._fetch_job = LatestOnly(self)
        self._fetch_job.finished.connect(self._on_fetched)
        self._fetch_job.failed.connect(self._on_fetch_failed)
        self._after_fetch: Callable[[], None] | None = None
        self._copy_job.finished.connect(self._on_copy_finished)
        self._copy_job.failed.connect(self._on_copy_failed)
        style = parent.style()
        icons = QStyle.StandardPixmap
        self.open_action = self._action(
            "openArtifactAction",
            style.standardIcon(icons.SP_DialogOpenButton),
            self.tr("Open with System Application"),
            self.open,
        )
        self.reveal_action = self._action(
            "revealArtifactAction",
            style.standardIcon(icons.SP_DirOpenIcon),
            self.tr("Reveal in File Manager"),
            self.reveal,
        )
        self.save_action = self._action(
            "saveArtifactAction",
            style.standardIcon(icons.SP_DialogSaveButton),
            self.tr("Save a Copy As…"),
            self.save_copy,
        )
        self.copy_path_action = self._action(
            "copyArtifactPathAction",
            style.standardIcon(icons.SP_FileLinkIcon),
            self.tr("Copy Path"),
            self.copy_path,
        )
        self.copy_path_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_path_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.all = [
            self.open_action,
            self.reveal_action,
            self.save_action,
            self.copy_path_action,
        ]

    def _action(self, name: str, icon, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(icon, text, self.widget)
        action.setObjectName(name)
        action.setToolTip(text)
        action.triggered.connect(slot)
        return action

    def update(self) -> None:
        """Enable the actions when something that may be acted on is selected."""
        enabled = self.target() is not None
        for action in self.all:
            action.setEnabled(enabled)

    def is_busy(self) -> bool:
        """Whether a copy is still being written."""
        return self._copy_job.is_busy() or self._fetch_job.is_busy()

    def _with_local_copy(self, target: Target, then: Callable[[], None]) -> None:
        """Run ``then`` once the target is on this computer (downloading it first)."""
        if target.fetch is None:
            then()
            return
        self._after_fetch = then
        self.status_changed.emit(self.tr("Downloading {0}…").format(target.name))
        self._fetch_job.submit(target.fetch)

    def _on_fetched(self, _result: object) -> None:
        then, self._after_fetch = self._after_fetch, None
        self.status_changed.emit("")
        if then is not None:
            then()

    def _on_fetch_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self._after_fetch = None
        self.status_changed.emit("")
        QMessageBox.warning(self.widget, self.tr("Could not download"), message)

    # -- the actions ------------------------------------------------------------------
    def open(self) -> None:
        """Open the target with the system's application (asking first for programs)."""
        target = self.target()
        if target is None:
            return
        if is_risky_to_open(target.path):
            answer = QMessageBox.warning(
                self.widget,
                self.tr("Open a program?"),
                self.tr(
                    "{0} may be a program or script: opening it could run it. "
                    "Open it anyway?"
                ).format(target.name),
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Open:
                return

        def open_local() -> None:
            if not open_with_system(target.path):
                self.status_changed.emit(
                    self.tr("No application could open {0}").format(target.path)
                )

        self._with_local_copy(target, open_local)

    def reveal(self) -> None:
        """Show the target in the system's file manager."""
        target = self.target()
        if target is not None:
            self._with_local_copy(
                target, lambda: reveal_in_file_manager(target.path, self)
            )

    def copy_path(self) -> None:
        """Put the target's full path on the clipboard."""
        target = self.target()
        if target is not None:
            QGuiApplication.clipboard().setText(target.uri or target.path)
            self.status_changed.emit(self.tr("Path copied"))

    def save_copy(self) -> None:
        """Copy the target (file or folder) to a place the user picks."""
        target = self.target()
        if target is None:
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation
        ) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.HomeLocation
        )
        destination, _ = QFileDialog.getSaveFileName(
            self.widget,
            self.tr("Save a Copy of {0}").format(target.name),
            os.path.join(folder, target.name),
        )
        if not destination:
            return

        def work() -> tuple[str, CopyReport]:
            if target.fetch is not None:
                target.fetch()  # download from the tracking server first
            return destination, copy_out(target.root_path, target.relative, destination)

        self.status_changed.emit(self.tr("Saving a copy…"))
        self._copy_job.submit(work)

    def _on_copy_finished(self, result: tuple[str, CopyReport]) -> None:
        destination, report = result
        text = self.tr("Saved {0} files ({1}) to {2}").format(
            report.files, format_size(report.size), destination
        )
        if report.skipped:
            text += self.tr("; skipped {0} links pointing outside").format(
                len(report.skipped)
            )
        self.status_changed.emit(text)

    def _on_copy_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self.status_changed.emit("")
        QMessageBox.warning(self.widget, self.tr("Could not save a copy"), message)
