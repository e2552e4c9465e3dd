"""Batches of import work: the same results in worker processes as in this one."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import pytest

from desktop.services.worker_pool import WorkerPool, map_batches

TASKS = list(range(1000))  # 16 batches of 64


class _Recording:
    """An executor that remembers the futures it hands out."""

    def __init__(self, pool: WorkerPool) -> None:
        self.executor = WorkerPool.executor(pool)
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        future = self.executor.submit(fn, *args)
        self.futures.append(future)
        return future


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch):
    with WorkerPool(2) as pool:
        recording = _Recording(pool)
        monkeypatch.setattr(pool, "executor", lambda: recording)
        pool.recording = recording
        yield pool


def test_workers_give_the_batches_this_process_gives(pool: WorkerPool) -> None:
    local = dict(map_batches(tuple, TASKS, batch_size=64))
    parallel = dict(
        map_batches(tuple, TASKS, pool=pool, batch_size=64, parallel_threshold=1)
    )

    assert parallel == local
    assert sorted(parallel) == list(range(0, 1000, 64))
    assert [x for start in sorted(parallel) for x in parallel[start]] == TASKS
    assert len(pool.recording.futures) == 16  # every batch went to a worker


def test_few_tasks_stay_in_this_process(pool: WorkerPool) -> None:
    batches = dict(map_batches(tuple, TASKS[:100], pool=pool, batch_size=64))

    assert batches == {0: tuple(range(64)), 64: tuple(range(64, 100))}
    assert pool.recording.futures == []


@pytest.mark.parametrize(("per_worker", "at_once"), [(3, 6), (1, 2), (None, 16)])
def test_batches_in_flight_are_bounded(
    pool: WorkerPool, per_worker: int | None, at_once: int
) -> None:
    batches = map_batches(
        tuple,
        TASKS,
        pool=pool,
        batch_size=64,
        parallel_threshold=1,
        per_worker=per_worker,
    )
    assert len(pool.recording.futures) == at_once  # submitted before iterating

    assert len(dict(batches)) == 16
    assert len(pool.recording.futures) == 16


def test_closing_the_iterator_cancels_batches_not_started(pool: WorkerPool) -> None:
    batches = map_batches(
        sorted, TASKS, pool=pool, batch_size=2, parallel_threshold=1, per_worker=None
    )
    next(batches)
    batches.close()

    futures = pool.recording.futures
    assert len(futures) == 500
    waiting = [f for f in futures if not (f.done() or f.running())]
    assert waiting == []  # each one finished, was cancelled or had started
    assert sum(f.cancelled() for f in futures) > 400
