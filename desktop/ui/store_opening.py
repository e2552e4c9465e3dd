"""Open the store after the window's first paint, on a worker thread.

The window shows from a glance at the store (:mod:`desktop.store.peek`); opening
it loads SQLAlchemy and the modules of the panes that read it, which takes longer
than painting the window. This runs that on a thread of its own once the window has
painted (not on the pool, whose jobs may be waiting for the store: see
:class:`desktop.services.first_screen.CatalogStandIn`), then hands the open store
to the window on the GUI thread.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.errors import StoreError
from desktop.ui.i18n import describe
from desktop.ui.workers import LatestOnly

# Loaded with the store, off the GUI thread: what the panes import.
PANE_MODULES = (
    "desktop.services.catalog",  # SQLAlchemy: never imported on the GUI thread
    "desktop.ui.runs_view",
    "desktop.ui.experiment_tree",
    "desktop.ui.detail.dock",
    "desktop.ui.detail_layout",
    "desktop.ui.live_refresh",
)
FALLBACK_MS = 1000
"""Start anyway if no paint was seen by then (a window shown minimised, or the
kept answers did not fit the first screen)."""


def _open(path: Path) -> object:
    """The open store, or the :class:`StoreError` saying why it cannot open."""
    from desktop.startup_checks import open_store_checked

    try:
        store = open_store_checked(path)
    except StoreError as exc:
        return exc
    for name in PANE_MODULES:
        importlib.import_module(name)
    return store


class StoreOpening(QObject):
    """Opens the store at ``path`` for ``window`` once the window has painted.

    ``failed`` is called with a :class:`StoreError` when the store cannot open.
    """

    def __init__(
        self,
        window: QWidget,
        path: Path,
        failed: Callable[[StoreError], None],
        after_rows: bool = False,
    ) -> None:
        super().__init__(window)
        self.window = window
        # The first rows come from the answers kept last time: let them paint
        # before the opening competes with the GUI thread for the interpreter.
        self._after_rows = after_rows
        self.path = path
        self._failed = failed
        self._started = False
        self._job = LatestOnly(self)
        self._job.finished.connect(self._on_opened)
        self._job.failed.connect(lambda exc: self._on_opened(StoreError(describe(exc))))
        QApplication.instance().installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self.window or self.window.isAncestorOf(watched))
            and (not self._after_rows or self.window.rows_shown())  # type: ignore[attr-defined]
        ):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self._start)  # once this paint is done
        return False

    def is_busy(self) -> bool:
        """Whether the store is still being opened."""
        return not self._started or self._job.is_busy()

    def _start(self) -> None:
        if self._started:
            return
        self._started = True
        QApplication.instance().removeEventFilter(self)
        path = self.path
        self._job.submit(lambda: _open(path), own_thread=True)

    def _on_opened(self, result: object) -> None:
        if isinstance(result, StoreError):
            self.window.stand_in.abandon()  # type: ignore[attr-defined]
            self._failed(result)
        else:
            self.window.attach_store(result)  # type: ignore[attr-defined]
