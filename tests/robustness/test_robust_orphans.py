"""Worker processes end with the importer, even while blocked; worker counts are
clamped to the machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.services.worker_pool import WorkerPool, clamp_workers, usable_cores

IMPORTER = textwrap.dedent(
    """
    import os, sys, time
    from desktop.services.worker_pool import WorkerPool

    pool = WorkerPool(2)
    executor = pool.executor()
    pids = {executor.submit(os.getpid).result() for _ in range(20)}
    for _ in range(4):
        executor.submit(open, sys.argv[1], "rb")  # a FIFO: blocks for ever
    print(" ".join(map(str, sorted(pids))), flush=True)
    time.sleep(600)
    """
)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _blocked_in_fifo_open(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/wchan").read_text() == "wait_for_partner"
    except OSError:
        return False


def _wait_until(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)  # polling interval of a bounded wait


@pytest.mark.timeout(60)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_blocked_in_a_read_die_when_the_importer_is_killed(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    importer = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(fifo)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = importer.stdout.readline() if importer.stdout else ""
        pids = [int(p) for p in line.split()]
        assert pids, "the importer started no workers"
        _wait_until(lambda: all(_blocked_in_fifo_open(p) for p in pids), 20)
        importer.send_signal(signal.SIGKILL)
        importer.wait(10)
        _wait_until(lambda: not any(_alive(p) for p in pids), 20)
        assert not [p for p in pids if _alive(p)]
    finally:
        importer.kill()
        importer.wait(10)
        if importer.stdout:
            importer.stdout.close()


def test_worker_counts_are_clamped_to_the_machine() -> None:
    cores = usable_cores()
    assert clamp_workers(200) == cores
    assert clamp_workers(None) == cores
    assert clamp_workers(-3) == 1
    assert WorkerPool(200).workers == cores
