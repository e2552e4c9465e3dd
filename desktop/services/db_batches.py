"""The database import's job: read a batch of runs and encode them as store rows.

Runs in the import's worker processes for big imports (each opens its own
read-only connection, once) and in the importing process for small ones. Kept apart
from :mod:`desktop.services.importing_db` so workers import only the reader and the
row encoder.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import Problem, RunRecord
from desktop.sources.mlflow_db.connection import (
    ReadOnlyDb,
    SqlReader,
    describe_error,
)
from desktop.sources.mlflow_db.runs import read_runs
from desktop.sources.mlflow_db.schema import DbSchema
from desktop.sources.mlflow_db.stamps import RunHead
from desktop.store.run_rows import RunRows, encode_runs

RowBatch = tuple[RunRows, list[Problem], int]

# This worker process's connection per database read (see ReadOnlyDb.reading).
_readers: dict[tuple[str, str], ReadOnlyDb] = {}


@dataclass(frozen=True, slots=True)
class DbRunTask:
    """One run to read: where the database is read from, and what is known of it."""

    reading: tuple[str, str]
    schema: DbSchema
    db_path: str  # the user's database, named in problems and run locations
    head: RunHead
    artifact_root: str | None
    stamp: str


def read_db_row_batch(tasks: Sequence[DbRunTask]) -> RowBatch:
    """Read runs in a worker process (its connection opened once) and encode them."""
    reading = tasks[0].reading
    db = _readers.get(reading)
    if db is None:
        db = _readers[reading] = ReadOnlyDb.reopen(reading)
    return read_row_batch(db, tasks)


def read_row_batch(db: SqlReader, tasks: Sequence[DbRunTask]) -> RowBatch:
    """Read runs through ``db`` and encode them; rows, problems, number of tasks."""
    problems: list[Problem] = []
    records = _read(db, list(tasks), problems)
    return encode_runs(records), problems, len(tasks)


def _read(
    db: SqlReader, tasks: list[DbRunTask], problems: list[Problem]
) -> list[RunRecord]:
    first = tasks[0]
    try:
        return read_runs(
            db.rows,
            first.schema,
            [t.head for t in tasks],
            first.db_path,
            {t.head.run_id: t.artifact_root for t in tasks},
            {t.head.run_id: t.stamp for t in tasks},
            problems.append,
        )
    except (
        DBAPIError,
        sqlite3.Error,
        ValueError,
        TypeError,
        ArithmeticError,
        UnicodeError,
    ) as exc:  # a value no reader expected: isolate the run that holds it
        if len(tasks) > 1:  # find the runs that cannot be read, keep the others
            middle = len(tasks) // 2
            return _read(db, tasks[:middle], problems) + _read(
                db, tasks[middle:], problems
            )
        message = describe_error(exc) if isinstance(exc, DBAPIError) else str(exc)
        problems.append(
            Problem(
                first.db_path,
                QT_TRANSLATE_NOOP(
                    "Import", "run {0}: cannot be read ({1}); the stored copy is kept"
                ).format(first.head.run_id, message),
            )
        )
        return []
