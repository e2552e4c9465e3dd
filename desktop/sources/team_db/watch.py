"""A cheap change signal for a team database, for live refresh to poll.

A server database has no file to ``stat``; one short statement of counts and
maxima over MLflow's small tables stands in: it changes when a run is created,
started, finished, renamed, deleted or restored, and when a metric, param or tag
is logged or a tag edited. It reads only ``runs``, ``latest_metrics``,
``params``, ``tags``, ``experiments`` and ``experiment_tags`` (never the big
``metrics`` table). What it can miss (a tag value replaced by one of the same
length) shows with the next change that it does see.
"""

from __future__ import annotations

from desktop.sources.mlflow_db.connection import Rows
from desktop.sources.mlflow_db.schema import DbSchema


def fingerprint_sql(schema: DbSchema) -> str:
    """The one statement whose row is the database's change fingerprint."""
    parts = [
        "(SELECT count(*) FROM runs)",
        "(SELECT max(start_time) FROM runs)",
        "(SELECT max(end_time) FROM runs)",
        "(SELECT sum(length(status)) FROM runs)",
        "(SELECT sum(length(lifecycle_stage)) FROM runs)",
        "(SELECT count(*) FROM params)",
        "(SELECT count(*) FROM tags)",
        "(SELECT sum(length(value)) FROM tags)",
        "(SELECT count(*) FROM experiments)",
        "(SELECT sum(length(name)) FROM experiments)",
    ]
    if schema.has("experiment_tags"):
        parts += [
            "(SELECT count(*) FROM experiment_tags)",
            "(SELECT sum(length(value)) FROM experiment_tags)",
        ]
    if schema.has("runs", "deleted_time"):
        parts.append("(SELECT max(deleted_time) FROM runs)")
    if schema.has("latest_metrics"):
        parts += [
            "(SELECT count(*) FROM latest_metrics)",
            "(SELECT max(timestamp) FROM latest_metrics)",
        ]
    else:
        parts.append("(SELECT max(timestamp) FROM metrics)")
    return "SELECT " + ", ".join(parts)


def fingerprint(rows: Rows, schema: DbSchema) -> tuple:
    """The database's change fingerprint (equal: nothing MLflow writes changed)."""
    return tuple(str(value) for value in rows(fingerprint_sql(schema))[0])
