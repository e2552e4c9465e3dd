"""What grouping runs reads: each run's value of a grouping column, and metrics'
latest values, over a scope's runs (one query each, no per-run lookups)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from desktop.core.columns import Column
from desktop.core.views import RunScope
from desktop.store.array_reads import read_snapshot
from desktop.store.run_query import in_scope
from desktop.store.schema import MetricSummary, Param, Run, RunDataset, Tag


def group_values(conn: Connection, scope: RunScope, column: Column) -> dict[int, str]:
    """Each run's value of ``column`` (status, a param, a tag or the dataset
    names as the Dataset column shows them); runs without one are left out."""
    if column.kind == "attribute" and column.key == "status":
        query = select(Run.id, Run.status)
    elif column.kind in ("param", "tag"):
        table = Param if column.kind == "param" else Tag
        query = (
            select(table.run_pk, table.value)
            .join(Run, Run.id == table.run_pk)
            .where(table.key == column.key)
        )
    elif column.kind == "dataset":
        return _dataset_names(conn, scope)
    else:
        raise ValueError(f"runs cannot be grouped by {column.id}")
    with read_snapshot(conn) as reader:
        return dict(reader.rows(in_scope(query, scope)))


def _dataset_names(conn: Connection, scope: RunScope) -> dict[int, str]:
    """Each run's dataset names as the Dataset column shows them: each once, in
    the order the run logged them (SQLite 3.40's ``group_concat`` takes no order)."""
    query = (
        select(RunDataset.run_pk, RunDataset.name)
        .join(Run, Run.id == RunDataset.run_pk)
        .order_by(RunDataset.run_pk, RunDataset.position)
    )
    names: dict[int, dict[str, None]] = {}
    with read_snapshot(conn) as reader:
        for pk, name in reader.rows(in_scope(query, scope)):
            names.setdefault(pk, {})[name] = None
    return {pk: ", ".join(logged) for pk, logged in names.items()}


FIELDS = {
    "latest": MetricSummary.latest_value,
    "min": MetricSummary.min_value,
    "max": MetricSummary.max_value,
}


def metric_values(
    conn: Connection, scope: RunScope, columns: Sequence[Column]
) -> dict[str, dict[int, float]]:
    """By metric column id, each run's value (its latest, min or max, as the
    column shows; runs without one, or with NaN, left out)."""
    found: dict[str, dict[int, float]] = {}
    for field in FIELDS:
        wanted = {
            c.key: c.id for c in columns if c.kind == "metric" and c.field == field
        }
        if not wanted:
            continue
        value = FIELDS[field]
        query = (
            select(MetricSummary.key, MetricSummary.run_pk, value)
            .join(Run, Run.id == MetricSummary.run_pk)
            .where(MetricSummary.key.in_(list(wanted)), value.is_not(None))
        )
        for ident in wanted.values():
            found[ident] = {}
        with read_snapshot(conn) as reader:  # plain tuples: 10x faster here
            for key, pk, number in reader.rows(in_scope(query, scope)):
                found[wanted[key]][pk] = number
    return found
