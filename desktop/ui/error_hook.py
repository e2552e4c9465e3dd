"""Every uncaught exception reaches the user as a message and a log line.

A double-clicked app has no console: :func:`install_error_hook` routes exceptions
raised in slots, timers and threads to a log file in the platform's log folder and
shows one dialog (the first time only; later ones are logged, and noted in the
window's status bar when there is one).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

LOG_NAME = "mlflow-desktop.log"
log = logging.getLogger("mlflow_desktop")


def log_folder() -> Path:
    """The platform's log folder for the app (e.g. ``~/.local/state/.../log``)."""
    import platformdirs

    return Path(platformdirs.user_log_dir("mlflow-desktop", appauthor=False))


class ErrorRelay(QObject):
    """Brings exceptions from any thread to the GUI thread and shows the first."""

    error = Signal(str, str)
    """An uncaught exception; payload: one-line summary, full traceback."""

    def __init__(
        self,
        log_file: Path | None,
        show: Callable[[str, str], None] | None = None,
    ) -> None:
        super().__init__()
        self.log_file = log_file
        self.shown = 0
        self.logged = 0
        self._show = show or self._dialog
        self.error.connect(self._on_error, Qt.ConnectionType.QueuedConnection)

    def hook(
        self,
        kind: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """A ``sys.excepthook``: log now, show on the GUI thread."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        text = "".join(traceback.format_exception(kind, exc, tb))
        log.error("Uncaught exception\n%s", text)
        self.logged += 1
        if sys.stderr is not None:
            print(text, file=sys.stderr, end="")
        summary = f"{kind.__name__}: {exc}".strip()
        self.error.emit(summary[:500], text)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        """A ``threading.excepthook`` with the same effect."""
        self.hook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    @Slot(str, str)
    def _on_error(self, summary: str, details: str) -> None:
        if self.shown:
            _status(
                QCoreApplication.translate(
                    "ErrorHook", "Another error occurred; see the log: {0}"
                ).format(self.log_file)
            )
            return
        self.shown += 1
        self._show(summary, details)

    def _dialog(self, summary: str, details: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "mlflow-desktop",
            QCoreApplication.translate("ErrorHook", "Something went wrong: {0}").format(
                summary
            ),
        )
        box.setObjectName("errorHookBox")
        where = (
            QCoreApplication.translate(
                "ErrorHook", "The details are in the log file {0}."
            ).format(self.log_file)
            if self.log_file is not None
            else ""
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "ErrorHook",
                "The app keeps running, but the last action may not have finished. {0}",
            ).format(where)
        )
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()


def _status(text: str) -> None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    for widget in app.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            widget.statusBar().showMessage(text, 10_000)


def install_error_hook(
    folder: Path | None = None, show: Callable[[str, str], None] | None = None
) -> ErrorRelay:
    """Log to ``folder`` (the platform's log folder) and route uncaught exceptions.

    Keep the returned relay alive as long as the hook is installed.
    """
    log_file: Path | None = None
    try:
        folder = folder or log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        log_file = folder / LOG_NAME
        handler = RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    except OSError:  # no writable log folder: the dialog still shows
        log_file = None
    relay = ErrorRelay(log_file, show)
    sys.excepthook = relay.hook
    threading.excepthook = relay.thread_hook
    return relay
