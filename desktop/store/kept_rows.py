"""Stored rows of run parts a source could not read, kept across a re-import.

A reader lists what it could not read as ``(run_id, part, key)`` (see
:attr:`~desktop.core.records.RunRecord.kept`); :func:`kept_rows` fetches the
stored rows those cover before the run's children are replaced, and the writer
puts them back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

# part -> (table, key column); a table without a key column is kept whole when
# the whole part is (key ``""``).
_TABLES: dict[str, tuple[tuple[str, str | None], ...]] = {
    "params": (("params", "key"),),
    "tags": (("tags", "key"),),
    "metrics": (("metric_summaries", "key"), ("metric_histories", "key")),
    "artifacts": (("artifact_files", "path"), ("artifact_listings", None)),
    "datasets": (("run_datasets", None),),
    "models": (("run_models", "direction"),),  # key: "input" or "output"
}


def covered(key: str, kept: str) -> bool:
    """Whether a stored ``key`` falls under a kept key (a key, a folder, or all)."""
    return not kept or key == kept or key.startswith(kept + "/")


def kept_rows(
    conn: sqlite3.Connection, kept: Sequence[tuple], existing: dict[str, int]
) -> dict[str, list[tuple]]:
    """Full stored rows (by table) that the ``kept`` entries of stored runs cover."""
    wanted: dict[tuple[int, str], list[str]] = {}
    for run_id, part, key in kept:
        pk = existing.get(run_id)
        if pk is not None and part in _TABLES:
            wanted.setdefault((pk, part), []).append(key)
    saved: dict[str, list[tuple]] = {}
    for (pk, part), keys in wanted.items():
        for table, column in _TABLES[part]:
            result = conn.execute(f"SELECT * FROM {table} WHERE run_pk = ?", (pk,))
            if column is None:
                rows = result.fetchall() if "" in keys else []
                saved.setdefault(table, []).extend(tuple(row) for row in rows)
                continue
            index = [d[0] for d in result.description].index(column)
            saved.setdefault(table, []).extend(
                tuple(row)
                for row in result.fetchall()
                if any(covered(row[index], key) for key in keys)
            )
    return {table: rows for table, rows in saved.items() if rows}
