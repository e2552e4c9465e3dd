"""Run a job over batches of tasks, in worker processes when there are enough of them.

Workers fork from a fork server that preloads nothing heavy, so a pool is ready in
about a tenth of a second: what a re-import's stamp checks need. A job's module (the
reader: numpy, YAML) is imported by each worker on first use; :meth:`WorkerPool.start`
can ask for that early, while the caller still scans the folder.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import islice
from typing import Any, TypeVar

Task = TypeVar("Task")

# Light modules only (see the module docstring).
_PRELOAD = ("desktop.sources.mlruns.stamps",)


START_METHOD_ENV = "MLFLOW_DESKTOP_START_METHOD"
"""``spawn`` starts workers as Windows and macOS do (the tests run both ways)."""


def process_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: a fork server on Linux, else spawn (or what
    :data:`START_METHOD_ENV` names: ``spawn`` or ``forkserver``)."""
    chosen = os.environ.get(START_METHOD_ENV, "")
    if chosen in ("spawn", "forkserver"):
        return _context(chosen)
    # Never fork: the GUI process has threads (Qt), and fork would copy their locks.
    if sys.platform.startswith("linux"):
        return _context("forkserver")
    return multiprocessing.get_context("spawn")


def _context(method: str) -> multiprocessing.context.BaseContext:
    if method == "forkserver":
        context = multiprocessing.get_context("forkserver")
        # Only counts before the fork server first starts.
        context.set_forkserver_preload(list(_PRELOAD))
        return context
    return multiprocessing.get_context(method)


def usable_cores() -> int:
    """The cores this process may run on (its affinity, where known)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def default_workers() -> int:
    """Worker processes for reading: one per core."""
    return usable_cores()


def clamp_workers(requested: int | None) -> int:
    """``requested`` workers, at least one and at most one per usable core."""
    if not requested:
        return default_workers()
    return max(1, min(requested, usable_cores()))


_PR_SET_PDEATHSIG = 1
WATCHDOG_SECONDS = 0.5


def _started(pid: int) -> str | None:
    """A process's start time (Linux), to tell it from a later one with its pid."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return None


def _alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return started is None or _started(pid) == started


def die_with_parent(importer: int) -> None:
    """Make this worker process end when the importer that asked for it ends.

    Workers are forked by a fork server that outlives the importer while any
    worker lives, so a worker blocked in a read would stay for ever. Here the
    kernel kills the worker if the fork server dies (``PR_SET_PDEATHSIG`` on
    Linux), and a watchdog thread ends it once the importer is gone, even while
    the main thread is blocked.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl
            pass
    if os.name != "posix":  # pragma: no cover - a spawned worker's pipe breaks
        return
    started = _started(importer)
    if not _alive(importer, started):
        os._exit(1)

    def watch() -> None:
        while _alive(importer, started):
            time.sleep(WATCHDOG_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="importer-watchdog", daemon=True).start()


def _executor(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        workers,
        mp_context=process_context(),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


class WorkerPool:
    """Worker processes for one import: started on first need, stopped on close."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = clamp_workers(workers)
        self._executor: ProcessPoolExecutor | None = None
        self._starting: threading.Thread | None = None

    @property
    def parallel(self) -> bool:
        """Whether jobs may go to other processes at all."""
        return self.workers > 1

    def executor(self) -> ProcessPoolExecutor:
        """The running pool (started now if needed)."""
        if self._starting is not None:
            self._starting.join()
            self._starting = None
        if self._executor is None:
            self._executor = _executor(self.workers)
        return self._executor

    def start(self) -> None:
        """Start the workers in the background (the caller goes on meanwhile)."""
        if not self.parallel or self._executor is not None or self._starting:
            return
        executor = self._executor = _executor(self.workers)
        # Any job makes the executor spawn its workers.
        self._starting = threading.Thread(
            target=executor.submit, args=(int,), name="worker-pool-start"
        )
        self._starting.start()

    def warm(self, job: Callable[[], Any]) -> None:
        """Send ``job`` (module-level) to each worker, to import its module early."""
        if self.parallel:
            executor = self.executor()
            for _ in range(self.workers):
                executor.submit(job)

    def close(self) -> None:
        """Stop the workers, dropping jobs not started yet."""
        if self._starting is not None:
            self._starting.join()
            self._starting = None
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def map_batches(
    job: Callable[[Sequence[Task]], Any],
    tasks: Sequence[Task],
    *,
    pool: WorkerPool | None = None,
    batch_size: int = 64,
    parallel_threshold: int = 1000,
    per_worker: int | None = 3,
) -> Iterator[tuple[int, Any]]:
    """Yield ``(start, job(batch))`` for batches of ``tasks`` (``start``: first index).

    Batches come in any order. Few tasks (or no pool) run in this process, as they
    are iterated; more go to the pool's workers right away, at most ``per_worker``
    batches a worker at a time to keep memory flat (``None``: every batch, for
    light jobs whose results the caller collects after doing other work). ``job``
    must be a module-level function (it is sent by name). Closing the iterator
    cancels the batches not started yet.
    """
    starts = range(0, len(tasks), batch_size)
    if pool is None or not pool.parallel or len(tasks) < parallel_threshold:
        return ((start, job(tasks[start : start + batch_size])) for start in starts)
    executor = pool.executor()
    queue = iter(starts)
    limit = len(starts) if per_worker is None else pool.workers * per_worker

    def submit(start: int) -> Future[Any]:
        return executor.submit(job, tasks[start : start + batch_size])

    pending = {submit(start): start for start in islice(queue, limit)}
    return _in_completion_order(pending, queue, submit)


def _in_completion_order(
    pending: dict[Future[Any], int],
    queue: Iterator[int],
    submit: Callable[[int], Future[Any]],
) -> Iterator[tuple[int, Any]]:
    """Yield finished batches, submitting one more from ``queue`` for each."""
    try:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                start = pending.pop(future)
                for following in islice(queue, 1):
                    pending[submit(following)] = following
                yield start, future.result()
    finally:
        for future in pending:
            future.cancel()
