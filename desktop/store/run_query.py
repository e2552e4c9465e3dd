"""Filter and sort runs in SQL: the search grammar compiled to SQLAlchemy.

Semantics follow MLflow's search (mlflow-formats.md §5.3): a clause on a missing
metric, param or tag is false (only ``IS NULL`` matches absence), a NaN latest metric
matches only ``!=``, ``LIKE`` is case-sensitive and ``ILIKE`` is not. Sorting puts
missing values last in both directions and breaks ties by start time (newest first)
then run id, as MLflow does.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from desktop.core.search import BoolOp, Comparison, Expr
from desktop.store.schema import (
    Experiment,
    MetricSummary,
    Param,
    Run,
    RunDataset,
    Tag,
)

METRIC_FIELDS = {"latest": "latest_value", "min": "min_value", "max": "max_value"}
ATTRIBUTE_COLUMNS = {
    "run_id": Run.run_id,
    "run_name": Run.run_name,
    "status": Run.status,
    "user_id": Run.user_id,
    "artifact_uri": Run.artifact_uri,
    "start_time": Run.start_time,
    "end_time": Run.end_time,
    "lifecycle_stage": Run.lifecycle_stage,
}


@dataclass(frozen=True, slots=True)
class SortKey:
    """Sort by an attribute, param, metric (latest, min or max) or tag."""

    kind: str
    key: str
    descending: bool = False
    metric_field: str = "latest"


@dataclass(frozen=True, slots=True)
class RunScope:
    """Which runs a query looks at before any filter."""

    experiment_pks: tuple[int, ...]
    include_deleted: bool = False
    top_level_only: bool = False


def _like_to_glob(pattern: str) -> str:
    """A case-sensitive SQLite GLOB equivalent of a LIKE pattern."""
    out = []
    for char in pattern:
        if char == "%":
            out.append("*")
        elif char == "_":
            out.append("?")
        elif char in "*?[]":
            out.append(f"[{char}]")
        else:
            out.append(char)
    return "".join(out)


def _compare_text(column: ColumnElement, op: str, value: str) -> ColumnElement:
    if op == "=":
        return column == value
    if op == "!=":
        return column != value
    if op == "LIKE":
        return column.op("GLOB")(_like_to_glob(value))
    if op == "ILIKE":
        return func.lower(column).like(func.lower(literal(value)))
    if op == "CONTAINS":
        return func.instr(func.lower(column), func.lower(literal(value))) > 0
    raise ValueError(op)


def _compare_number(column: ColumnElement, op: str, value: float) -> ColumnElement:
    return {
        "=": column == value,
        "!=": column != value,
        "<": column < value,
        "<=": column <= value,
        ">": column > value,
        ">=": column >= value,
    }[op]


def compile_filter(expr: Expr) -> ColumnElement[bool]:
    """An SQL condition on ``runs`` for a parsed filter."""
    if isinstance(expr, BoolOp):
        parts = [compile_filter(item) for item in expr.items]
        return and_(*parts) if expr.op == "AND" else or_(*parts)
    return _compile_comparison(expr)


def _compile_comparison(c: Comparison) -> ColumnElement[bool]:
    if c.kind == "attribute":
        column = ATTRIBUTE_COLUMNS[c.key]
        if c.op in ("IN", "NOT IN"):
            assert isinstance(c.value, tuple)
            inside = column.in_(list(c.value))
            return inside if c.op == "IN" else not_(inside)
        if isinstance(c.value, float):
            return and_(column.is_not(None), _compare_number(column, c.op, c.value))
        assert isinstance(c.value, str)
        return _compare_text(column, c.op, c.value)
    if c.kind == "metric":
        assert isinstance(c.value, float)
        m = aliased(MetricSummary)
        if c.op == "!=":
            cond = or_(m.latest_is_nan, m.latest_value != c.value)
        else:
            cond = _compare_number(m.latest_value, c.op, c.value)
        return exists().where(m.run_pk == Run.id, m.key == c.key, cond)
    if c.kind in ("param", "tag"):
        table = aliased(Param if c.kind == "param" else Tag)
        present = exists().where(table.run_pk == Run.id, table.key == c.key)
        if c.op == "IS NULL":
            return not_(present)
        if c.op == "IS NOT NULL":
            return present
        assert isinstance(c.value, str)
        return exists().where(
            table.run_pk == Run.id,
            table.key == c.key,
            _compare_text(table.value, c.op, c.value),
        )
    if c.kind == "dataset":
        d = aliased(RunDataset)
        column = (
            func.json_extract(d.tags_json, '$."mlflow.data.context"')
            if c.key == "context"
            else getattr(d, c.key)
        )
        if c.op in ("IN", "NOT IN"):
            assert isinstance(c.value, tuple)
            cond = column.in_(list(c.value))
            if c.op == "NOT IN":
                cond = not_(cond)
        else:
            assert isinstance(c.value, str)
            cond = _compare_text(column, c.op, c.value)
        return exists().where(d.run_pk == Run.id, cond)
    raise ValueError(c.kind)


def search_run_pks(
    conn: Connection,
    scope: RunScope,
    expr: Expr | None = None,
    sort: SortKey | None = None,
) -> list[int]:
    """Row ids of the runs in ``scope`` matching ``expr``, in ``sort`` order."""
    if not scope.experiment_pks:
        return []
    query = select(Run.id).where(Run.experiment_pk.in_(scope.experiment_pks))
    if not scope.include_deleted:
        query = query.where(Run.lifecycle_stage == "active")
    if scope.top_level_only:
        query = query.where(Run.parent_run_id.is_(None))
    if expr is not None:
        query = query.where(compile_filter(expr))
    order: list[ColumnElement] = []
    if sort is not None:
        query, order = _sort_order(query, sort)
    order += [Run.start_time.desc(), Run.run_id.asc()]
    return list(conn.scalars(query.order_by(*order)))


def _directed(column: ColumnElement, descending: bool) -> ColumnElement:
    return column.desc() if descending else column.asc()


def _sort_order(query, sort: SortKey) -> tuple:
    """The query joined as needed, and its ORDER BY terms (missing values last)."""
    if sort.kind == "attribute":
        if sort.key == "duration":
            value = Run.end_time - Run.start_time
        elif sort.key == "experiment_name":
            query = query.join(Experiment, Experiment.id == Run.experiment_pk)
            value = Experiment.name
        elif sort.key == "parent_run_id":
            value = Run.parent_run_id
        else:
            value = ATTRIBUTE_COLUMNS[sort.key]
        return query, [value.is_(None), _directed(value, sort.descending)]
    if sort.kind == "metric":
        m = aliased(MetricSummary)
        query = query.outerjoin(m, and_(m.run_pk == Run.id, m.key == sort.key))
        value = getattr(m, METRIC_FIELDS[sort.metric_field])
        return query, [value.is_(None), _directed(value, sort.descending)]
    table = aliased(Param if sort.kind == "param" else Tag)
    query = query.outerjoin(table, and_(table.run_pk == Run.id, table.key == sort.key))
    order = [table.value.is_(None)]
    if sort.kind == "param":  # numbers first, numerically (9 < 10), then text
        order += [
            table.value_num.is_(None),
            _directed(table.value_num, sort.descending),
        ]
    return query, [*order, _directed(table.value, sort.descending)]


def count_runs(conn: Connection, scope: RunScope) -> int:
    """How many runs the scope holds before any filter."""
    query = (
        select(func.count())
        .select_from(Run)
        .where(Run.experiment_pk.in_(scope.experiment_pks))
    )
    if not scope.include_deleted:
        query = query.where(Run.lifecycle_stage == "active")
    if scope.top_level_only:
        query = query.where(Run.parent_run_id.is_(None))
    return int(conn.scalar(query) or 0)
