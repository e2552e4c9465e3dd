"""List a database's runs with change stamps computed in SQL, in a few statements.

A stamp digests everything that changes when MLflow writes to a run: the ``runs``
row (status, end time, lifecycle, name...), per-run aggregates of
``latest_metrics`` (a new point at a new step or time changes the latest row),
params, tag keys and values (``crc`` of each, so an edited tag counts), inputs,
outputs and input tags. A run that is not terminated also covers the count and
latest time of its raw ``metrics`` rows. Every statement is set-based (one
``GROUP BY`` per table), so an unchanged 10,000-run database costs a handful of
short reads.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.core.enums import TERMINATED_STATUSES, lifecycle_stage, run_status_name
from desktop.sources.mlflow_db.cells import as_int, as_text
from desktop.sources.mlflow_db.connection import Rows, chunked
from desktop.sources.mlflow_db.schema import DbSchema


@dataclass(slots=True)
class RunHead:
    """One ``runs`` row and the SQL part of its change stamp."""

    run_id: str
    experiment_id: str
    name: str | None
    status: str
    lifecycle_stage: str
    start_time: int | None
    end_time: int | None
    deleted_time: int | None
    user_id: str | None
    artifact_uri: str | None
    parts: list = field(default_factory=list)
    #: ``(column, stored value)`` of cells that had to be coerced or dropped.
    odd: list[tuple[str, object]] = field(default_factory=list)

    def stamp(self, artifact_root: str | None) -> str:
        """The full stamp: SQL state plus the artifact folder's modification time."""
        try:
            folder = os.stat(artifact_root).st_mtime_ns if artifact_root else None
        except OSError:
            folder = None
        text = repr((self.parts, artifact_root, folder))
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _as_int(value: object, column: str, odd: list[tuple[str, object]]) -> int | None:
    number, ok = as_int(value)
    if not ok:
        odd.append((column, value))
    return number


def _as_text(value: object, column: str, odd: list[tuple[str, object]]) -> str | None:
    text, ok = as_text(value)
    if not ok:
        odd.append((column, value))
    return text


def list_runs(
    rows: Rows, schema: DbSchema, only: Sequence[str] | None = None
) -> list[RunHead]:
    """Every run (active and deleted) with its stamp parts; or only runs of ``only``."""
    deleted_time = schema.column_or("runs", "deleted_time", "NULL")
    name = schema.column_or("runs", "name", "NULL")
    heads: dict[str, RunHead] = {}
    select_runs = (
        f"SELECT run_uuid, experiment_id, {name}, status, lifecycle_stage, "
        f"start_time, end_time, {deleted_time}, user_id, artifact_uri FROM runs "
        "WHERE {filter}"
    )
    for row in _filtered(rows, select_runs, "run_uuid", only):
        odd: list[tuple[str, object]] = []
        head = RunHead(
            run_id=str(row[0]),
            experiment_id=str(row[1]),
            name=_as_text(row[2], "name", odd),
            status=run_status_name(row[3]),
            lifecycle_stage=lifecycle_stage(row[4]),
            start_time=_as_int(row[5], "start_time", odd),
            end_time=_as_int(row[6], "end_time", odd),
            deleted_time=_as_int(row[7], "deleted_time", odd),
            user_id=_as_text(row[8], "user_id", odd),
            artifact_uri=_as_text(row[9], "artifact_uri", odd),
            odd=odd,
        )
        head.parts.append(tuple(row))
        heads[head.run_id] = head
    wanted = None if only is None else list(heads)
    for label, sql, column in _aggregates(schema):
        for row in _filtered(rows, sql, column, wanted):
            head = heads.get(str(row[0]))
            if head is not None:
                head.parts.append((label, *row[1:]))
    live = [h.run_id for h in heads.values() if h.status not in TERMINATED_STATUSES]
    for row in _live_metric_counts(rows, live):
        heads[str(row[0])].parts.append(("live", *row[1:]))
    return list(heads.values())


