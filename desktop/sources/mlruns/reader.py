"""Read many run folders, in worker processes when there are enough of them."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from desktop.core.records import Problem, RunRecord
from desktop.sources.mlruns.runs import RunTask, read_run

Batch = tuple[list[RunRecord], list[Problem], int]


def read_batch(tasks: Sequence[RunTask]) -> Batch:
    """Read a batch of runs; returns records, problems and the number of tasks.

    Unchanged runs (see :attr:`RunTask.known_stamp`) and unreadable ones give no
    record.
    """
    records: list[RunRecord] = []
    problems: list[Problem] = []
    for task in tasks:
        record = read_run(task, problems.append)
        if isinstance(record, RunRecord):
            records.append(record)
    return records, problems, len(tasks)


def _context(*preload: str) -> multiprocessing.context.BaseContext:
    # Never fork: the GUI process has threads (Qt), and fork would copy their locks.
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        # Import the reader (and the job's module) once in the fork server; workers
        # fork from it warm. This only counts before the fork server first starts.
        context.set_forkserver_preload(list(dict.fromkeys((__name__, *preload))))
        return context
    return multiprocessing.get_context("spawn")


def default_workers() -> int:
    """Worker processes for reading: one per core."""
    return max(1, os.cpu_count() or 1)


def read_runs(
    tasks: Sequence[RunTask],
    *,
    workers: int | None = None,
    batch_size: int = 64,
    parallel_threshold: int = 1000,
    job: Callable[[Sequence[RunTask]], Any] = read_batch,
) -> Iterator[Any]:
    """Yield ``job(batch)`` for batches of tasks (by default :data:`Batch`es).

    Batches come in any order. Small jobs are read in this process; larger ones in
    a pool of worker processes, with a bounded number of batches in flight to keep
    memory flat. ``job`` must be a module-level function (it is sent by name).
    Closing the iterator cancels pending batches.
    """
    batches = [tasks[i : i + batch_size] for i in range(0, len(tasks), batch_size)]
    workers = workers or default_workers()
    if workers <= 1 or len(tasks) < parallel_threshold:
        for batch in batches:
            yield job(batch)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(job.__module__))
    try:
        pending: set[Future[Any]] = set()
        queue = iter(batches)
        for batch in queue:
            pending.add(pool.submit(job, batch))
            if len(pending) >= workers * 3:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                for batch in queue:
                    pending.add(pool.submit(job, batch))
                    break
                yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
