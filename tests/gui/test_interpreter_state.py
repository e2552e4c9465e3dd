"""Objects of the UI leave the interpreter as they found it (issue 18, seam 5):
an import runner changes the thread switch interval only while it imports, and
no import freezes objects into the collector's permanent generation."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest

from desktop.core.thread_switching import FAST_INTERVAL
from desktop.ui.workers import ImportRunner

OURS = 0.007  # not Python's default, not the import's


@pytest.fixture
def switch_interval() -> Iterator[None]:
    previous = sys.getswitchinterval()
    sys.setswitchinterval(OURS)
    yield
    sys.setswitchinterval(previous)


def test_an_import_runner_restores_the_interpreter_after_its_imports(
    qtbot, store, sample_mlruns, switch_interval
) -> None:
    frozen = gc.get_freeze_count()
    runner = ImportRunner(store)
    # Constructing the runner changes nothing.
    assert sys.getswitchinterval() == pytest.approx(OURS, abs=1e-5)
    during: list[float] = []
    runner.started.connect(lambda _path: during.append(sys.getswitchinterval()))
    with qtbot.waitSignal(runner.idle, timeout=60_000):
        runner.enqueue(sample_mlruns)
        runner.enqueue(sample_mlruns.parent)  # a batch of two
    assert during == [pytest.approx(FAST_INTERVAL, abs=1e-5)] * 2
    assert sys.getswitchinterval() == pytest.approx(OURS, abs=1e-5)
    assert gc.get_freeze_count() == frozen  # nothing frozen for good
    runner.shutdown()


def test_shutting_down_a_running_import_restores_the_switch_interval(
    qtbot, store, sample_mlruns, switch_interval
) -> None:
    runner = ImportRunner(store)
    with qtbot.waitSignal(runner.started, timeout=10_000):
        runner.enqueue(sample_mlruns)
    assert sys.getswitchinterval() == pytest.approx(FAST_INTERVAL, abs=1e-5)
    assert runner.shutdown()
    qtbot.waitUntil(lambda: not runner.is_running(), timeout=30_000)
    assert sys.getswitchinterval() == pytest.approx(OURS, abs=1e-5)