def _filtered(
    rows: Rows, sql: str, column: str, only: Sequence[str] | None
) -> list[tuple]:
    """Rows of ``sql`` (with a ``{filter}`` on ``column``) for all runs or some."""
    if only is None:
        return rows(sql.format(filter="1"))
    found: list[tuple] = []
    for chunk in chunked(only):
        marks = ",".join("?" * len(chunk))
        found += rows(sql.format(filter=f"{column} IN ({marks})"), chunk)
    return found


def _aggregates(schema: DbSchema) -> list[tuple[str, str, str]]:
    """``(label, statement, run column)`` of each per-run aggregate."""
    queries = [
        (
            "params",
            "SELECT run_uuid, count(*), total(length(value)), "
            "total(crc(CAST(key AS BLOB))) FROM params WHERE {filter} "
            "GROUP BY run_uuid",
            "run_uuid",
        ),
        (
            "tags",
            "SELECT run_uuid, count(*), total(crc(CAST(key || char(31) || "
            "coalesce(value, '') AS BLOB))) FROM tags WHERE {filter} GROUP BY run_uuid",
            "run_uuid",
        ),
    ]
    if schema.has("latest_metrics"):
        step = schema.column_or("latest_metrics", "step", "0")
        is_nan = schema.column_or("latest_metrics", "is_nan", "0")
        queries.append(
            (
                "latest",
                "SELECT run_uuid, count(*), max(timestamp), "
                f"total(crc(CAST(key || char(31) || {step} || char(31) || timestamp "
                f"|| char(31) || value || char(31) || {is_nan} AS BLOB))) "
                "FROM latest_metrics WHERE {filter} GROUP BY run_uuid",
                "run_uuid",
            )
        )
    else:  # MLflow 1.0/1.1 databases: no latest_metrics yet
        queries.append(
            (
                "metrics",
                "SELECT run_uuid, count(*), max(timestamp) FROM metrics "
                "WHERE {filter} GROUP BY run_uuid",
                "run_uuid",
            )
        )
    if schema.has("inputs"):
        # Before MLflow 2.x's inputs.step: the text '0' (a number cannot be
        # coalesced with '' on PostgreSQL; SQLite concatenates both alike).
        step = schema.column_or("inputs", "step", "'0'")
        queries.append(
            (
                "inputs",
                "SELECT destination_id, count(*), "
                "total(crc(CAST(source_id AS BLOB))) FROM inputs "
                "WHERE destination_type = 'RUN' AND {filter} "
                "GROUP BY destination_id",
                "destination_id",
            )
        )
        queries.append(
            (
                "models",
                f"SELECT source_id, count(*), total(crc(CAST(destination_id || "
                f"char(31) || source_type || char(31) || coalesce({step}, '') "
                "AS BLOB))) "
                "FROM inputs WHERE source_type IN ('RUN_INPUT', 'RUN_OUTPUT') "
                "AND {filter} GROUP BY source_id",
                "source_id",
            )
        )
        if schema.has("input_tags"):
            queries.append(
                (
                    "input_tags",
                    "SELECT i.destination_id, count(*), total(crc(CAST(t.name || "
                    "char(31) || coalesce(t.value, '') AS BLOB))) FROM input_tags t "
                    "JOIN inputs i ON i.input_uuid = t.input_uuid "
                    "WHERE i.destination_type = 'RUN' AND {filter} "
                    "GROUP BY i.destination_id",
                    "i.destination_id",
                )
            )
    return queries


def _live_metric_counts(rows: Rows, run_ids: Sequence[str]) -> list[tuple]:
    found: list[tuple] = []
    for chunk in chunked(run_ids):
        marks = ",".join("?" * len(chunk))
        found.extend(
            rows(
                "SELECT run_uuid, count(*), max(timestamp) FROM metrics "
                f"WHERE run_uuid IN ({marks}) GROUP BY run_uuid",
                chunk,
            )
        )
    return found
