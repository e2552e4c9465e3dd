"""Import control: the queue of imports, their progress in the status bar, Cancel,
and what each report tells the user (a summary, the problems dialog, a sign-in).

Its messages keep the main window's translation context (they were its own).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QPushButton, QWidget

if TYPE_CHECKING:
    from desktop.services.import_pipeline import ImportProgress, ImportReport
    from desktop.services.server_connection import SessionCredentials
    from desktop.services.store_handle import OpenStore

translate = QCoreApplication.translate


class ImportStatus:
    """The status bar's import widgets: what is importing, how far, and Cancel.

    Built with the window (hidden), before the store is open.
    """

    def __init__(self, window: QMainWindow) -> None:
        self.label = QLabel(window)
        self.progress = QProgressBar(window)
        self.progress.setObjectName("importProgress")
        self.progress.setMaximumWidth(220)
        self.cancel_button = QPushButton(translate("MainWindow", "Cancel"), window)
        self.cancel_button.setObjectName("cancelImportButton")
        bar = window.statusBar()
        for widget in self._widgets():
            widget.hide()
            bar.addPermanentWidget(widget)

    def _widgets(self) -> tuple[QWidget, ...]:
        return (self.label, self.progress, self.cancel_button)

    def show_started(self, path: str) -> None:
        """An import of ``path`` began: name it, progress unknown yet."""
        self.label.setText(
            translate("MainWindow", "Importing {0}").format(Path(path).name)
        )
        self.progress.setRange(0, 0)
        for widget in self._widgets():
            widget.show()

    def show_progress(self, item: ImportProgress) -> None:
        """Runs read out of the total, or a busy bar in the other phases."""
        if item.phase == "read" and item.total:
            self.progress.setRange(0, item.total)
            self.progress.setValue(item.done)
            self.progress.setFormat(translate("MainWindow", "%v / %m runs"))
        else:
            self.progress.setRange(0, 0)

    def hide(self) -> None:
        """No import runs any more."""
        for widget in self._widgets():
            widget.hide()


class ImportControl(QObject):
    """Runs imports one after another and reports each one to the user.

    ``runner`` is the :class:`~desktop.ui.workers.ImportRunner`; the window
    reacts to its signals for its panes and hands each report to :meth:`report`.
    """

    sign_in_needed = Signal(str, str)
    """A server refused the credentials: its URL and the server's message."""

    def __init__(
        self,
        store: OpenStore,
        status: ImportStatus,
        window: QMainWindow,
        *,
        keep_dialog: Callable[[QWidget], None],
        credentials: SessionCredentials | None = None,
    ) -> None:
        super().__init__(window)
        from desktop.ui.workers import ImportRunner

        self._status = status
        self._window = window
        self._keep_dialog = keep_dialog
        self.runner = ImportRunner(store, self, credentials=credentials)
        self.runner.started.connect(status.show_started)
        self.runner.progress.connect(status.show_progress)
        status.cancel_button.clicked.connect(self.runner.cancel)

    def report(self, report: ImportReport) -> None:
        """Tell the user how an import went: a summary in the status bar, then
        the problems dialog, or the sign-in when a server refused the credentials."""
        if not self.runner.is_running():
            self._status.hide()
        message = translate(
            "MainWindow",
            "Imported {0}: {1} experiments, {2} runs ({3} read) in {4:.1f} s",
        ).format(
            report.root,
            report.experiments,
            report.runs_total,
            report.runs_read,
            report.seconds,
        )
        if report.cancelled:
            message = translate(
                "MainWindow", "Import cancelled; runs read so far are kept."
            )
        self._window.statusBar().showMessage(message, 8000)
        if report.auth_failed:
            message = report.problems[0].message if report.problems else ""
            self.sign_in_needed.emit(report.root, message)
        elif report.problems:
            stopped = (report.runs_read, report.runs_total) if report.failed else None
            from desktop.ui.dialogs import ProblemsDialog

            dialog = ProblemsDialog(
                report.root, report.problems, self._window, stopped_at=stopped
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
            self._keep_dialog(dialog)
