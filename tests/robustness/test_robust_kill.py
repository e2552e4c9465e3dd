"""SIGKILL in the middle of an import: the store stays sound and loses nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.services.importing import run_import
from desktop.store.database import open_store
from tests.robustness.robust_helpers import REPO, integrity_ok, store_state

pytestmark = pytest.mark.slow  # kill -9 of a big import


def stored_runs(db: Path, root: Path) -> int | None:
    """Runs stored for the source ``root``, read without locking (None if busy)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
    except sqlite3.Error:
        return None
    try:
        return conn.execute(
            "SELECT count(*) FROM runs r JOIN sources s ON s.id = r.source_id "
            "WHERE s.location = ?",
            (str(root),),
        ).fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes of a process group."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == pgid and state != "Z":
            members.append(int(entry))
    return members


def test_sigkill_mid_import(
    big_tree: tuple[Path, int], sample_root: Path, tmp_path: Path
) -> None:
    """Kill the CLI import (and its workers) mid-way, then check and resume."""
    big, total = big_tree
    db = tmp_path / "store.db"
    store = open_store(db)
    first = run_import(store, sample_root)
    before = store_state(store, first.source_id)
    store.close()

    env = dict(os.environ, MLFLOW_ALLOW_FILE_STORE="true")
    command = [sys.executable, "-m", "desktop", "import", str(big), "--store", str(db)]
    proc = subprocess.Popen(
        [*command, "-q", "--workers", "2"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        seen = None
        while time.monotonic() < deadline and proc.poll() is None:
            seen = stored_runs(db, big)
            if seen:
                break
            time.sleep(0.01)
        members = group_members(proc.pid)
        still_running = proc.poll() is None
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()

    assert still_running, f"the import ended before the kill: {stderr}"
    assert seen is not None
    assert 0 < seen < total, seen
    assert len(members) >= 3, "expected the CLI, the fork server and workers"
    deadline = time.monotonic() + 10
    while group_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert group_members(proc.pid) == [], "processes of the import survived"

    store = open_store(db)
    try:
        assert integrity_ok(db)
        assert store_state(store, first.source_id) == before
        with store.engine.connect() as conn:
            big_id, synced = conn.exec_driver_sql(
                "SELECT id, last_sync_at FROM sources WHERE location = ?", (str(big),)
            ).one()
            kept = conn.exec_driver_sql(
                "SELECT count(*) FROM runs WHERE source_id = ?", (big_id,)
            ).scalar()
        assert synced is None  # the killed import never finished
        assert kept >= seen

        report = run_import(store, big, workers=1)

        assert not report.cancelled
        assert report.problems == []
        assert report.runs_total == total
        assert report.runs_unchanged == kept
        assert report.runs_read == total - kept
        with store.engine.connect() as conn:
            count = conn.exec_driver_sql(
                "SELECT count(*) FROM runs WHERE source_id = ?", (big_id,)
            ).scalar()
            names = conn.exec_driver_sql(
                "SELECT count(DISTINCT run_name) FROM runs WHERE source_id = ?",
                (big_id,),
            ).scalar()
        assert count == names == total
        assert store_state(store, first.source_id) == before
        assert integrity_ok(db)
    finally:
        store.close()
