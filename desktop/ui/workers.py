"""Background work for the UI: store queries on a thread pool, imports on a thread.

The GUI thread never waits on disk or database work that may take long: queries run
as pool jobs whose results come back through signals (only the newest request of
each kind is applied), and imports run one at a time on a dedicated thread.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    Signal,
    Slot,
)

from desktop.core.i18n import QT_TRANSLATE_NOOP, message_of
from desktop.core.records import Problem
from desktop.core.thread_switching import fast_thread_switching

if TYPE_CHECKING:  # the importers load with the first import, not the window
    from collections.abc import Generator

    from desktop.services.import_pipeline import (
        ImportOptions,
        ImportProgress,
        ImportReport,
    )
    from desktop.services.server_connection import SessionCredentials
    from desktop.services.store_handle import OpenStore

AFTER_REPAINT_MS = 30
"""Start CPU-heavy Python work this long after the click that asked for it.

The click usually repaints a view (a table's cells, a chart): Qt calls into Python
for each cell or item, and while a worker thread runs Python each such call waits
for the interpreter lock. Started after the repaint, a worker that ranked a
200,000-row column stalled the GUI thread 10-20 ms instead of 60-120 ms.
"""


class _Relay(QObject):
    """Carries pool jobs' results to the GUI thread, to the object that asked.

    It lives on the GUI thread and is never deleted: a job never emits on an object
    the GUI thread may be destroying at that moment (a dialog closed while its job
    ran), a race that crashed the app. Owners are looked up by key when a result
    arrives; one destroyed meanwhile gets nothing.
    """

    done = Signal(int, int, object)
    """``(owner key, ticket, result)``."""
    failed = Signal(int, int, object)
    """``(owner key, ticket, exception)``."""

    def __init__(self) -> None:
        super().__init__()
        self._owners: dict[int, weakref.ref[_JobOwner]] = {}
        self._keys = itertools.count(1)
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)

    def register(self, owner: _JobOwner) -> int:
        """A key under which jobs deliver to ``owner`` until it is destroyed."""
        key = next(self._keys)
        self._owners[key] = weakref.ref(owner)
        owner.destroyed.connect(lambda *_args: self._owners.pop(key, None))
        return key

    def _owner(self, key: int) -> _JobOwner | None:
        ref = self._owners.get(key)
        return ref() if ref is not None else None

    @Slot(int, int, object)
    def _on_done(self, key: int, ticket: int, result: object) -> None:
        owner = self._owner(key)
        if owner is not None:
            owner.job_done(ticket, result)

    @Slot(int, int, object)
    def _on_failed(self, key: int, ticket: int, exc: Exception) -> None:
        owner = self._owner(key)
        if owner is not None:
            owner.job_failed(ticket, exc)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    """The relay, made on first use (by a widget, so on the GUI thread)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _JobOwner(QObject):
    """What submits pool jobs: it gets each job's result on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _the_relay()
        self._key = self._relay.register(self)

    def _start(
        self, ticket: int, fn: Callable[[], Any], own_thread: bool = False
    ) -> None:
        job = _Job(self._key, ticket, fn, self._relay)
        if own_thread:  # work the pool's jobs may be waiting for
            threading.Thread(target=job.run, name="job", daemon=True).start()
        else:
            QThreadPool.globalInstance().start(job)

    def job_done(self, ticket: int, result: object) -> None:
        raise NotImplementedError

    def job_failed(self, ticket: int, exc: Exception) -> None:
        raise NotImplementedError


class _Job(QRunnable):
    def __init__(self, key: int, ticket: int, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.key = key
        self.ticket = ticket
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # shown to the user, never crashes the app
            # The exception itself: the UI words it (see desktop.ui.i18n.describe).
            self.relay.failed.emit(self.key, self.ticket, exc)
            return
        self.relay.done.emit(self.key, self.ticket, result)


class LatestOnly(_JobOwner):
    """Runs functions on the global pool and delivers only the newest result."""

    finished = Signal(object)
    """The newest request's result."""
    failed = Signal(object)
    """The newest request failed; the payload is the exception it raised."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticket = 0
        self._running = 0

    def submit(self, fn: Callable[[], Any], own_thread: bool = False) -> None:
        """Run ``fn`` in the background; older pending results will be dropped.

        ``own_thread``: on a thread of its own, not the pool (for work that the
        pool's jobs may wait for, such as opening the store).
        """
        self._ticket += 1
        self._running += 1
        self._start(self._ticket, fn, own_thread)

    def is_busy(self) -> bool:
        """Whether a submitted job has not reported back yet."""
        return self._running > 0

    def job_done(self, ticket: int, result: object) -> None:
        self._running -= 1
        if ticket == self._ticket:
            self.finished.emit(result)

    def job_failed(self, ticket: int, exc: Exception) -> None:
        self._running -= 1
        if ticket == self._ticket:
            self.failed.emit(exc)


class TaggedJobs(_JobOwner):
    """Runs functions on the global pool and delivers every result with its tag.

    For independent requests that all matter (pages of a table, say), unlike
    :class:`LatestOnly`, which keeps only the newest.
    """

    finished = Signal(object, object)
    """``(tag, result)`` of a job."""
    failed = Signal(object, object)
    """``(tag, exception)`` of a job that raised."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticket = 0
        self._tags: dict[int, object] = {}

    def submit(self, tag: object, fn: Callable[[], Any]) -> None:
        """Run ``fn`` in the background; its result comes back with ``tag``."""
        self._ticket += 1
        self._tags[self._ticket] = tag
        self._start(self._ticket, fn)

    def job_done(self, ticket: int, result: object) -> None:
        self.finished.emit(self._tags.pop(ticket), result)

    def job_failed(self, ticket: int, exc: Exception) -> None:
        self.failed.emit(self._tags.pop(ticket), exc)


_LINGERING: list[QThread] = []


def lingering_threads() -> int:
    """Import threads still running after their window closed."""
    return sum(1 for thread in _LINGERING if thread.isRunning())


def import_source(
    store: OpenStore,
    location: str,
    options: ImportOptions | None = None,
    *,
    cancel: threading.Event | None = None,
) -> Generator[ImportProgress, None, ImportReport]:
    """:func:`desktop.services.sources.import_source`, whose importers load with
    the first import rather than with the window."""
    from desktop.services.sources import import_source as start

    return start(store, location, options, cancel=cancel)


class _ImportWorker(QObject):
    progress = Signal(object)
    finished = Signal(object)

    def __init__(
        self,
        store: OpenStore,
        path: str,
        cancel: threading.Event,
        credentials: SessionCredentials | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.path = path
        self.cancel = cancel
        self.credentials = credentials

    @Slot()
    def run(self) -> None:
        from desktop.services.import_pipeline import ImportOptions, ImportReport

        report: ImportReport | None = None
        reached: ImportProgress | None = None  # the last progress, for a failure
        last = 0.0
        try:
            # Reading runs in other processes keeps this process (and the GUI
            # thread) light: at least two of them, else leave a core to the GUI.
            workers = max(2, (os.cpu_count() or 2) - 1)
            options = ImportOptions(workers=workers, credentials=self.credentials)
            generator = import_source(
                self.store, self.path, options, cancel=self.cancel
            )
            while True:
                try:
                    item = next(generator)
                except StopIteration as stop:
                    report = stop.value
                    break
                reached = item
                now = time.monotonic()
                if now - last >= 0.1:  # at most ten updates a second
                    last = now
                    self.progress.emit(item)
        except Exception as exc:  # reported in the summary, never a crash
            report = ImportReport(None, self.path, failed=True)
            if reached is not None and reached.phase == "read":
                report.runs_read, report.runs_total = reached.done, reached.total
            failed = QT_TRANSLATE_NOOP("Problems", "import failed: {0}")
            # The exception's own message stays translatable (a Text argument).
            report.problems.append(Problem(self.path, failed.format(message_of(exc))))
        self.finished.emit(report)


class ImportRunner(QObject):
    """Imports folders one after another on a background thread."""

    started = Signal(str)
    """An import began; payload: the path."""
    progress = Signal(object)
    """An :class:`ImportProgress` (throttled to 10 per second)."""
    finished = Signal(object)
    """An :class:`ImportReport`."""
    idle = Signal()
    """The queue is empty."""

    def __init__(
        self,
        store: OpenStore,
        parent: QObject | None = None,
        *,
        credentials: SessionCredentials | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.credentials = credentials  # servers' sign-ins (None: the app's)
        # While imports run, the import thread hands the GIL back sooner, so the
        # event loop keeps ticking; the interval comes back when the queue empties.
        self._fast_switching: contextlib.ExitStack | None = None
        self._queue: list[str] = []
        self._thread: QThread | None = None
        self._worker: _ImportWorker | None = None
        self._cancel = threading.Event()
        self.current: str | None = None

    def enqueue(self, path: str | Path) -> None:
        """Import ``path`` after whatever is running."""
        text = str(path)
        if text != self.current and text not in self._queue:
            self._queue.append(text)
        if self._thread is None:
            self._start_next()

    def is_running(self) -> bool:
        """Whether an import is in progress."""
        return self._thread is not None

    def cancel(self) -> None:
        """Stop the current import (keeping what it stored) and drop the queue."""
        self._queue.clear()
        self._cancel.set()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Block until the running import thread ends (for shutdown and tests)."""
        thread = self._thread
        return thread.wait(timeout_ms) if thread is not None else True

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Cancel and wait for the import; ``False`` if it is still running.

        A thread that does not stop in time (blocked in a system call) is
        detached and kept referenced, so destroying this runner (and the window)
        never destroys a running ``QThread``; see :func:`lingering_threads`.
        """
        self.cancel()
        thread = self._thread
        if thread is None or thread.wait(timeout_ms):
            return True
        thread.setParent(None)
        _LINGERING.append(thread)
        thread.finished.connect(lambda: _LINGERING.remove(thread))
        self._thread = self._worker = None
        self._end_fast_switching()
        return False

    def _start_next(self) -> None:
        if not self._queue:
            self.current = None
            self._end_fast_switching()
            self.idle.emit()
            return
        if self._fast_switching is None:  # the first import of a batch
            self._fast_switching = contextlib.ExitStack()
            self._fast_switching.enter_context(fast_thread_switching())
        self.current = self._queue.pop(0)
        self._cancel = threading.Event()
        # No collections in the import thread: the pipeline pauses them
        # (desktop.core.gc_tuning) and the app collects on the GUI thread.
        thread = QThread(self)
        worker = _ImportWorker(
            self.store, self.current, self._cancel, credentials=self.credentials
        )
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        # Also ends a thread detached by shutdown(), whose runner is gone.
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(worker.deleteLater)
        self._thread, self._worker = thread, worker
        self.started.emit(self.current)
        thread.start()

    def _end_fast_switching(self) -> None:
        if self._fast_switching is not None:
            self._fast_switching.close()
            self._fast_switching = None

    @Slot(object)
    def _on_progress(self, item: ImportProgress) -> None:
        self.progress.emit(item)

    @Slot(object)
    def _on_finished(self, report: ImportReport) -> None:
        thread = self._thread
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        self._thread = self._worker = None
        self.finished.emit(report)
        self._start_next()
