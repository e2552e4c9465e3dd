"""Heavy analysis runs in one worker process that is kept and replaced if it dies."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool

import pytest

from desktop.services.analysis_process import AnalysisProcess


@pytest.fixture
def analysis() -> Iterator[AnalysisProcess]:
    process = AnalysisProcess()
    yield process
    process.shutdown()
    assert multiprocessing.active_children() == []


def test_jobs_run_in_one_kept_process_other_than_this_one(analysis) -> None:
    first = analysis.run(os.getpid)
    assert first != os.getpid()
    assert analysis.run(os.getpid) == first  # started once, kept
    assert analysis.has_run(os.getpid)
    assert analysis.run(divmod, 17, 5) == (3, 2)


def test_a_process_that_dies_is_replaced_on_the_next_call(analysis) -> None:
    before = analysis.run(os.getpid)
    with pytest.raises(BrokenProcessPool):
        analysis.run(os._exit, 3)
    after = analysis.run(os.getpid)
    assert after not in (before, os.getpid())


def test_shutdown_stops_the_process_and_the_next_call_starts_one(analysis) -> None:
    before = analysis.run(os.getpid)
    analysis.shutdown()
    assert multiprocessing.active_children() == []
    assert not analysis.has_run(os.getpid)  # a new process has loaded nothing yet
    assert analysis.run(os.getpid) not in (before, os.getpid())


def test_two_instances_keep_processes_of_their_own(analysis) -> None:
    other = AnalysisProcess()
    try:
        assert other.run(os.getpid) != analysis.run(os.getpid)
        assert not other.has_run(divmod)
        analysis.run(divmod, 1, 1)
        assert not other.has_run(divmod)
    finally:
        other.shutdown()
