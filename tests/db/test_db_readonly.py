"""The database is read strictly read-only: no byte, timestamp or file changes.

Rollback-journal databases (what MLflow writes) are read in place; WAL databases
without their -wal/-shm files (``migrate-filestore`` leaves them so) and
databases in folders we cannot write are read from a private snapshot copy.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.import_pipeline import ImportOptions
from desktop.services.sources import run_source_import, source_kind
from desktop.sources.mlflow_db.connection import ReadOnlyDb, fetch_all, is_wal_mode
from desktop.store.database import Store, open_store
from tests.db.db_helpers import (
    make_read_only,
    make_writable,
    restricted_db_import,
    run_count,
    tag_of,
    to_wal,
)
from tests.db.db_writer import WrittenDb
from tests.robustness.robust_helpers import tree_snapshot

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def _imports_leave_folder_untouched(store: Store, db: Path) -> int:
    before = tree_snapshot(db.parent)
    first = run_source_import(store, db)
    assert first.problems == []
    assert tree_snapshot(db.parent) == before
    again = run_source_import(store, db)
    assert again.runs_read == 0
    full = run_source_import(store, db, ImportOptions(full=True))
    assert full.runs_read == first.runs_total
    assert tree_snapshot(db.parent) == before
    return first.runs_total


def test_rollback_journal_database_is_untouched(db_copy: WrittenDb, store) -> None:
    assert source_kind(str(db_copy.path)) == "mlflow-db"
    total = _imports_leave_folder_untouched(store, db_copy.path)
    assert total == len(db_copy.runs)


def test_wal_database_is_untouched_and_no_wal_files_appear(
    db_copy: WrittenDb, store
) -> None:
    to_wal(db_copy.path)
    assert not Path(f"{db_copy.path}-wal").exists()
    total = _imports_leave_folder_untouched(store, db_copy.path)
    assert total == len(db_copy.runs)
    assert not Path(f"{db_copy.path}-wal").exists()
    assert not Path(f"{db_copy.path}-shm").exists()


def test_open_wal_database_is_read_with_the_rows_still_in_its_wal(
    db_copy: WrittenDb, store
) -> None:
    """A writer holds the database open: new rows are only in the -wal file."""
    to_wal(db_copy.path)
    writer = sqlite3.connect(db_copy.path)
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")
        with writer:
            writer.execute(
                "UPDATE tags SET value = 'in-the-wal' WHERE run_uuid = ? "
                "AND key = 'stage'",
                (db_copy.runs["edited"],),
            )
        main_bytes = db_copy.path.read_bytes()
        wal_bytes = Path(f"{db_copy.path}-wal").read_bytes()
        report = run_source_import(store, db_copy.path)
        assert report.problems == []
        assert tag_of(store, report.source_id, db_copy.runs["edited"], "stage") == (
            "in-the-wal"
        )
        assert db_copy.path.read_bytes() == main_bytes
        assert Path(f"{db_copy.path}-wal").read_bytes() == wal_bytes
    finally:
        writer.close()


_WAL_HOLDER = (
    "import sqlite3, sys\n"
    "w = sqlite3.connect(sys.argv[1])\n"
    "w.execute('PRAGMA wal_autocheckpoint=0')\n"
    "with w:\n"
    "    w.execute(\"UPDATE tags SET value = 'held' WHERE key = 'stage'\")\n"
    "print('ready', flush=True)\n"
    "sys.stdin.readline()\n"
)


def _hold_wal(path: Path) -> subprocess.Popen[str]:
    """A training process holding ``path`` open in WAL mode, a change still in
    its ``-wal``; it closes (checkpoint, side files deleted) when its stdin does."""
    to_wal(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", _WAL_HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "ready"
    return holder


def _release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    holder.wait(timeout=30)


def test_live_wal_database_is_read_without_touching_its_shm(
    db_copy: WrittenDb, store
) -> None:
    """Another process holds the WAL open: reading changes no byte of any file,
    not even the read marks in the shared ``-shm`` index (``readonly_shm``)."""
    holder = _hold_wal(db_copy.path)
    try:
        before = tree_snapshot(db_copy.path.parent)
        report = run_source_import(store, db_copy.path)
        assert report.problems == []
        assert tag_of(store, report.source_id, db_copy.runs["edited"], "stage") == (
            "held"
        )
        assert tree_snapshot(db_copy.path.parent) == before
    finally:
        _release(holder)


def test_reading_goes_on_when_the_training_process_closes_its_wal(
    db_copy: WrittenDb,
) -> None:
    """The writer's last close checkpoints and deletes ``-wal`` and ``-shm``
    between two of our statements: the next statement still answers (from a
    private copy), and no file appears next to the database."""
    holder = _hold_wal(db_copy.path)
    sql = "SELECT value FROM tags WHERE run_uuid = ? AND key = 'stage'"
    with ReadOnlyDb(db_copy.path) as db:
        assert not db.snapshot
        assert db.rows(sql, (db_copy.runs["edited"],)) == [("held",)]
        _release(holder)
        assert not db_copy.path.with_name(db_copy.path.name + "-shm").exists()
        left = tree_snapshot(db_copy.path.parent)

        assert db.rows(sql, (db_copy.runs["edited"],)) == [("held",)]
        assert db.snapshot
    assert tree_snapshot(db_copy.path.parent) == left


def test_a_wal_index_being_rebuilt_sends_the_reader_to_a_copy(
    db_copy: WrittenDb,
) -> None:
    """A writer opening or closing the database can leave its ``-shm`` index in a
    state a read-only reader may not fix: SQLite answers "attempt to write a
    readonly database". That read is answered from a private copy instead of
    failing the import (seen once in the concurrent-writer test)."""
    holder = _hold_wal(db_copy.path)
    sql = "SELECT value FROM tags WHERE run_uuid = ? AND key = 'stage'"
    failures = ["attempt to write a readonly database"]

    def work(conn):
        if failures:
            raise sqlite3.OperationalError(failures.pop())
        return fetch_all(conn, sql, (db_copy.runs["edited"],))

    try:
        before = tree_snapshot(db_copy.path.parent)
        with ReadOnlyDb(db_copy.path) as db:
            assert not db.snapshot
            assert db.read(work) == [("held",)]
            assert db.snapshot
        assert tree_snapshot(db_copy.path.parent) == before
    finally:
        _release(holder)


@pytest.mark.parametrize("leftover_wal", [False, True])
def test_wal_database_in_a_read_only_folder_imports(
    db_copy: WrittenDb, tmp_path: Path, leftover_wal: bool
) -> None:
    """Imported by a process that cannot write there (root's override dropped).

    With ``leftover_wal`` the folder also holds the -wal/-shm files of a writer
    that died, with a change not yet checkpointed into the database file.
    """
    to_wal(db_copy.path)
    folder = tmp_path / "readonly"
    folder.mkdir()
    if leftover_wal:
        writer = sqlite3.connect(db_copy.path)
        writer.execute("PRAGMA wal_autocheckpoint=0")
        with writer:
            writer.execute(
                "UPDATE tags SET value = 'in-the-wal' WHERE run_uuid = ? "
                "AND key = 'stage'",
                (db_copy.runs["edited"],),
            )
        for suffix in ("", "-wal", "-shm"):  # copied while the writer is alive
            shutil.copyfile(f"{db_copy.path}{suffix}", folder / f"mlflow.db{suffix}")
        writer.close()
    else:
        shutil.copyfile(db_copy.path, folder / "mlflow.db")
    db = folder / "mlflow.db"
    make_read_only(folder)
    before = tree_snapshot(folder)
    try:
        result = restricted_db_import(db, tmp_path / "store.db")
        after = tree_snapshot(folder)
    finally:
        make_writable(folder)
    assert result["write_denied"], "the child could still write: test is void"
    assert result["problems"] == []
    assert result["stored_runs"] == len(db_copy.runs)
    assert after == before
    store = open_store(tmp_path / "store.db")
    try:
        stage = tag_of(store, result["source_id"], db_copy.runs["edited"], "stage")
    finally:
        store.close()
    assert stage == ("in-the-wal" if leftover_wal else "final")


def test_migrated_sample_in_wal_mode_leaves_no_files(tmp_path: Path, store) -> None:
    data = Path(__file__).resolve().parents[1] / "data"
    folder = tmp_path / "migrated"
    folder.mkdir()
    db = folder / "mlflow.db"
    shutil.copy2(data / "migrated_from_filestore.db", db)
    assert is_wal_mode(str(db))
    before = tree_snapshot(folder)
    report = run_source_import(store, db)
    assert report.problems == []
    assert run_count(store, report.source_id) == 7
    assert tree_snapshot(folder) == before
