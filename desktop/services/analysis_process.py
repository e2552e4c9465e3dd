"""Heavy analysis in a process of its own, so the window never waits for it.

Parameter importance imports scikit-learn (seconds, the first time) and fits a
forest. On a thread of the app both hold Python's interpreter lock for long
stretches, and the window froze for up to a second and a half at a time. One worker
process, started on first use and kept for the next request, does that work instead.

The app's composition root owns one :class:`AnalysisProcess` (the main window's)
and hands it to the views that compute; whoever owns it stops it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # multiprocessing loads with the first request, not the window
    from concurrent.futures import ProcessPoolExecutor

Result = TypeVar("Result")


class AnalysisProcess:
    """One worker process, started on first use and kept between requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._warm: set[str] = set()

    def run(self, fn: Callable[..., Result], *args: Any) -> Result:
        """``fn(*args)`` in the analysis process; blocks the calling (worker) thread.

        ``fn`` must be a module-level function and its arguments picklable. A
        crashed process is replaced on the next call.
        """
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        from desktop.services.worker_pool import process_context

        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(1, mp_context=process_context())
            executor = self._executor
        try:
            result = executor.submit(fn, *args).result()
        except BrokenProcessPool:
            with self._lock:
                if self._executor is executor:
                    self._executor = None
                    self._warm.clear()
            raise
        self._warm.add(_name(fn))
        return result

    def has_run(self, fn: Callable[..., Any]) -> bool:
        """Whether the process has run ``fn`` (so its modules are loaded)."""
        return _name(fn) in self._warm

    def is_running(self) -> bool:
        """Whether a process has been started and not stopped since."""
        return self._executor is not None

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop the process, dropping queued jobs (``wait``: until it is gone).

        The next :meth:`run` starts a new one.
        """
        with self._lock:
            executor, self._executor = self._executor, None
            self._warm.clear()
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=True)


def _name(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"
