"""Heavy analysis runs in one worker process that is kept and replaced if it dies."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from desktop.services.analysis_process import has_run, run_in_process, shutdown


@pytest.fixture(autouse=True)
def _stopped():
    yield
    shutdown()
    assert multiprocessing.active_children() == []


def test_jobs_run_in_one_kept_process_other_than_this_one() -> None:
    first = run_in_process(os.getpid)
    assert first != os.getpid()
    assert run_in_process(os.getpid) == first  # started once, kept
    assert has_run(os.getpid)
    assert run_in_process(divmod, 17, 5) == (3, 2)


def test_a_process_that_dies_is_replaced_on_the_next_call() -> None:
    before = run_in_process(os.getpid)
    with pytest.raises(BrokenProcessPool):
        run_in_process(os._exit, 3)
    after = run_in_process(os.getpid)
    assert after not in (before, os.getpid())


def test_shutdown_stops_the_process_and_the_next_call_starts_one() -> None:
    before = run_in_process(os.getpid)
    shutdown()
    assert multiprocessing.active_children() == []
    assert not has_run(os.getpid)  # a new process has loaded nothing yet
    assert run_in_process(os.getpid) not in (before, os.getpid())
