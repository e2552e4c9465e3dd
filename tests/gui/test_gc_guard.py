"""Garbage is collected on the GUI thread only, under load (issue 17: a segfault in
"Garbage-collecting" on a worker thread while the GUI thread waited).

Many pool jobs allocate reference cycles while the GUI thread creates and drops Qt
objects caught in cycles, with thresholds small enough to force collections. With
the collector installed, every collection runs on the GUI thread.
"""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QObject, QRunnable, QThreadPool
from PySide6.QtWidgets import QLabel

from desktop.core.gc_tuning import collection_paused
from desktop.ui.gc_guard import GuiThreadCollector

JOBS = 200
ROUNDS = 3


class _Job(QRunnable):
    def __init__(self, done: list[int], lock: threading.Lock) -> None:
        super().__init__()
        self.done, self.lock = done, lock

    def run(self) -> None:
        for _ in range(200):  # cycles and plenty of allocations
            node: list = [object() for _ in range(5)]
            node.append(node)
        with self.lock:
            self.done.append(1)


@pytest.fixture
def collections_by_thread():
    threads: list[int] = []

    def note(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    previous = gc.get_threshold()
    gc.set_threshold(5, 2, 2)  # collections all the time
    gc.callbacks.append(note)
    yield threads
    gc.callbacks.remove(note)
    gc.set_threshold(*previous)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_collections_run_on_the_gui_thread_only(
    qtbot, collections_by_thread, round_: int
) -> None:
    collector = GuiThreadCollector(interval_ms=5)
    pool = QThreadPool()
    pool.setMaxThreadCount(4)
    done: list[int] = []
    lock = threading.Lock()
    try:
        for _ in range(JOBS):
            pool.start(_Job(done, lock))
            # Qt objects in reference cycles, dropped right away.
            label = QLabel("x")
            holder = QObject(label)
            holder.cycle = holder  # type: ignore[attr-defined]
            label.cycle = label  # type: ignore[attr-defined]
            del label, holder
        qtbot.waitUntil(lambda: len(done) == JOBS, timeout=60_000)
        assert pool.waitForDone(10_000)
        qtbot.waitUntil(lambda: bool(collections_by_thread), timeout=10_000)
    finally:
        collector.uninstall()
    assert set(collections_by_thread) == {threading.main_thread().ident}


def test_a_pause_never_turns_automatic_collection_back_on(qtbot) -> None:
    collector = GuiThreadCollector(interval_ms=1000)
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        collector.uninstall()
    # The session's collector (tests/gui/conftest.py) still holds it.
    assert not gc.isenabled()
