"""Files that are not (complete) MLflow databases: a clear problem naming the file,
and the store keeps what an earlier import brought in."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desktop.services.sources import run_source_import, source_kind
from tests.db.db_writer import WrittenDb
from tests.robustness.robust_helpers import store_state

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def _single_problem(report, path: Path) -> str:
    assert report.source_id is None
    assert not report.imported_anything
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.path == str(path)
    return problem.message


def test_sqlite_file_without_mlflow_tables(tmp_path: Path, store) -> None:
    db = tmp_path / "notes.db"
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    message = _single_problem(run_source_import(store, db), db)
    assert "not an MLflow tracking database" in message


def test_database_missing_some_tables(db_copy: WrittenDb, store) -> None:
    with closing(sqlite3.connect(db_copy.path)) as conn, conn:
        conn.execute("DROP TABLE params")
        conn.execute("DROP TABLE metrics")
    message = _single_problem(run_source_import(store, db_copy.path), db_copy.path)
    assert message == (
        "incomplete MLflow tracking database: missing tables: metrics, params"
    )


@pytest.mark.parametrize(
    ("content", "why"),
    [(b"", "not an SQLite database"), (b"garbage" * 100, "not an SQLite database")],
    ids=["empty", "garbage"],
)
def test_files_that_are_not_databases(
    tmp_path: Path, store, content: bytes, why: str
) -> None:
    db = tmp_path / "mlflow.db"
    db.write_bytes(content)
    assert source_kind(str(db)) == "mlflow-db"
    assert _single_problem(run_source_import(store, db), db) == why


def test_truncated_database_keeps_the_earlier_import(
    db_copy: WrittenDb, store, tmp_path: Path
) -> None:
    first = run_source_import(store, db_copy.path)
    before = store_state(store, first.source_id)
    size = db_copy.path.stat().st_size
    with open(db_copy.path, "r+b") as handle:
        handle.truncate(size // 3)
    report = run_source_import(store, db_copy.path)
    assert report.problems, "a truncated database must be reported"
    assert all(p.path == str(db_copy.path) for p in report.problems)
    assert any(
        "damaged or truncated" in p.message or "cannot be read" in p.message
        for p in report.problems
    )
    assert store_state(store, first.source_id) == before


def test_corrupt_pages_keep_the_earlier_import(db_copy: WrittenDb, store) -> None:
    first = run_source_import(store, db_copy.path)
    before = store_state(store, first.source_id)
    data = bytearray(db_copy.path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for start in range(page * 2, len(data), page):  # every page but the schema
        data[start : start + 64] = b"\xff" * 64
    db_copy.path.write_bytes(bytes(data))
    report = run_source_import(store, db_copy.path)
    assert report.problems
    assert all(p.path == str(db_copy.path) for p in report.problems)
    assert store_state(store, first.source_id) == before


def test_missing_file(tmp_path: Path, store) -> None:
    db = tmp_path / "gone.db"
    report = run_source_import(store, db)
    assert report.problems
    assert not report.imported_anything
