"""The user's marks on runs (star, hidden, note) in ``run_marks``.

Written with plain SQL on a :meth:`~desktop.store.database.Store.begin`
connection, like the importer's writes. A mark is keyed by the run's source
location and MLflow run id, so it holds for the run in any later import of that
source; a mark with nothing left (no star, not hidden, no note) is deleted.
Each write stamps ``updated_at`` later than any stamp before it, so the store's
signature (:data:`desktop.store.peek.SIGNATURE_SQL`) changes with every mark.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, or_, select
from sqlalchemy.orm import aliased

from desktop.core.marks import MarkChange
from desktop.core.views import RunMark, RunScope
from desktop.store.batching import chunks
from desktop.store.schema import Run, Source
from desktop.store.schema import RunMark as RunMarkRow


def write_marks(
    conn: sqlite3.Connection, run_pks: Sequence[int], change: MarkChange
) -> int:
    """Apply ``change`` to the marks of runs ``run_pks``; returns the runs found."""
    keys: list[tuple[str, str]] = []
    for chunk in chunks(list(run_pks), 500):
        keys += conn.execute(
            "SELECT s.location, r.run_id FROM runs r "
            "JOIN sources s ON s.id = r.source_id "
            f"WHERE r.id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
    if not keys:
        return 0
    (latest,) = conn.execute("SELECT max(updated_at) FROM run_marks").fetchone()
    now = max(int(time.time() * 1000), (latest or 0) + 1)
    conn.executemany(
        "INSERT OR IGNORE INTO run_marks "
        "(location, run_id, starred, hidden, note, updated_at) "
        "VALUES (?, ?, 0, 0, NULL, ?)",
        [(location, run_id, now) for location, run_id in keys],
    )
    note = change.note_value()
    conn.executemany(
        "UPDATE run_marks SET starred = coalesce(?, starred), "
        "hidden = coalesce(?, hidden), "
        "note = CASE WHEN ? THEN ? ELSE note END, updated_at = ? "
        "WHERE location = ? AND run_id = ?",
        [
            (
                change.starred,
                change.hidden,
                change.note is not None,
                note,
                now,
                location,
                run_id,
            )
            for location, run_id in keys
        ],
    )
    conn.execute(
        "DELETE FROM run_marks WHERE NOT starred AND NOT hidden AND note IS NULL"
    )
    return len(keys)


def read_marks(conn: Connection, run_pks: Sequence[int]) -> dict[int, RunMark]:
    """The marks of those of runs ``run_pks`` that have one."""
    out: dict[int, RunMark] = {}
    for chunk in chunks(list(run_pks), 500):
        for pk, starred, hidden, note in conn.execute(
            select(Run.id, RunMarkRow.starred, RunMarkRow.hidden, RunMarkRow.note)
            .join(Source, Source.id == Run.source_id)
            .join(
                RunMarkRow,
                and_(
                    RunMarkRow.location == Source.location,
                    RunMarkRow.run_id == Run.run_id,
                ),
            )
            .where(Run.id.in_(chunk))
        ):
            out[pk] = RunMark(bool(starred), bool(hidden), note)
    return out


def marked(
    condition: Callable[[type[RunMarkRow]], ColumnElement[bool]],
) -> ColumnElement[bool]:
    """An SQL condition on ``runs``: the run has a mark meeting ``condition``
    (given the ``run_marks`` alias to test)."""
    m = aliased(RunMarkRow)
    source = aliased(Source)
    return exists().where(
        source.id == Run.source_id,
        m.location == source.location,
        m.run_id == Run.run_id,
        condition(m),
    )


def hidden_run_pks(
    rows: Callable[[Select], Sequence[Any]], scope: RunScope
) -> list[int]:
    """Row ids of the runs in ``scope`` (before any filter) the user hid, read
    with ``rows`` (a query's rows: a connection's, or a snapshot reader's).

    Read from the marks (few) to the runs through their ``(source, run id)``
    index: a lookup per run in scope would cost 100,000 lookups on every search
    of a big experiment.
    """
    pairs = [
        tuple(row)
        for row in rows(
            select(Source.id, RunMarkRow.run_id)
            .join(Source, Source.location == RunMarkRow.location)
            .where(RunMarkRow.hidden)
        )
    ]
    experiments = set(scope.experiment_pks)
    found: list[int] = []
    for chunk in chunks(pairs, 200):
        # One (source, run id) index lookup per pair; the scope is checked here,
        # not in SQL (SQLite would rather scan the experiment's runs). An OR of
        # pairs, not a row-value IN, which SQLite answers with a scan.
        query = select(
            Run.id, Run.experiment_pk, Run.lifecycle_stage, Run.parent_run_id
        ).where(or_(*(and_(Run.source_id == s, Run.run_id == r) for s, r in chunk)))
        found += (
            int(pk)
            for pk, experiment, stage, parent in rows(query)
            if experiment in experiments
            and (scope.include_deleted or stage == "active")
            and not (scope.top_level_only and parent is not None)
        )
    return found
