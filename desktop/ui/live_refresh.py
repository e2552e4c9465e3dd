"""Live refresh: changes in open sources appear without user action.

Every tick (2 s) a background job polls each source's watcher (cheap: stats of
running runs and experiment folders, a database file's fingerprint, a server only
when its own interval is due) and applies what changed as a targeted incremental
import. The GUI thread only starts the job and reacts to its result.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.services.catalog import Catalog
from desktop.services.live_poller import LivePoller
from desktop.ui.i18n import describe
from desktop.ui.workers import LatestOnly

TICK_MS = 2000
# Live refresh's share of time at most: after a long cycle (a big database checked
# again while training writes to it) the next one waits, rather than keeping a
# core busy.
MAX_SHARE = 0.25


class LiveRefresh(QObject):
    """Keeps the store in step with open sources while the app runs."""

    changed = Signal(object)
    """A list of :class:`ImportReport` for sources that changed."""
    failed = Signal(str)
    """A source could not be polled (shown in the status bar)."""

    def __init__(
        self, catalog: Catalog, parent: QObject | None = None, *, tick_ms: int = TICK_MS
    ) -> None:
        super().__init__(parent)
        self._busy = False
        self._paused = False
        self._started = 0.0
        self._resume_at = 0.0
        self._poller = LivePoller(catalog)
        self._job = LatestOnly(self)
        self._job.finished.connect(self._on_done)
        self._job.failed.connect(self._on_failed)
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.poll_now)

    # -- control ---------------------------------------------------------------
    def set_enabled(self, enabled: bool) -> None:
        """Start or stop watching (a cycle running when stopped writes nothing)."""
        if enabled:
            self._poller.held.clear()
            self._timer.start()
        else:
            self._timer.stop()
            self._poller.held.set()

    def is_enabled(self) -> bool:
        """Whether sources are being watched."""
        return self._timer.isActive()

    def set_server_interval(self, seconds: int) -> None:
        """How often tracking servers are polled (local sources: every tick)."""
        self._poller.server_seconds = max(5, int(seconds))

    def server_interval(self) -> int:
        """Seconds between two polls of a tracking server."""
        return int(self._poller.server_seconds)

    def pause(self, paused: bool) -> None:
        """Skip cycles while an explicit import writes to the store."""
        self._paused = paused

    def is_busy(self) -> bool:
        """Whether a poll cycle is running."""
        return self._busy

    @Slot()
    def poll_now(self) -> None:
        """Run one poll cycle unless one is running, imports are paused or the last
        cycle was long enough that live refresh must rest (see ``MAX_SHARE``)."""
        if self._busy or self._paused or time.monotonic() < self._resume_at:
            return
        self._busy = True
        self._started = time.monotonic()
        self._job.submit(self._poller.cycle)

    def _cycle_ended(self) -> None:
        self._busy = False
        spent = time.monotonic() - self._started
        self._resume_at = self._started + spent / MAX_SHARE

    def shutdown(self) -> None:
        """Stop watching (on window close); a running cycle stops at its next source."""
        self._timer.stop()
        self._poller.cancel.set()

    @Slot(object)
    def _on_done(self, result) -> None:
        self._cycle_ended()
        reports, errors = result
        touched = [
            r
            for r in reports
            if r.runs_read
            or r.runs_removed
            or r.experiments_removed
            or r.registry_changed
        ]
        if touched:
            self.changed.emit(touched)
        for message in errors:
            self.failed.emit(message)

    @Slot(object)
    def _on_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self._cycle_ended()
        self.failed.emit(message)
