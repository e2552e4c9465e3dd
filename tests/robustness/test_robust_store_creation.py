"""Creating and opening the store: crash safety and foreign files (issue 17).

A kill at any moment of a store's creation leaves either no store or a whole one;
a store half-created by an older version is recovered; a file that is not a store
(an MLflow ``mlflow.db``, a folder, any other file) is refused untouched.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from desktop.store import queries
from desktop.store.database import StoreError, open_store
from tests.robustness.robust_helpers import REPO, integrity_ok, tree_snapshot

MLFLOW_DB = REPO / "tests" / "data" / "sqlite_sample" / "mlflow.db"
KILL_TRIALS = 12
CHILD = (
    "import sys\n"
    "from desktop.store.database import open_store\n"
    "print('ready', flush=True)\n"
    "open_store(sys.argv[1]).close()\n"
    "print('done', flush=True)\n"
)


def _usable(db: Path) -> None:
    """The store opens at the current schema, passes integrity and can be written."""
    store = open_store(db)
    try:
        with store.engine.begin() as conn:
            assert queries.list_sources(conn) == []
            conn.exec_driver_sql(
                "INSERT INTO sources (kind, location, name, added_at) "
                "VALUES ('mlruns', '/x', 'x', 0)"
            )
    finally:
        store.close()
    assert integrity_ok(db)


def test_a_half_created_store_is_recovered(tmp_path: Path) -> None:
    """Tables but an empty ``alembic_version`` (a kill mid-creation, old versions)."""
    db = tmp_path / "store.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    conn.execute("CREATE TABLE sources (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    _usable(db)


def test_a_store_with_data_but_no_revision_is_not_replaced(tmp_path: Path) -> None:
    """Rows in a store table: never discarded, whatever its revision says."""
    db = tmp_path / "store.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE sources (id INTEGER PRIMARY KEY)")
    conn.execute("INSERT INTO sources VALUES (1)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(OperationalError, match="already exists"):
        open_store(db).close()  # the app shows SQLite's reason (startup_checks)
    assert sqlite3.connect(db).execute("SELECT id FROM sources").fetchall() == [(1,)]
    assert len(db.read_bytes()) >= len(before)


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    db.touch()
    _usable(db)


@pytest.mark.slow  # kill -9 loop over store creation
def test_kill_during_creation_never_leaves_a_broken_store(tmp_path: Path) -> None:
    """SIGKILL at spread moments of creation; every outcome opens (or is created)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # How long creation takes here, measured from the child's "ready".
    probe = tmp_path / "probe.db"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(probe)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    assert child.stdout.readline().strip() == "done"
    span = time.perf_counter() - started
    child.wait(timeout=60)
    outcomes = {"none": 0, "whole": 0}
    for trial in range(KILL_TRIALS):
        db = tmp_path / f"store{trial}.db"
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        # The kill moment is what is tested: spread over the creation span.
        time.sleep(span * trial / KILL_TRIALS)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()
        outcomes["whole" if db.exists() else "none"] += 1
        _usable(db)
        leftovers = [p.name for p in tmp_path.iterdir() if ".creating." in p.name]
        assert leftovers == [], leftovers
    assert outcomes["none"] > 0, outcomes  # the kills did land mid-creation


def _mlflow_db_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy2(MLFLOW_DB, folder / "mlflow.db")
    return folder / "mlflow.db"


def test_an_mlflow_database_as_store_is_refused_untouched(tmp_path: Path) -> None:
    db = _mlflow_db_copy(tmp_path)
    before = tree_snapshot(db.parent)
    with pytest.raises(StoreError, match="MLflow tracking database"):
        open_store(db)
    assert tree_snapshot(db.parent) == before  # no WAL switch, no -shm, no -wal


def test_a_folder_as_store_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "x.db"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        open_store(folder)
    assert list(folder.iterdir()) == []


def test_a_text_file_as_store_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    before = tree_snapshot(tmp_path)
    with pytest.raises(StoreError, match="not an SQLite database"):
        open_store(path)
    assert tree_snapshot(tmp_path) == before


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers VALUES (1, 'a')")
    conn.commit()
    conn.close()
    before = tree_snapshot(tmp_path)
    with pytest.raises(StoreError, match="another program"):
        open_store(path)
    assert tree_snapshot(tmp_path) == before
